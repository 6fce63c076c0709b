import { z } from 'zod';
import { ShopmateError } from '../../core/errors.ts';

const id = z.string().trim().min(1).max(200);

export function messageRequestSchema(maxTextChars: number) {
  return z.object({
    messageId: id,
    conversationId: id,
    userId: id,
    text: z.string().trim().min(1).max(maxTextChars),
    metadata: z.record(z.string(), z.unknown()).optional(),
  });
}
export type MessageRequest = z.infer<ReturnType<typeof messageRequestSchema>>;

const feedbackBase = { replyId: id, conversationId: id, userId: id };
export const feedbackRequestSchema = z.discriminatedUnion('kind', [
  z.object({ ...feedbackBase, kind: z.literal('thumbs'), value: z.enum(['up', 'down']) }),
  z.object({ ...feedbackBase, kind: z.literal('rating'), value: z.number().int().min(1).max(5) }),
  z.object({ ...feedbackBase, kind: z.literal('correction'), value: z.string().trim().min(1).max(2000) }),
]);
export type FeedbackRequest = z.infer<typeof feedbackRequestSchema>;

/** Parses a raw JSON body against a schema; the BAD_REQUEST message names the first offending field. */
export function parseJsonBody<T>(schema: z.ZodType<T>, rawBody: Buffer): T {
  let json: unknown;
  try {
    json = JSON.parse(rawBody.toString('utf8'));
  } catch {
    throw new ShopmateError('BAD_REQUEST', 'body: must be valid JSON');
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.length ? issue.path.join('.') : 'body';
  throw new ShopmateError('BAD_REQUEST', `${field}: ${issue.message}`, {
    details: { issues: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) },
  });
}
