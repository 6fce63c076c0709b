import { z } from 'zod';

/** One regex or a list of them; compiled case-insensitively when the file is loaded (a bad regex is a load error). */
const patterns = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((p) => (Array.isArray(p) ? p : [p]));
const strings = z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).transform((p) => (Array.isArray(p) ? p : [p]));
const productIds = z.array(z.string().min(1)).min(1);

export const TASK_NAMES = ['order_status', 'cancel_order', 'change_order', 'start_return', 'report_problem'] as const;

/** A customer line and what must hold after the bot answered it (see test/conversations/README.md). */
export const sayStepSchema = z.strictObject({
  say: z.string().min(1),
  intent: strings.optional(),
  reply: patterns.optional(),
  not: patterns.optional(),
  never: patterns.optional(),
  cards: productIds.optional(),
  firstCard: z.string().min(1).optional(),
  notCards: productIds.optional(),
  noCards: z.literal(true).optional(),
  handoff: z.boolean().optional(),
  silent: z.boolean().optional(),
  task: z.enum([...TASK_NAMES, 'none']).optional(),
  ownership: z.enum(['bot', 'agent']).optional(),
  language: z.string().regex(/^[a-z]{2,3}$/, 'expected an ISO 639-1 code such as de').optional(),
  action: strings.optional(),
});

const DURATION = /^(\d+(?:\.\d+)?)\s*(s|m|h|d)$/;
export const waitStepSchema = z.strictObject({ wait: z.string().regex(DURATION, 'expected a duration such as 30s, 5m, 2h or 1d') });
export const operatorStepSchema = z.strictObject({ operator: z.enum(['hand_back', 'close']) });

/**
 * A step is chosen by its key (say / wait / operator), so a mistake in a turn is reported against that turn's own
 * fields rather than as "matches none of three shapes".
 */
export const stepSchema = z.unknown().transform((value, ctx): z.infer<typeof sayStepSchema> | z.infer<typeof waitStepSchema> | z.infer<typeof operatorStepSchema> => {
  const keys = value !== null && typeof value === 'object' ? Object.keys(value) : [];
  const schema = keys.includes('say') ? sayStepSchema : keys.includes('wait') ? waitStepSchema : keys.includes('operator') ? operatorStepSchema : undefined;
  if (!schema) {
    ctx.addIssue({ code: 'custom', message: 'a step needs "say", "wait" or "operator"' });
    return z.NEVER;
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data;
});

export const conversationSchema = z.strictObject({
  name: z.string().min(1),
  category: z.string().min(1).optional(),
  fast: z.boolean().optional(),
  description: z.string().optional(),
  at: z
    .string()
    .regex(/^(monday|tuesday|wednesday|thursday|friday|saturday|sunday)\s+([01]\d|2[0-3]):[0-5]\d$/i, 'expected "<weekday> HH:MM", e.g. "sunday 11:00"')
    .optional(),
  turns: z.array(stepSchema).min(1),
});

export const conversationFileSchema = z.strictObject({
  category: z.string().min(1).optional(),
  description: z.string().optional(),
  conversations: z.array(conversationSchema).min(1),
});

export type SayStep = z.infer<typeof sayStepSchema>;
export type Step = z.infer<typeof stepSchema>;
export type ConversationSpec = z.infer<typeof conversationSchema> & { file: string; category: string };

/** Milliseconds of a `wait:` duration ("5m"). */
export function durationMs(spec: string): number {
  const m = DURATION.exec(spec.trim());
  if (!m) throw new Error(`not a duration: ${spec}`);
  const unit = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 }[m[2] as 's' | 'm' | 'h' | 'd'];
  return Number(m[1]) * unit;
}
