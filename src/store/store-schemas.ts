/**
 * Runtime validation of every store input. Both implementations parse through these same schemas *before* touching
 * data, which is what makes "bad input -> BAD_REQUEST, nothing written" identical in memory and SQLite.
 */
import { z } from 'zod';
import { ShopmateError } from '../core/errors.ts';
import { jsonProblem } from './json-value.ts';
import { CHANNEL_ID_PATTERN } from '../core/message.ts';
import {
  EVENT_KINDS,
  FLASH_KINDS,
  ORDER_CHANGE_KINDS,
  KNOWLEDGE_KINDS,
  MODEL_KINDS,
  MODEL_STATUSES,
  OPERATOR_ROLES,
  OWNERSHIPS,
  REVIEW_ACTIONS,
  REVIEW_REASONS,
  REVISION_ACTIONS,
  SENTIMENT_LABELS,
  SIGNAL_CHANNELS,
  TURN_OUTCOMES,
  type JsonValue,
  type Reply,
} from './types.ts';

const REPLY_KINDS = new Set(['text', 'quick_replies', 'product_cards', 'handoff']);

export const idSchema = z.string().min(1).max(256);
/** The format only: which channel ids exist is checked where messages come in (the channel registry). */
export const channelIdSchema = z.string().regex(CHANNEL_ID_PATTERN, 'must be a channel id: a lowercase letter, then letters, digits, "-" or "_" (32 at most)');
const dateSchema = z.date();
const finite = z.number().refine(Number.isFinite, 'must be a finite number');
export const jsonSchema = z.unknown().transform((v, ctx) => {
  const problem = jsonProblem(v);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
  return v as JsonValue;
});
const limitSchema = (max: number) => z.number().int().min(1).max(max);
const offsetSchema = z.number().int().min(0).default(0);

export const newConversationSchema = z.object({
  id: idSchema,
  channel: channelIdSchema,
  userId: idSchema,
  // undefined (not null) means "not given": null is a legitimate JSON state.
  state: jsonSchema.optional(),
  ownership: z.enum(OWNERSHIPS).default('bot'),
});

export const conversationPatchSchema = z.object({
  state: jsonSchema.optional(),
  ownership: z.enum(OWNERSHIPS).optional(),
});

export const updateOptionsSchema = z.object({ expectedVersion: z.number().int().min(0).optional() }).default({});

export const pagingSchema = z
  .object({ limit: limitSchema(1000).default(100), offset: offsetSchema })
  .default({ limit: 100, offset: 0 });

export const newTurnSchema = z.object({
  conversationId: idSchema,
  channel: channelIdSchema,
  messageId: idSchema,
  userId: idSchema,
  text: z.string().max(100_000),
  intents: z.array(z.object({ intent: z.string().min(1), score: finite })).max(1000).default([]),
  outOfScope: z.boolean().default(false),
  inScopeScore: finite.nullable().default(null),
  sentiment: jsonSchema.default(null),
  entities: z.array(jsonSchema).default([]),
  replies: z
    .array(
      jsonSchema.refine(
        (r) => typeof r === 'object' && r !== null && !Array.isArray(r) && typeof r.kind === 'string' && REPLY_KINDS.has(r.kind),
        'reply must be an object with a known kind',
      ),
    )
    .default([])
    .transform((r) => r as unknown as Reply[]),
  latencyMs: finite.min(0).nullable().default(null),
  modelVersion: z.string().min(1).nullable().default(null),
  language: z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639 code such as en').nullable().default(null),
  outcome: z.enum(TURN_OUTCOMES).nullable().default(null),
  slotAnswer: z.boolean().default(false),
  at: dateSchema.optional(),
});

/** How many of the newest turns a request-path read may take. */
export const recentLimitSchema = limitSchema(1000);

export const turnListSchema = z
  .object({ from: dateSchema.optional(), to: dateSchema.optional(), limit: limitSchema(100_000).optional(), offset: offsetSchema })
  .default({ offset: 0 });

const feedbackBase = { turnId: idSchema, replyId: idSchema.nullable().default(null), at: dateSchema.optional() };
export const newFeedbackSchema = z.discriminatedUnion('kind', [
  z.object({ ...feedbackBase, kind: z.literal('thumbs'), value: z.enum(['up', 'down']) }),
  z.object({
    ...feedbackBase,
    kind: z.literal('rating'),
    value: z.number().int().min(1).max(5).transform((v) => v as 1 | 2 | 3 | 4 | 5),
  }),
  z.object({ ...feedbackBase, kind: z.literal('correction'), value: z.string().trim().min(1).max(10_000) }),
]);

export const newReviewItemSchema = z.object({
  turnId: idSchema,
  reason: z.enum(REVIEW_REASONS),
  priority: finite,
  createdAt: dateSchema.optional(),
});

