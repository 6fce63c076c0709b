import { describe, expect, it } from 'vitest';
import type { NewRevision, RevisionLog } from '../../src/knowledge/revision-log.ts';

const sample = (entryId: string): NewRevision => ({
  at: '2025-06-01T12:00:00.000Z',
  kind: 'faq',
  entryId,
  action: 'create',
  before: null,
  after: { id: entryId, questions: ['q?'], answer: 'a', tags: [] },
});

/** Behaviour every RevisionLog must show (memory now; the SQLite store will run the same suite). */
export function revisionLogContract(name: string, create: () => Promise<RevisionLog>): void {
  describe(`RevisionLog contract: ${name}`, () => {
    it('assigns increasing ids and lists oldest first', async () => {
      const log = await create();
      const a = await log.append(sample('faq-a'));
      const b = await log.append({ ...sample('faq-b'), author: 'ops', revertOf: a.id });
      expect(b.id).toBeGreaterThan(a.id);
      expect((await log.list()).map((r) => r.entryId)).toEqual(['faq-a', 'faq-b']);
      expect(await log.get(b.id)).toEqual({ id: b.id, ...sample('faq-b'), author: 'ops', revertOf: a.id });
      expect(await log.get(12345)).toBeUndefined();
    });

    it('keeps appended revisions unchanged when callers mutate objects', async () => {
      const log = await create();
      const input = sample('faq-a');
      const stored = await log.append(input);
      (input.after as { answer: string }).answer = 'changed';
      stored.entryId = 'changed';
      (await log.list())[0].action = 'delete';
      expect(await log.get(stored.id)).toMatchObject({ entryId: 'faq-a', action: 'create', after: { answer: 'a' } });
    });
  });
}
