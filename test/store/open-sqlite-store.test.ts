import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { httpStatusFor } from '../../src/core/errors.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { mapSqliteError } from '../../src/store/sqlite/open-sqlite-store.ts';
import { expectCode, seedTurn } from './contract/contract-helpers.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-sqlite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const path = () => join(dir, `s-${++n}.db`);

describe('openSqliteStore', () => {
  it('opens in WAL mode with foreign keys on, creating the directory; FULL flushes the WAL itself, NORMAL does not', async () => {
    const store = await openSqliteStore({ path: join(dir, 'nested', 'deeper', 'x.db') });
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    // SQLite's own FULL would fsync inside every commit on the event loop; WalSync flushes instead (next tests).
    expect(store.db.pragma('synchronous', { simple: true })).toBe(1);
    expect(store.db.pragma('foreign_keys', { simple: true })).toBe(1);
    await seedTurn(store); // through the real fsync of the real WAL file
    expect(store.walSync!.flushes).toBeGreaterThan(0);
    await store.close();
    const normal = await openSqliteStore({ path: path(), synchronous: 'NORMAL' });
    expect(normal.walSync).toBeNull();
    await normal.close();
  });

  it('under FULL a write resolves only after a WAL flush that began after it; reads never wait', async () => {
    const flushes: Array<{ path: string; done: () => void }> = [];
    const store = await openSqliteStore({ path: path(), flushFile: (p) => new Promise<void>((done) => flushes.push({ path: p, done })) });
    let created = false;
    const write = store.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' }).then(() => (created = true));
    await vi.waitFor(() => expect(flushes).toHaveLength(1));
    expect(flushes[0]!.path).toMatch(/-wal$/);
    expect(store.db.prepare('SELECT COUNT(*) FROM conversations').pluck().get()).toBe(1); // committed, not yet acknowledged
    expect(created).toBe(false);
    expect(await store.conversations.get('c-1')).not.toBeNull(); // a read does not wait for the flush
    expect(flushes).toHaveLength(1);
    flushes[0]!.done();
    await write;
    expect(created).toBe(true);
    await store.close();
  });

  it('groups writes: those committed while a flush runs share the next one (group commit)', async () => {
    const flushes: Array<() => void> = [];
    const store = await openSqliteStore({ path: path(), flushFile: () => new Promise<void>((done) => flushes.push(done)) });
    const first = store.events.record({ userId: 'u-1', productId: 'P-1', kind: 'click' });
    await vi.waitFor(() => expect(flushes).toHaveLength(1));
    const acked: number[] = [];
    const later = Array.from({ length: 20 }, (_, i) => store.events.record({ userId: `u-${i}`, productId: 'P-1', kind: 'click' }).then(() => acked.push(i)));
    flushes[0]!(); // this flush may have begun before the 20 writes reached the file: they must wait for the next
    await first;
    await vi.waitFor(() => expect(flushes).toHaveLength(2));
    expect(acked).toEqual([]);
    flushes[1]!();
    await Promise.all(later);
    expect(acked).toHaveLength(20);
    expect(store.walSync!.flushes).toBe(2); // 21 writes, 2 fsyncs
    await store.close();
  });

  it('a failed flush fails the write with STORE_NOT_DURABLE (HTTP 503), and the next write flushes again', async () => {
    let fail = true;
    const store = await openSqliteStore({ path: path(), flushFile: async () => { if (fail) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' }); } });
    await expectCode(store.events.record({ userId: 'u-1', productId: 'P-1', kind: 'click' }), 'STORE_NOT_DURABLE');
    expect(httpStatusFor('STORE_NOT_DURABLE')).toBe(503);
    fail = false;
    await expect(store.events.record({ userId: 'u-1', productId: 'P-1', kind: 'click' })).resolves.toBeDefined();
    await store.close();
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