export const reviewQuerySchema = z
  .object({
    reason: z.enum(REVIEW_REASONS).optional(),
    intent: z.string().min(1).optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    limit: limitSchema(500).default(50),
    offset: offsetSchema,
  })
  .default({ limit: 50, offset: 0 });

export const reviewDecisionSchema = z
  .object({
    action: z.enum(REVIEW_ACTIONS),
    label: z.string().trim().min(1).max(200).optional(),
    sentiment: z.object({ label: z.enum(SENTIMENT_LABELS), angry: z.boolean() }).strict().optional(),
    faq: z
      .object({ question: z.string().trim().min(1), answer: z.string().trim().min(1), faqId: idSchema.optional() })
      .optional(),
    operator: z.string().trim().min(1).max(200),
  })
  .superRefine((d, ctx) => {
    if ((d.action === 'relabel' || d.action === 'new_intent') && !d.label) {
      ctx.addIssue({ code: 'custom', path: ['label'], message: `${d.action} needs a label` });
    }
    if (d.action === 'new_faq' && !d.faq) ctx.addIssue({ code: 'custom', path: ['faq'], message: 'new_faq needs a faq' });
    if (d.action === 'sentiment' && !d.sentiment) ctx.addIssue({ code: 'custom', path: ['sentiment'], message: 'sentiment needs a sentiment' });
    if (d.sentiment?.angry && d.sentiment.label !== 'negative') {
      ctx.addIssue({ code: 'custom', path: ['sentiment', 'angry'], message: 'only a negative message can be angry' });
    }
  });

export const idListSchema = z.array(idSchema).min(1).max(1000);

export const newRevisionSchema = z
  .object({
    kind: z.enum(KNOWLEDGE_KINDS),
    entryId: idSchema,
    action: z.enum(REVISION_ACTIONS),
    before: jsonSchema,
    after: jsonSchema,
    author: z.string().trim().min(1).max(200),
    at: dateSchema.optional(),
    revertOf: z.number().int().positive().optional(),
  })
  .superRefine((r, ctx) => {
    // Keeps revisions replayable: a create has nothing before it, a delete leaves nothing after it.
    if (r.action === 'create' && (r.before !== null || r.after === null)) {
      ctx.addIssue({ code: 'custom', message: 'create needs before = null and a non-null after' });
    }
    if (r.action === 'delete' && (r.before === null || r.after !== null)) {
      ctx.addIssue({ code: 'custom', message: 'delete needs a non-null before and after = null' });
    }
    if (r.action === 'update' && (r.before === null || r.after === null)) {
      ctx.addIssue({ code: 'custom', message: 'update needs non-null before and after' });
    }
  });

export const revisionListSchema = z
  .object({
    kind: z.enum(KNOWLEDGE_KINDS).optional(),
    entryId: idSchema.optional(),
    afterId: z.number().int().min(0).optional(),
    limit: limitSchema(100_000).optional(),
  })
  .default({});

export const newModelVersionSchema = z.object({
  version: idSchema,
  kind: z.enum(MODEL_KINDS),
  metrics: jsonSchema,
  dataSummary: jsonSchema,
  artifactDir: z.string().min(1),
  createdAt: dateSchema.optional(),
});

export const modelListSchema = z
  .object({ kind: z.enum(MODEL_KINDS).optional(), status: z.enum(MODEL_STATUSES).optional() })
  .default({});
export const modelKindSchema = z.enum(MODEL_KINDS);

export const gateSchema = z.object({
  passed: z.boolean(),
  reason: z.string().trim().min(1),
  details: jsonSchema.default(null),
  at: dateSchema.optional(),
});

export const newOperatorSchema = z.object({
  username: z.string().trim().min(1).max(64),
  passwordHash: z.string().min(1),
  role: z.enum(OPERATOR_ROLES),
});
export const roleSchema = z.enum(OPERATOR_ROLES);
export const passwordHashSchema = z.string().min(1);
export const nullableDateSchema = dateSchema.nullable();
export const cutoffSchema = dateSchema;

export const newEventSchema = z.object({
  userId: idSchema,
  productId: idSchema,
  kind: z.enum(EVENT_KINDS),
  at: dateSchema.optional(),
});

export const eventQuerySchema = z
  .object({
    afterId: z.number().int().min(0).optional(),
    userId: idSchema.optional(),
    productId: idSchema.optional(),
    kind: z.enum(EVENT_KINDS).optional(),
    from: dateSchema.optional(),
    to: dateSchema.optional(),
    limit: limitSchema(10_000_000).optional(),
  })
  .default({});

