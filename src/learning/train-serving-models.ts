import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import type { Encoder } from '../nlu/encoder.ts';
import { loadIntentFiles, toLabeledTexts } from '../nlu/intent/intent-data.ts';
import { modelsDir } from '../nlu/model-paths.ts';
import { trainNluModels, type TrainedModelSummary } from '../nlu/train-nlu-models.ts';
import type { Store } from '../store/store.ts';
import { buildTrainingData } from './build-training-data.ts';
import { pct } from './gate-checks.ts';
import { predictBoth } from './gate-predictions.ts';
import { regressionSetFor } from './regression-set-for.ts';
import { reviewExamples } from './review-examples.ts';
import { StoreReviewedDataSource } from './reviewed-data-source.ts';

export interface ServingModelsReport {
  models: TrainedModelSummary[];
  /** The intent version registered as serving, with its accuracy on the regression set it never trained on. */
  registered: { version: string; regressionAccuracy: number; evaluated: number } | null;
}

/**
 * First start and `shopmate train`: trains on intents/ plus every reviewed item, minus the frozen regression set
 * (the same examples the learning loop's gate judges on, so no model is ever scored on what it learned), and
 * registers the intent model as the serving version with its regression accuracy. There is no gate: the operator
 * asked for this training (or there was no model at all); later candidates go through the loop and its gate.
 */
export async function trainServingModels(options: {
  config: Config;
  logger: Logger;
  encoder: Encoder;
  store?: Pick<Store, 'turns' | 'privacy' | 'models' | 'reviews'>;
  reason: string;
}): Promise<ServingModelsReport> {
  const { config, logger, encoder, store } = options;
  const base = toLabeledTexts(loadIntentFiles(config.intentsDir));
  const items = store ? await new StoreReviewedDataSource(store).listReviewed() : [];
  const { examples: reviewed } = reviewExamples(items);
  const split = regressionSetFor(config).update(base, reviewed);
  const data = buildTrainingData({ base, reviewed, split, since: null, seed: config.intent.seed });
  const trained = await trainNluModels({ config, logger, encoder, intentExamples: data.examples });
  if (!store) return { models: trained.models, registered: null };

  const intent = trained.models.find((m) => m.kind === 'intent')!;
  const p = await predictBoth(trained.intent, null, split.examples, { encoder, maxInputChars: config.nlu.maxInputChars });
  const regressionAccuracy = p.candidate.filter(Boolean).length / Math.max(1, p.candidate.length);
  const until = items.reduce<Date | null>((m, i) => (m === null || i.decision.at > m ? i.decision.at : m), null);
  await store.models.register({
    version: intent.version,
    kind: 'intent',
    metrics: { ...trained.intent.metrics, regressionAccuracy, trainSeconds: intent.trainSeconds },
    dataSummary: { ...data.summary, reason: options.reason, reviewedUntil: until?.toISOString() ?? null },
    artifactDir: intent.dir,
  });
  const reason = `${options.reason}: serving without a gate (regression accuracy ${pct(regressionAccuracy)} on ${p.candidate.length} held-out examples)`;
  await store.models.recordGate(intent.version, { passed: true, reason, details: { overall: { candidate: regressionAccuracy, serving: null, delta: null }, evaluated: p.candidate.length } });
  await store.models.promote(intent.version);
  logger.info('intent model registered as serving', { version: intent.version, regressionAccuracy, heldOut: data.summary.heldOutForRegression, dir: modelsDir(config, 'intent') });
  return { models: trained.models, registered: { version: intent.version, regressionAccuracy, evaluated: p.candidate.length } };
}
