import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { mapSqliteError } from '../../src/store/sqlite/open-sqlite-store.ts';
import { expectCode, seedTurn } from './contract/contract-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = () => join(dir, `s-${++n}.db`);

describe('openSqliteStore', () => {
  it('opens in WAL mode with synchronous=FULL and foreign keys on, creating the directory', async () => {
    const store = await openSqliteStore({ path: join(dir, 'nested', 'deeper', 'x.db') });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('synchronous', { simple: true })).toBe(2); // 2 = FULL
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await store.close();
    const normal = await openSqliteStore({ path: path(), synchronous: 'NORMAL' });
    expect(normal.db.pragma('synchronous', { simple: true })).toBe(1);
    await normal.close();
  });

  it('persists every kind of record across close and reopen', async () => {
    const p = path();
    const a = await openSqliteStore({ path: p });
    const turn = await seedTurn(a);
    const fb = await a.feedback.add({ turnId: turn.id, kind: 'thumbs', value: 'up' });
    const item = await a.reviews.enqueue({ turnId: turn.id, reason: 'handoff', priority: 2 });
    await a.models.register({ version: 'v1', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: '/m/v1' });
    await a.models.promote('v1');
    const rev = await a.revisions.append({ kind: 'faq', entryId: 'f', action: 'create', before: null, after: { a: 1 }, author: 'ann' });
    const op = await a.operators.create({ username: 'ann', passwordHash: 'h', role: 'admin' });
    await a.events.record({ userId: 'u-1', productId: 'P-1', kind: 'click' });
    await a.close();

    const b = await openSqliteStore({ path: p });
    expect(await b.turns.get(turn.id)).toEqual(turn);
    expect(await b.feedback.get(fb.id)).toEqual(fb);
    expect(await b.reviews.get(item.id)).toEqual(item);
    expect((await b.models.getServing('intent'))!.version).toBe('v1');
    expect(await b.revisions.get(rev.id)).toEqual(rev);
    expect(await b.operators.get(op.id)).toEqual(op);
    expect(await b.events.list()).toHaveLength(1);
    // Revision ids stay monotonic across restarts and deletes (AUTOINCREMENT).
    b.db.prepare('DELETE FROM knowledge_revisions').run();
    const next = await b.revisions.append({ kind: 'faq', entryId: 'f', action: 'create', before: null, after: { a: 2 }, author: 'ann' });
    expect(next.id).toBeGreaterThan(rev.id);
    await b.close();
  });

  it('enforces enums, JSON and references in the database itself, behind the TypeScript checks', async () => {
    const store = await openSqliteStore({ path: path() });
    const turn = await seedTurn(store);
    const raw = (sql: string, ...args: unknown[]) => () => store.db.prepare(sql).run(...args);
    expect(raw("UPDATE conversations SET ownership = 'robot'")).toThrow(/CHECK/);
    expect(raw("UPDATE turns SET intents = '{broken'")).toThrow(/CHECK/);
    expect(raw("INSERT INTO feedback (id, turn_id, conversation_id, kind, value, at) VALUES ('f', 'ghost', 'c-1', 'thumbs', '\"up\"', 0)")).toThrow(/FOREIGN KEY/);
    expect(raw("UPDATE model_versions SET status = 'serving'")).not.toThrow(); // no rows yet
    await store.models.register({ version: 'a', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: '/a' });
    await store.models.register({ version: 'b', kind: 'intent', metrics: {}, dataSummary: {}, artifactDir: '/b' });
    expect(raw("UPDATE model_versions SET status = 'serving'")).toThrow(/UNIQUE/); // one serving model per kind
    expect(await store.turns.get(turn.id)).toEqual(turn);
    await store.close();
  });

  it('reports a hand-corrupted JSON column as a coded INTERNAL error instead of crashing', async () => {
    const store = await openSqliteStore({ path: path() });
    const turn = await seedTurn(store);
    store.db.pragma('ignore_check_constraints = ON');
    store.db.prepare("UPDATE turns SET replies = '[{oops' WHERE id = ?").run(turn.id);
    store.db.pragma('ignore_check_constraints = OFF');
    await expectCode(store.turns.get(turn.id), 'INTERNAL');
    await store.close();
  });

  it('maps SQLite constraint errors to stable codes', () => {
    const sqliteError = (code: string) => Object.assign(new Error('x'), { code });
    expect(mapSqliteError(sqliteError('SQLITE_CONSTRAINT_UNIQUE'))).toMatchObject({ code: 'CONFLICT' });
    expect(mapSqliteError(sqliteError('SQLITE_CONSTRAINT_FOREIGNKEY'))).toMatchObject({ code: 'NOT_FOUND' });
    expect(mapSqliteError(sqliteError('SQLITE_CONSTRAINT_CHECK'))).toMatchObject({ code: 'BAD_REQUEST' });
    expect(mapSqliteError(sqliteError('SQLITE_BUSY'))).toMatchObject({ code: 'INTERNAL' });
    const plain = new TypeError('not sqlite');
    expect(mapSqliteError(plain)).toBe(plain);
  });

  it('a second connection to the same file sees the first one\'s turn and returns it on redelivery', async () => {
    const p = path();
    const a = await openSqliteStore({ path: p });
    const b = await openSqliteStore({ path: p });
    await a.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
    const input = { conversationId: 'c-1', channel: 'webhook' as const, messageId: 'same', userId: 'u-1', text: 'hi' };
    const [ra, rb] = await Promise.all([a.turns.append(input), b.turns.append(input)]);
    expect(ra.turn.id).toBe(rb.turn.id);
    expect([ra.created, rb.created].sort()).toEqual([false, true]);
    await a.close();
    await b.close();
  });
});
