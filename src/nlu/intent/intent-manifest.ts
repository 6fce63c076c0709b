import { z } from 'zod';

/** Bumped whenever the artifact layout changes; a loader refuses formats it does not know. */
export const INTENT_ARTIFACT_FORMAT = 3;

const nullableRate = z.number().min(0).max(1).nullable();

export const manifestSchema = z.object({
  format: z.literal(INTENT_ARTIFACT_FORMAT),
  version: z.string().min(1),
  encoderId: z.string().min(1),
  trainedAt: z.string(),
  trainSeconds: z.number().min(0),
  seed: z.number().int(),
  intents: z.array(z.string().min(1)).min(2),
  threshold: z.number().min(0).max(1),
  calibratedThreshold: z.number().min(0).max(1),
  jointWeight: z.number().min(0).max(1),
  features: z.object({
    minDf: z.number().int().min(1),
    charMin: z.number().int().min(1),
    charMax: z.number().int().min(1),
    wordWeight: z.number(),
    charWeight: z.number(),
    skipFunctionWords: z.boolean(),
  }),
  terms: z.array(z.string()),
  embeddingDim: z.number().int().min(1),
  detector: z.object({
    signals: z.array(z.string()),
    kind: z.enum(['logistic', 'blend']),
    mean: z.array(z.number()),
    std: z.array(z.number()),
    weights: z.array(z.number()),
    bias: z.number(),
  }),
  metrics: z.object({
    heldOut: z.number().int(),
    heldOutNegatives: z.number().int(),
    forcedAccuracy: z.number(),
    inScopeAccuracy: z.number(),
    oosRecall: nullableRate,
    jointWeight: z.number(),
    jointAccuracy: z.number(),
    headAccuracy: z.number(),
  }),
  counts: z.object({
    examples: z.number().int(),
    intents: z.number().int(),
    oosNegatives: z.number().int(),
    perIntent: z.record(z.string(), z.number().int()),
  }),
  files: z.record(z.string(), z.object({ length: z.number().int().min(0), sha256: z.string().length(64) })),
});

export type IntentManifest = z.infer<typeof manifestSchema>;
