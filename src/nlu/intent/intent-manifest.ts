import { z } from 'zod';

/**
 * Bumped whenever the artifact layout changes; a loader refuses formats it does not know. Format 4 added the
 * nearest-exemplar weight; a format-3 artifact is read as one with that weight 0 and predicts exactly as before,
 * so older versions stay loadable for rollback.
 */
export const INTENT_ARTIFACT_FORMAT = 4;
const READABLE_FORMATS = [3, INTENT_ARTIFACT_FORMAT] as const;

const nullableRate = z.number().min(0).max(1).nullable();

export const manifestSchema = z.object({
  format: z.union(READABLE_FORMATS.map((f) => z.literal(f)) as [z.ZodLiteral<3>, z.ZodLiteral<4>]),
  version: z.string().min(1),
  encoderId: z.string().min(1),
  trainedAt: z.string(),
  trainSeconds: z.number().min(0),
  seed: z.number().int(),
  intents: z.array(z.string().min(1)).min(2),
  threshold: z.number().min(0).max(1),
  calibratedThreshold: z.number().min(0).max(1),
  jointWeight: z.number().min(0).max(1),
  knnWeight: z.number().min(0).default(0),
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
    knnWeight: z.number().default(0),
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
