import type { z } from 'zod';
import { ShopmateError } from '../core/errors.ts';

/** At most this many problems are spelled out in one error message; the rest are counted. */
const MAX_LISTED = 10;

/** `products[12].attributes.colour` style path, as an operator would search for it in the YAML file. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
}

/** Zod's wording minus its generic prefix: "expected number, received string". */
export function describeIssue(issue: z.core.$ZodIssue): string {
  if (issue.code === 'unrecognized_keys') return `unknown field(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
  return issue.message.replace(/^Invalid input: /, '');
}

/**
 * One problem found in a knowledge file: `knowledge/catalog.yaml: products[12] (P-1013).price: expected number`.
 * `entry` names the list element (index and id when it has one); `field` is the path inside it.
 */
export function problem(file: string, entry: string, field: string, message: string): string {
  const where = `${entry}${field}`.replace(/^\./, '');
  return where === '' ? `${file}: ${message}` : `${file}: ${where}: ${message}`;
}

/** Every problem of a load in one KNOWLEDGE_INVALID error, so an operator can fix a file in one pass. */
export function knowledgeInvalid(problems: string[]): ShopmateError {
  const listed = problems.slice(0, MAX_LISTED);
  const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
  return new ShopmateError('KNOWLEDGE_INVALID', listed.join('; ') + more, { details: { problems } });
}
