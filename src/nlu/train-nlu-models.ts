import { join } from 'node:path';
import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import type { Encoder } from './encoder.ts';
import { createEncoder } from './create-encoder.ts';
import { saveIntentArtifact } from './intent/intent-artifact.ts';
import { loadIntentFiles, toLabeledTexts } from './intent/intent-data.ts';
import type { LabeledText } from './intent/intent-classifier.ts';
import type { TrainedIntentClassifier } from './intent/trained-intent-classifier.ts';
import { trainIntentClassifier } from './intent/train-intent-classifier.ts';
import { modelsDir } from './model-paths.ts';
import { loadSentimentData } from './sentiment/load-sentiment-data.ts';
import { saveSentimentArtifact } from './sentiment/sentiment-artifact.ts';
import { trainSentimentModel } from './sentiment/train-sentiment-model.ts';

export interface TrainedModelSummary {
  kind: 'intent' | 'sentiment';
  version: string;
  dir: string;
  examples: number;
  labels: number;
  trainSeconds: number;
  /** Held-out figures measured during training (fractions; null where not applicable). */
  heldOut: Record<string, number | null>;
}

/**
 * Trains the intent and sentiment heads and saves both as new versioned artifacts (current.json points at them).
 * `intentExamples` defaults to all of intents/; the product's entry point (learning/train-serving-models) passes the
 * training share, without the frozen regression examples the gate judges on. Serving never calls this.
 */
export async function trainNluModels(options: {
  config: Config;
  logger: Logger;
  encoder?: Encoder;
  intentExamples?: LabeledText[];
}): Promise<{ models: TrainedModelSummary[]; intent: TrainedIntentClassifier }> {
  const encoder = options.encoder ?? (await createEncoder({ config: options.config, logger: options.logger }));
  const parts = { ...options, encoder };
  const intent = await trainIntentModel(parts);
  return { intent: intent.model, models: [intent.summary, await trainSentimentModels(parts)] };
}

/** The intent half of trainNluModels (the two halves share nothing, so they can also run in separate processes). */
export async function trainIntentModel(options: {
  config: Config;
  logger: Logger;
  encoder: Encoder;
  intentExamples?: LabeledText[];
}): Promise<{ summary: TrainedModelSummary; model: TrainedIntentClassifier }> {
  const { config, logger, encoder } = options;
  const examples = options.intentExamples ?? toLabeledTexts(loadIntentFiles(config.intentsDir));
  logger.info('training intent classifier', { examples: examples.length });
  const intent = await trainIntentClassifier({ examples, encoder, seed: config.intent.seed, logger });
  const savedIntent = await saveIntentArtifact(intent, modelsDir(config, 'intent'));
  const summary: TrainedModelSummary = {
    kind: 'intent',
    ...savedIntent,
    examples: examples.length,
    labels: intent.intents.length,
    trainSeconds: intent.trainSeconds,
    heldOut: { forcedAccuracy: intent.metrics.forcedAccuracy, inScopeAccuracy: intent.metrics.inScopeAccuracy, oosRecall: intent.metrics.oosRecall },
  };
  return { summary, model: intent };
}

/** The sentiment half of trainNluModels. */
export async function trainSentimentModels(options: { config: Config; logger: Logger; encoder: Encoder }): Promise<TrainedModelSummary> {
  const { config, logger, encoder } = options;
  const sentimentExamples = loadSentimentData(join(config.intentsDir, 'sentiment'));
  logger.info('training sentiment model', { examples: sentimentExamples.length });
  const started = Date.now();
  const sentiment = await trainSentimentModel({ examples: sentimentExamples, encoder, seed: config.intent.seed, logger });
  const sentimentSeconds = (Date.now() - started) / 1000;
  const savedSentiment = saveSentimentArtifact(sentiment, modelsDir(config, 'sentiment'));
  return {
    kind: 'sentiment',
    ...savedSentiment,
    examples: sentimentExamples.length,
    labels: 3,
    trainSeconds: sentimentSeconds,
    heldOut: Object.fromEntries(Object.entries(sentiment.info.metrics).filter(([k]) => /acc/i.test(k))),
  };
}
