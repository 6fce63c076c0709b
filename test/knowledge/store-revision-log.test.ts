import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { KbEntry } from '../../src/knowledge/knowledge-base.ts';
import { applyRevisions, StoreRevisionLog } from '../../src/knowledge/store-revision-log.ts';
import type { FaqEntry } from '../../src/knowledge/types.ts';
import { createMemoryStore, openSqliteStore } from '../../src/store/index.ts';
import { revisionLogContract } from './revision-log-contract.ts';

revisionLogContract('StoreRevisionLog (memory store)', async () => new StoreRevisionLog(createMemoryStore()));
revisionLogContract('StoreRevisionLog (SQLite store)', async () =>
  new StoreRevisionLog(await openSqliteStore({ path: join(mkdtempSync(join(tmpdir(), 'shopmate-rev-')), 'db.sqlite') })),
);

const faq = (id: string, answer: string): FaqEntry => ({ id, questions: ['a?', 'b?', 'c?'], answer, tags: [] });

describe('applyRevisions', () => {
  it('replays edits made since the files were written, in order', async () => {
    const log = new StoreRevisionLog(createMemoryStore());
    const baseline: KbEntry[] = [{ kind: 'faq', entry: faq('faq-a', 'old') }, { kind: 'faq', entry: faq('faq-b', 'keep') }];
    const at = new Date().toISOString();
    await log.append({ kind: 'faq', entryId: 'faq-a', action: 'update', before: faq('faq-a', 'old'), after: faq('faq-a', 'new'), at, author: 'op' });
    await log.append({ kind: 'faq', entryId: 'faq-c', action: 'create', before: null, after: faq('faq-c', 'added'), at, author: 'op' });
    await log.append({ kind: 'faq', entryId: 'faq-b', action: 'delete', before: faq('faq-b', 'keep'), after: null, at, author: 'op' });
    const result = applyRevisions(baseline, await log.list());
    expect(result.map((e) => [e.entry.id, (e.entry as FaqEntry).answer]).sort()).toEqual([['faq-a', 'new'], ['faq-c', 'added']]);
  });
});
