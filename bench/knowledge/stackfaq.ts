import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { KbEntry } from '../../src/knowledge/knowledge-base.ts';

export interface StackFaq {
  entries: KbEntry[];
  queries: Array<{ text: string; label: string; part: string }>;
}

function readJsonl<T>(path: string): T[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as T);
}

/** The StackFAQ set (../shared/data/stackfaq) as FAQ entries (question + accepted answer) and labelled queries. */
export function loadStackFaq(dataDir: string): StackFaq | undefined {
  const kbPath = join(dataDir, 'stackfaq', 'kb.jsonl');
  const queriesPath = join(dataDir, 'stackfaq', 'queries.jsonl');
  if (!existsSync(kbPath) || !existsSync(queriesPath)) return undefined;
  const kb = readJsonl<{ id: string; question: string; answer: string }>(kbPath);
  const entries: KbEntry[] = kb.map((e) => ({ kind: 'faq', entry: { id: e.id, questions: [e.question], answer: e.answer, tags: [] } }));
  return { entries, queries: readJsonl(queriesPath) };
}
