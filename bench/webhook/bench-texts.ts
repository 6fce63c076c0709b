import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** ../shared/data from the project root (see its README); a user's clone does not have it. */
export const SHARED_DATA = resolve(import.meta.dirname, '..', '..', '..', 'shared', 'data');
const FILES = ['clinc150/test.jsonl', 'clinc150/oos_test.jsonl'];

/**
 * The CLINC150 test texts (in-scope and out-of-scope, 5,500 distinct short requests), read at run time, never copied
 * into the project. null when the shared data is absent.
 */
export function loadBenchTexts(dir = SHARED_DATA): string[] | null {
  const paths = FILES.map((f) => join(dir, f));
  if (!paths.every((p) => existsSync(p))) return null;
  const texts = paths.flatMap((p) => readFileSync(p, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as { text: string }).text));
  return [...new Set(texts)];
}
