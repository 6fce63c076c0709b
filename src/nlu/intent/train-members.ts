import { EmbeddingMlpHead } from './embedding-mlp-head.ts';
import { ExemplarIndex } from './exemplar-index.ts';
import { SparseSoftmaxModel } from './sparse-softmax-model.ts';
import type { FeatureSettings, SparseRow, TextFeaturizer } from './text-features.ts';

/** Every knob of the ensemble; the defaults come from BANKING77 experiments (see bench/intent/README.md). */
export interface TrainSettings {
  features: FeatureSettings;
  lexical: { epochs: number; learningRate: number; l2: number };
  mlp: { hidden: number; dropout: number; batchSize: number; learningRate: number; minEpochs: number; maxEpochs: number; targetSteps: number };
  /** Share of each intent's examples held out to choose the mix weight and calibrate the out-of-scope threshold. */
  holdoutFraction: number;
  /** Share of the epochs spent continuing the calibration model on all examples (instead of training anew). */
  finetuneFraction: number;
}

export function defaultTrainSettings(numExamples: number): TrainSettings {
  return {
    // Below ~1000 examples nearly every n-gram is rare; dropping singletons would drop most of the vocabulary.
    features: { minDf: numExamples >= 1000 ? 2 : 1, charMin: 2, charMax: 5, wordWeight: 1, charWeight: 1 },
    lexical: { epochs: 8, learningRate: 1, l2: 1e-5 },
    // Epochs follow from a step budget, so a 200-example shop set gets enough updates to converge and a 15k
    // benchmark set does not train longer than it needs to.
    mlp: { hidden: 256, dropout: 0.3, batchSize: 128, learningRate: 3e-3, minEpochs: 6, maxEpochs: 300, targetSteps: 700 },
    holdoutFraction: 0.2,
    finetuneFraction: 0.3,
  };
}

export interface Members {
  lexical: SparseSoftmaxModel;
  mlp: EmbeddingMlpHead;
  exemplars: ExemplarIndex;
}

/** Inverse-frequency weights so a rare intent is not drowned by a frequent one (mean weight 1). */
export function balancedClassWeights(labels: Int32Array, numClasses: number): Float32Array {
  const counts = new Float32Array(numClasses);
  for (const l of labels) counts[l]++;
  return Float32Array.from(counts, (n) => (n > 0 ? labels.length / (numClasses * n) : 0));
}

/**
 * Trains both ensemble members and the exemplar index on one set of in-scope examples. With `init`, the members
 * continue from an earlier model (the calibration model) for a fraction of the epochs: the final model then costs
 * a fraction of a second training run instead of a whole one.
 */
export async function trainMembers(
  featurizer: TextFeaturizer,
  rows: readonly SparseRow[],
  vectors: readonly Float32Array[],
  labels: Int32Array,
  numClasses: number,
  settings: TrainSettings,
  seed: number,
  init?: Members,
): Promise<Members> {
  const share = init ? settings.finetuneFraction : 1;
  const classWeights = balancedClassWeights(labels, numClasses);
  const lexical = SparseSoftmaxModel.train([...rows], labels, featurizer.size, numClasses, {
    ...settings.lexical,
    epochs: Math.max(1, Math.round(settings.lexical.epochs * share)),
    // A continued model is already near its optimum; big steps would only shake it out again.
    learningRate: settings.lexical.learningRate * (init ? 0.3 : 1),
    seed,
    weights: Float32Array.from(labels, (l) => classWeights[l]),
    init: init?.lexical,
  });
  const m = settings.mlp;
  const batches = Math.ceil(labels.length / m.batchSize);
  const epochs = Math.min(m.maxEpochs, Math.max(m.minEpochs, Math.ceil(m.targetSteps / batches)));
  const mlp = await EmbeddingMlpHead.train([...vectors], labels, numClasses, {
    ...m,
    epochs: Math.max(1, Math.round(epochs * share)),
    learningRate: m.learningRate * (init ? 0.3 : 1),
    seed,
    classWeights,
    init: init?.mlp,
  });
  return { lexical, mlp, exemplars: ExemplarIndex.build(vectors, labels, numClasses) };
}
