import type { Config } from '../config/config.ts';
import type { Logger } from '../core/logger.ts';
import { createEncoder } from './create-encoder.ts';
import { z } from 'zod';
import { readJsonlWith } from './intent/intent-data.ts';
import { modelsDir } from './model-paths.ts';
import { evaluateSentiment, type SentimentEvaluation } from './sentiment/evaluate-sentiment.ts';
import { loadSentimentArtifact } from './sentiment/sentiment-artifact.ts';

const SENTIMENT_LINE = z.object({ text: z.string().min(1), label: z.string().min(1), angry: z.boolean().optional() });

/** `shopmate eval --task sentiment`: scores the serving sentiment artifact (not a fresh one) on a labeled file. */
export async function evaluateShippedSentiment(options: { config: Config; logger: Logger; testFile: string }): Promise<SentimentEvaluation & { modelVersion: string }> {
  const { config, logger } = options;
  const test = readJsonlWith(options.testFile, SENTIMENT_LINE, '{"text","label","angry"?}');
  const encoder = await createEncoder({ config, logger });
  const model = loadSentimentArtifact(modelsDir(config, 'sentiment'), { expectedEncoderId: encoder.modelId });
  const report = await evaluateSentiment({ model, encoder, test });
  return { ...report, modelVersion: model.version };
}
