import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { RECENT_TURNS_SQL } from '../../src/store/sqlite/sqlite-turn-store.ts';
import { runStoreContract } from './store-contract.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-store-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
// A real file per test (not ':memory:') so WAL, fsync and foreign keys behave as in production.
runStoreContract('sqlite', async (options) => openSqliteStore({ path: join(dir, `contract-${++n}.db`), ...options }));

describe('sqlite request-path reads', () => {
  it('reads the newest turns of a conversation or a customer through an index, never scanning the table', async () => {
    const store = await openSqliteStore({ path: join(dir, 'plans.db') });
    const plan = (sql: string) => (store.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all('x', 5) as Array<{ detail: string }>).map((r) => r.detail).join(' | ');
    try {
      expect(plan(RECENT_TURNS_SQL.conversation)).toMatch(/USING INDEX turns_conversation/);
      expect(plan(RECENT_TURNS_SQL.user)).toMatch(/USING INDEX turns_user/);
    } finally {
      await store.close();
    }
  });
});