/** Parses `value` or throws BAD_REQUEST naming every problem. */
export const newOrderChangeSchema = z.object({
  platform: idSchema,
  orderId: idSchema,
  kind: z.enum(ORDER_CHANGE_KINDS),
  payload: z.string().max(100_000),
  at: dateSchema.optional(),
});

export const orderChangeQuerySchema = z
  .object({ platform: idSchema.optional(), afterSeq: z.number().int().min(0).optional() })
  .optional()
  .default({});

export const newNoteSchema = z.object({
  conversationId: idSchema.optional(),
  orderId: idSchema.optional(),
  text: z.string().min(1).max(4000),
  at: dateSchema.optional(),
});

export const noteQuerySchema = z.object({ limit: limitSchema(1000).default(100) }).optional().default({ limit: 100 });

export const decidedQuerySchema = z.object({ decidedAfter: dateSchema.optional() }).optional().default({});

export const leaseSchema = z.object({ name: idSchema, holder: idSchema, ttlMs: z.number().int().min(1).max(7 * 86_400_000) });
export const leaseReleaseSchema = z.object({ name: idSchema, holder: idSchema });

export const outboxPushSchema = z.object({ conversationId: idSchema, payload: z.string().min(1).max(100_000), at: dateSchema.optional() });
export const outboxQuerySchema = z
  .object({ afterSeq: z.number().int().min(0).optional(), limit: limitSchema(500).default(50) })
  .optional()
  .default({ limit: 50 });

/** The sweep drops buckets idle this long, so a bucket must refill completely within it (else a sweep would refill it). */
export const RATE_BUCKET_IDLE_MS = 24 * 3_600_000;

const rateBucketFields = {
  key: z.string().min(1).max(1000),
  perMinute: z.number().positive().max(1_000_000),
  capacity: z.number().int().min(1).max(1_000_000).optional(),
};
const withCapacity = <T extends { perMinute: number; capacity?: number }>(q: T) => ({ ...q, capacity: q.capacity ?? q.perMinute });
const refillsWithinIdle = (q: { perMinute: number; capacity: number }) => (q.capacity / q.perMinute) * 60_000 <= RATE_BUCKET_IDLE_MS;
const REFILL_MESSAGE = { message: 'a bucket must refill completely within a day' };

export const rateTakeSchema = z.object(rateBucketFields).transform(withCapacity).refine(refillsWithinIdle, REFILL_MESSAGE);
export const rateRefundSchema = z
  .object({ ...rateBucketFields, tokens: z.number().int().min(1).max(1_000_000).default(1) })
  .transform(withCapacity)
  .refine(refillsWithinIdle, REFILL_MESSAGE);

/** PostgreSQL takes NOTIFY payloads up to 8000 bytes; signals carry ids, never data. */
export const signalSchema = z.object({ channel: z.enum(SIGNAL_CHANNELS), payload: z.string().max(2000) });

export function parseInput<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  throw new ShopmateError('BAD_REQUEST', `invalid ${what}: ${issues.join('; ')}`, { details: { issues } });
}

// ---------- analytics ----------

const MAX_BUCKETS = 10_000;
export const analyticsWindowSchema = z
  .object({
    from: dateSchema,
    to: dateSchema,
    modelVersion: idSchema.nullable().optional(),
  })
  .refine((w) => w.from.getTime() < w.to.getTime(), 'from must be before to');

const bucketMs = z.number().int().min(60_000);
const fewBuckets = (q: { from: Date; to: Date; bucketMs: number }) => (q.to.getTime() - q.from.getTime()) / q.bucketMs <= MAX_BUCKETS;
const phrases = z.array(z.string().min(1).max(100)).max(200);
export const demandRulesSchema = z.object({ pricePhrases: phrases, priceIntents: phrases, discountIntents: phrases, tooExpensivePhrases: phrases, stockIntents: phrases });
export const analyticsQuerySchema = analyticsWindowSchema.and(z.object({ bucketMs })).refine(fewBuckets, `at most ${MAX_BUCKETS} buckets`);
export const demandQuerySchema = analyticsWindowSchema
  .and(z.object({ bucketMs, rules: demandRulesSchema }))
  .refine(fewBuckets, `at most ${MAX_BUCKETS} buckets`);

// ---------- admin sessions ----------

export const newAdminSessionSchema = z.object({
  id: idSchema,
  operatorId: idSchema,
  username: z.string().min(1).max(64),
  role: z.enum(OPERATOR_ROLES),
  csrfToken: z.string().min(16).max(256),
  at: dateSchema.optional(),
});
export const flashSchema = z.object({ kind: z.enum(FLASH_KINDS), text: z.string().min(1).max(4000) }).nullable();
export const sessionExpirySchema = z.object({ idleBefore: dateSchema, createdBefore: dateSchema });
