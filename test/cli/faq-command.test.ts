import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { runCli } from './run-cli.ts';

describe('shopmate faq', () => {
  it('adds an entry to the store revision log and lists it next to the shop file entries', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shopmate-faq-'));
    const added = await runCli(['--data-dir', dataDir, 'faq', 'add', '--question', 'Can I bring my dog into the showroom?', '--answer', 'Yes, on a lead.', '--json']);
    expect(added.code).toBe(0);
    const entry = JSON.parse(added.out);
    expect(entry).toMatchObject({ id: 'faq-op-can-i-bring-my-dog-into-the-showroom', question: 'Can I bring my dog into the showroom?', answer: 'Yes, on a lead.', revision: 1 });

    const again = await runCli(['--data-dir', dataDir, 'faq', 'add', '--question', 'can i bring my dog  into the showroom?', '--answer', 'No.']);
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/CONFLICT.*already answered by FAQ entry faq-op-can-i-bring-my-dog-into-the-showroom/);
    const empty = await runCli(['--data-dir', dataDir, 'faq', 'add', '--question', '  ', '--answer', 'x']);
    expect(empty.err).toMatch(/BAD_REQUEST/);

    const listed = JSON.parse((await runCli(['--data-dir', dataDir, 'faq', 'list', '--json'])).out).entries as Array<{ id: string; source: string; tags: string[] }>;
    expect(listed.find((e) => e.id === entry.id)).toMatchObject({ source: 'revision 1 by cli:' + (process.env.USER ?? 'operator'), tags: ['operator'] });
    expect(listed.find((e) => e.id === 'faq-shipping-cost')?.source).toBe('knowledge/faq.yaml');
    // The same revision log the dashboard writes: the store has it, so every server loads or syncs it.
    const store = await openSqliteStore({ path: join(dataDir, 'shopmate.db') });
    expect((await store.revisions.list()).map((r) => [r.entryId, r.action, r.author])).toEqual([[entry.id, 'create', 'cli:operator']]);
    await store.close();
  });
});
