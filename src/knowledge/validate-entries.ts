import type { z } from 'zod';
import { describeIssue, formatPath, problem } from './knowledge-error.ts';

export interface Validated<T> {
  items: T[];
  /** Position of each valid item in the file's list, so later checks can still name `orders[7]`. */
  indices: number[];
  problems: string[];
}

/** `products[12] (P-1013)`: the index finds the entry in the file, the id finds it in the admin UI. */
function entryLabel(listKey: string, index: number, raw: unknown): string {
  const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
  return typeof id === 'string' && id !== '' ? `${listKey}[${index}] (${id})` : `${listKey}[${index}]`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/**
 * Validates `listKey:` of a parsed YAML file entry by entry, so one broken product does not hide the others and each
 * problem names its entry; ids must be unique within the list. Valid entries are returned even when others fail; callers throw if any problem exists.
 */
export function validateList<T>(data: unknown, options: { file: string; listKey: string; schema: z.ZodType<T> }): Validated<T> {
  const { file, listKey, schema } = options;
  if (!isRecord(data) || !Array.isArray(data[listKey])) {
    return { items: [], indices: [], problems: [problem(file, listKey, '', `expected a list under "${listKey}:"`)] };
  }
  const items: T[] = [];
  const indices: number[] = [];
  const problems: string[] = [];
  const firstIndex = new Map<string, number>();
  (data[listKey] as unknown[]).forEach((raw, index) => {
    const id = isRecord(raw) && typeof raw.id === 'string' ? raw.id : undefined;
    const first = id === undefined ? undefined : firstIndex.get(id);
    if (id !== undefined && first !== undefined) {
      problems.push(problem(file, entryLabel(listKey, index, raw), '.id', `duplicate id, first used by ${listKey}[${first}]`));
    } else if (id !== undefined) firstIndex.set(id, index);
    const parsed = schema.safeParse(raw);
    if (parsed.success) {
      items.push(parsed.data);
      indices.push(index);
    } else for (const issue of parsed.error.issues) {
      problems.push(problem(file, entryLabel(listKey, index, raw), formatPath(issue.path), describeIssue(issue)));
    }
  });
  return { items, indices, problems };
}

/** Validates a file that is one object (shop.yaml); problems name the field. */
export function validateObject<T>(data: unknown, options: { file: string; schema: z.ZodType<T> }): { value?: T; problems: string[] } {
  const parsed = options.schema.safeParse(data);
  if (parsed.success) return { value: parsed.data, problems: [] };
  const problems = parsed.error.issues.map((issue) => problem(options.file, '', formatPath(issue.path), describeIssue(issue)));
  return { problems };
}
