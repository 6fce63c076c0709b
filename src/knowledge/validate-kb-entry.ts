import type { z } from 'zod';
import { describeIssue, formatPath, knowledgeInvalid, problem } from './knowledge-error.ts';
import type { KbEntry } from './knowledge-base.ts';
import { faqEntrySchema, policyPassageSchema, productSchema } from './schemas.ts';

const SCHEMAS: Record<KbEntry['kind'], z.ZodType<KbEntry['entry']>> = {
  faq: faqEntrySchema as z.ZodType<KbEntry['entry']>,
  policy: policyPassageSchema as z.ZodType<KbEntry['entry']>,
  product: productSchema as z.ZodType<KbEntry['entry']>,
};

/**
 * Checks an entry handed to the knowledge base at runtime (admin API, tests, benchmarks) with the same schemas as the
 * files; problems read `upsert: faq (faq-shipping-cost).answer: expected non-empty text`.
 */
export function validateKbEntry(e: KbEntry, origin = 'upsert'): KbEntry {
  const schema = SCHEMAS[e?.kind];
  if (!schema) throw knowledgeInvalid([problem(origin, '', 'kind', 'expected faq, policy or product')]);
  const parsed = schema.safeParse(e.entry);
  if (parsed.success) return { kind: e.kind, entry: parsed.data } as KbEntry;
  const rawId = (e.entry as { id?: unknown } | undefined)?.id;
  const label = typeof rawId === 'string' ? `${e.kind} (${rawId})` : e.kind;
  throw knowledgeInvalid(parsed.error.issues.map((i) => problem(origin, label, formatPath(i.path), describeIssue(i))));
}
