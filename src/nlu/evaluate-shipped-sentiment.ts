import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { createEncoder } from './create-encoder.ts';
import { readJsonl } from './intent/intent-data.ts';
import { modelsDir } from './model-paths.ts';
import { evaluateSentiment, type SentimentEvaluation } from './sentiment/evaluate-sentiment.ts';
import { loadSentimentArtifact } from './sentiment/sentiment-artifact.ts';

/** `shopmate eval --task sentiment`: scores the serving sentiment artifact (not a fresh one) on a labeled file. */
export async function evaluateShippedSentiment(options: { config: Config; logger: Logger; testFile: string }): Promise<SentimentEvaluation & { modelVersion: string }> {
  const { config, logger } = options;
  const test = readJsonl(options.testFile);
  const encoder = await createEncoder({ config, logger });
  const model = loadSentimentArtifact(modelsDir(config, 'sentiment'), { expectedEncoderId: encoder.modelId });
  const report = await evaluateSentiment({ model, encoder, test });
  return { ...report, modelVersion: model.version };
}
