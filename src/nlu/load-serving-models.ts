import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import type { Encoder } from './encoder.ts';
import { listIntentArtifacts, loadIntentArtifact } from './intent/intent-artifact.ts';
import type { IntentClassifier } from './intent/intent-classifier.ts';
import type { TrainedIntentClassifier } from './intent/trained-intent-classifier.ts';
import { isShopmateError } from '../core/errors.ts';
import { modelsDir } from './model-paths.ts';
import type { IntentModelSlot, SentimentPredictor } from './nlu-service.ts';
import { loadSentimentArtifact } from './sentiment/sentiment-artifact.ts';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** The serving intent model behind one reference, so a promotion or rollback swaps it between two messages. */
export class SwappableIntentModel implements IntentModelSlot {
  constructor(private model: IntentClassifier) {}
  current(): IntentClassifier {
    return this.model;
  }
  swap(next: IntentClassifier): IntentClassifier {
    const previous = this.model;
    this.model = next;
    return previous;
  }
}

async function loadBoth(intentDir: string, sentimentDir: string, encoderId: string) {
  return {
    intent: await loadIntentArtifact(intentDir, { expectedEncoderId: encoderId }),
    sentiment: loadSentimentArtifact(sentimentDir, { expectedEncoderId: encoderId }),
  };
}

function hasArtifact(dir: string): boolean {
  return existsSync(join(dir, 'current.json'));
}

/**
 * Loads the serving artifacts. On a fresh install there are none yet: then `train` (the composition root passes
 * learning/train-serving-models, which holds out the regression set and registers the version) trains them first,
 * so `npm start` works on a new machine; later starts only load.
 */
export async function loadServingModels(options: {
  config: Config;
  logger: Logger;
  encoder: Encoder;
  train: () => Promise<unknown>;
}): Promise<{ intents: SwappableIntentModel; sentiment: SentimentPredictor }> {
  const { config, logger, encoder } = options;
  const intentDir = modelsDir(config, 'intent');
  const sentimentDir = modelsDir(config, 'sentiment');
  if (!hasArtifact(intentDir) || !hasArtifact(sentimentDir)) {
    logger.info('no trained models found: training them now from intents/ (first start only)', { dataDir: config.dataDir });
    await options.train();
  }
  let loaded: { intent: TrainedIntentClassifier; sentiment: SentimentPredictor };
  try {
    loaded = await loadBoth(intentDir, sentimentDir, encoder.modelId);
  } catch (e) {
    // Saved by an older release (artifact format changed) or for another encoder: retrain once rather than refuse to
    // start. A damaged artifact of the current format is also replaced; the old folder stays for inspection.
    if (!isShopmateError(e) || e.code !== 'ARTIFACT_INVALID') throw e;
    logger.warn('saved models cannot be used by this version: retraining them now', { reason: e.message });
    await options.train();
    loaded = await loadBoth(intentDir, sentimentDir, encoder.modelId);
  }
  const intent = config.intent.oosThreshold === null ? loaded.intent : loaded.intent.withThreshold(config.intent.oosThreshold);
  const sentiment = loaded.sentiment;
  logger.info('models loaded', { intent: intent.version, sentiment: sentiment.version, versions: listIntentArtifacts(intentDir).length });
  return { intents: new SwappableIntentModel(intent), sentiment };
}
