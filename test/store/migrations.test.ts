import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { MIGRATIONS, migrate, openSqliteStore, type Migration } from '../../src/store/index.ts';
import { expectCode } from './contract/contract-helpers.ts';
import { describeSqliteSchema } from '../support/describe-schema.ts';
import { OLD_TURNS, rollupAndScan } from '../support/old-turns.ts';
import { CONTRACT_DEMAND_RULES } from './contract/contract-demand-rules.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-migrations-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const freshDb = () => new Database(join(dir, `m-${++n}.db`));
const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);

describe('migrations', () => {
  it('applies every migration once at open, records them in schema_version, and is idempotent on reopen', async () => {
    const path = join(dir, 'reopen.db');
    const first = await openSqliteStore({ path });
    expect(first.migration).toEqual({ from: 0, to: MIGRATIONS.length, applied: MIGRATIONS.map((m) => m.version) });
    await first.close();
    const second = await openSqliteStore({ path });
    expect(second.migration).toEqual({ from: MIGRATIONS.length, to: MIGRATIONS.length, applied: [] });
    const rows = second.db.prepare('SELECT version, name FROM schema_version ORDER BY version').all();
    expect(rows).toEqual(MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
    await second.close();
  });

  it('applies pending migrations in order, each in its own transaction', () => {
    const db = freshDb();
    const order: string[] = [];
    const extra: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'a', up: 'CREATE TABLE extra_a (x INTEGER) STRICT' },
      { version: MIGRATIONS.length + 2, name: 'b', up: 'ALTER TABLE extra_a ADD COLUMN y TEXT' },
    ];
    migrate(db, MIGRATIONS);
    const report = migrate(db, extra);
    expect(report.applied).toEqual([MIGRATIONS.length + 1, MIGRATIONS.length + 2]);
    order.push(...(db.prepare('SELECT name FROM pragma_table_info(?)').all('extra_a') as Array<{ name: string }>).map((c) => c.name));
    expect(order).toEqual(['x', 'y']); // b ran after a, otherwise the ALTER would have failed
    expect(migrate(db, extra).applied).toEqual([]);
    db.close();
  });

  it('rolls a failing migration back completely and keeps the previous version', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS);
    const broken: Migration[] = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, name: 'half', up: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);' },
    ];
    expect(() => migrate(db, broken)).toThrow(/no_such_table/);
    expect(tables(db)).not.toContain('half_done');
    expect((db.prepare('SELECT MAX(version) AS v FROM schema_version').get() as { v: number }).v).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a database written by a newer build, and migration lists with gaps', async () => {
    const path = join(dir, 'newer.db');
    const db = new Database(path);
    migrate(db, MIGRATIONS);
    db.prepare('INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)').run(MIGRATIONS.length + 5, 'future', 0);
    db.close();
    await expectCode(openSqliteStore({ path }), 'CONFLICT');
    expect(() => migrate(freshDb(), [{ version: 2, name: 'gap', up: '' }])).toThrow(/expected 1/);
  });

  it('keeps shipped migrations frozen: their SQL is literal text with pinned hashes', () => {
    // Built from constants, a shipped migration would silently change when a constant does (it did for channels).
    const pinned = [
      'a502cb9734f5d697f7357a185396d10494a3deb7d50f98a0c2c7b21560a4d613',
      'aa7dd5d4eed64d45eef501e81a0ae788d87a13cd8a100aeb95e8551d9cefbbd7',
      '536efea9a0382c5d335f5666cab51e7cae4cbc80616d4ec6c84f3ba4a7102020',
      '32f6a2c72b08f4270d499f74b9ed55d6a711d50681b98beb018578571a0b6d00',
      '4de227219d9529d4e7028feacd4c0ec9f5d90a8b8aaca99ae909da001732e92f',
      '84fd6e372922d1427aa2de73bce1937e571c6afcf9977820f2da3fcdcaf0af17',
      'daf723ca7fcf73792bccbb69e8c1a1f49518d3b26cb0fc09e591bca48dcf941f',
      'd324abdd995b27481534f43ef4b0ff8d65daa8fdb09b5cdb1c8fe0b856923f41',
      'c014bcd33bae031510c462a72c3557bc907c35c35fc7cb304887b76607af9618',
      'b3d4f173bb50b04548deb47eb9e98803df57305b6a89ac968765ae31691b86a9',
      '1e49041458c4c6c4c794b402ef007fab88a8019a1e6dd93d895099f73658454a',
      'e08fda558e0a63460eb3739d69dc40cb17b6b1ed3d555dbf1c7f4cce27a8ac92',
    ];
    expect(MIGRATIONS.slice(0, pinned.length).map((m) => createHash('sha256').update(m.up).digest('hex'))).toEqual(pinned);
  });

  it('builds exactly the committed schema (test/store/schema/sqlite.schema.sql)', async () => {
    const db = freshDb();
    migrate(db);
    await expect(describeSqliteSchema(db)).toMatchFileSnapshot('./schema/sqlite.schema.sql');
    db.close();
  });

  it('migration 4 lets any well-formed channel id in and keeps every row, key and index of a version-3 database', () => {
    const db = freshDb();
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 3));
    const insertOld = (sql: string, ...params: unknown[]) => db.prepare(sql).run(...params);
    insertOld("INSERT INTO conversations VALUES ('c-1', 'discord', 'u-1', 'agent', '{}', 3, 1, 2, 5, 4)");
    insertOld("INSERT INTO turns (seq, id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, sentiment, entities, replies, at, language) VALUES (7, 't-1', 'c-1', 'discord', 'm-1', 'u-1', 'hi', '[]', 0, 'null', '[]', '[]', 5, 'en')");
    insertOld("INSERT INTO feedback VALUES (1, 'f-1', 't-1', 'discord:m-1:0', 'c-1', 'thumbs', '\"down\"', 6)");
    insertOld("INSERT INTO review_items VALUES (1, 'r-1', 't-1', 'thumbs_down', 90, 'open', NULL, NULL, 6)");
    expect(() => insertOld("INSERT INTO conversations VALUES ('c-2', 'sms', 'u-2', 'bot', '{}', 1, 1, 1, NULL, 1)")).toThrow(/CHECK/);
    const before = { turns: db.prepare('SELECT * FROM turns').all(), conversations: db.prepare('SELECT * FROM conversations').all() };

    expect(migrate(db, MIGRATIONS.slice(0, 4)).applied).toEqual([4]);
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1); // switched back on after the rebuild
    expect(db.prepare('SELECT * FROM turns').all()).toEqual(before.turns);
    expect(db.prepare('SELECT * FROM conversations').all()).toEqual(before.conversations);
    // Dropping the old turns table did not cascade into feedback or the review queue.
    expect(db.prepare('SELECT id FROM feedback').all()).toEqual([{ id: 'f-1' }]);
    expect(db.prepare('SELECT id FROM review_items').all()).toEqual([{ id: 'r-1' }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%' AND tbl_name IN ('turns', 'conversations') ORDER BY name").all() as Array<{ name: string }>).map((r) => r.name);
    expect(indexes).toEqual(['conversations_handoff', 'conversations_user', 'turns_at', 'turns_conversation', 'turns_user']);

    insertOld("INSERT INTO conversations VALUES ('c-2', 'sms', 'u-2', 'bot', '{}', 1, 1, 1, NULL, 1)");
    insertOld("INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, sentiment, entities, replies, at) VALUES ('t-2', 'c-2', 'sms', 'm-1', 'u-2', 'hi', '[]', 0, 'null', '[]', '[]', 9)");
    for (const bad of ['SMS', 'sms:1', '', '1sms', 'a'.repeat(33)]) {
      expect(() => insertOld("INSERT INTO conversations VALUES (?, ?, 'u-3', 'bot', '{}', 1, 1, 1, NULL, 1)", `c-${bad}`, bad)).toThrow(/CHECK/);
    }
    // The references still hold after the rename: a turn of an unknown conversation, or deleting a turn with feedback.
    expect(() => insertOld("INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, sentiment, entities, replies, at) VALUES ('t-3', 'ghost', 'sms', 'm-2', 'u-2', 'hi', '[]', 0, 'null', '[]', '[]', 9)")).toThrow(/FOREIGN KEY/);
    db.prepare("DELETE FROM turns WHERE id = 't-1'").run();
    expect(db.prepare('SELECT COUNT(*) AS n FROM feedback').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 5 keeps every review item, widens the review reasons and adds turn outcome and slot answer', () => {
    const db = freshDb();
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS.slice(0, 4));
    db.prepare("INSERT INTO conversations VALUES ('c-1', 'webhook', 'u-1', 'bot', '{}', 1, 1, 1, NULL, 1)").run();
    db.prepare("INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, sentiment, entities, replies, at) VALUES ('t-1', 'c-1', 'webhook', 'm-1', 'u-1', 'hi', '[]', 0, 'null', '[]', '[]', 9)").run();
    db.prepare("INSERT INTO review_items VALUES (3, 'r-1', 't-1', 'handoff', 80, 'resolved', '{\"action\":\"dismiss\",\"operator\":\"ann\"}', 11, 10)").run();
    expect(() => db.prepare("INSERT INTO review_items VALUES (4, 'r-2', 't-1', 'repeated', 85, 'open', NULL, NULL, 10)").run()).toThrow(/CHECK/);
    const before = db.prepare('SELECT * FROM review_items').all();

    expect(migrate(db, MIGRATIONS.slice(0, 5)).applied).toEqual([5]);
    expect(db.prepare('SELECT * FROM review_items').all()).toEqual(before);
    db.prepare("INSERT INTO review_items VALUES (4, 'r-2', 't-1', 'repeated', 85, 'open', NULL, NULL, 10)").run();
    expect(db.prepare("SELECT outcome, slot_answer FROM turns WHERE id = 't-1'").get()).toEqual({ outcome: null, slot_answer: 0 });
    expect(() => db.prepare("UPDATE turns SET outcome = 'shrug'").run()).toThrow(/CHECK/);
    const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'review_items' AND name NOT LIKE 'sqlite_%'").all();
    expect(indexes).toEqual([{ name: 'review_items_open' }]);
    db.prepare("DELETE FROM turns WHERE id = 't-1'").run(); // still cascades to the rebuilt queue
    expect(db.prepare('SELECT COUNT(*) AS n FROM review_items').get()).toEqual({ n: 0 });
    db.close();
  });

  it('migration 6 derives the analytics columns of existing and new turns, and the aggregates read only its index', () => {
    const db = freshDb();
    migrate(db, MIGRATIONS.slice(0, 5));
    db.prepare("INSERT INTO conversations VALUES ('c-1', 'webhook', 'u-1', 'bot', '{}', 1, 1, 1, NULL, 1)").run();
    const insert = db.prepare("INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, sentiment, entities, replies, at) VALUES (?, 'c-1', 'webhook', ?, 'u-1', 'x', ?, 0, ?, ?, ?, 5)");
    const cards = JSON.stringify([{ kind: 'product_cards', products: [] }]);
    insert.run('t-old', 'm-1', '[{"intent":"a","score":0.75}]', '{"label":"negative"}', '[{"type":"product","value":{"productId":"p"}}]', '[{"kind":"handoff","text":"x"}]');
    expect(migrate(db, MIGRATIONS.slice(0, 6)).applied).toEqual([6]);
    insert.run('t-new', 'operator:ann:1', '[]', '{"label":"x","scores":{"positive":0.5,"negative":0.25}}', '[]', cards);
    insert.run('t-odd', 'm-2', '[{"intent":"a","score":"high"}]', '"text"', '[]', '[]');
    const derived = db.prepare('SELECT id, is_operator, top_score, sentiment_score, has_handoff, has_product FROM turns ORDER BY seq').all();
    expect(derived).toEqual([
      { id: 't-old', is_operator: 0, top_score: 0.75, sentiment_score: -1, has_handoff: 1, has_product: 1 },
      { id: 't-new', is_operator: 1, top_score: null, sentiment_score: 0.25, has_handoff: 0, has_product: 1 },
      { id: 't-odd', is_operator: 0, top_score: null, sentiment_score: null, has_handoff: 0, has_product: 0 },
    ]);
    const plan = db.prepare('EXPLAIN QUERY PLAN SELECT channel, COUNT(*), SUM(sentiment_score), SUM(top_score) FROM turns WHERE is_operator = 0 AND at >= 0 AND at < 10 GROUP BY channel').all() as Array<{ detail: string }>;
    expect(plan.map((r) => r.detail).join('; ')).toMatch(/USING COVERING INDEX turns_analytics/);
    db.close();
  });

  it('migration 12 backfills the analytics rollups from the turns and feedback already stored; new turns count at write time', async () => {
    const path = join(dir, 'rollups.db');
    const db = new Database(path);
    migrate(db, MIGRATIONS.slice(0, 11));
    const conversation = db.prepare("INSERT INTO conversations (id, channel, user_id, ownership, state, version, created_at, updated_at, ownership_changed_at) VALUES (?, 'webhook', 'u-1', 'bot', '{}', 1, 0, 0, 0)");
    conversation.run('c-1');
    conversation.run('c-2');
    const turn = db.prepare(`INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, top_intent, out_of_scope, sentiment, entities, replies, model_version, at)
      VALUES (?, ?, 'webhook', ?, 'u-1', ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    OLD_TURNS.forEach(([c, ...rest], i) => turn.run(`t-${i}`, c, ...rest));
    db.prepare(`INSERT INTO feedback (id, turn_id, conversation_id, kind, value, at) VALUES ('f-1', 't-0', 'c-1', 'thumbs', '"up"', 0), ('f-2', 't-3', 'c-2', 'rating', '5', 0)`).run();
    db.close();

    const store = await openSqliteStore({ path, demandRules: CONTRACT_DEMAND_RULES });
    try {
      expect(store.migration.applied).toEqual([12]);
      const before = await rollupAndScan(store);
      expect(before.rollup).toEqual(before.scan);
      expect(before.rollup.aggregate).toMatchObject({ customerTurns: 5, operatorTurns: 1, conversations: 2, handoffConversations: 1, feedback: { thumbsUp: 1, ratings: 1 } });
      expect(before.rollup.demand).toEqual([
        { productId: 'lamp', signal: 'out_of_stock', bucket: 1, count: 1 },
        { productId: 'sofa', signal: 'price_question', bucket: 1, count: 1 },
        { productId: 'sofa', signal: 'price_question', bucket: 27, count: 1 },
        { productId: 'sofa', signal: 'too_expensive', bucket: 3, count: 1 },
      ]);
      // Written at append time: the new turn's signal is in the demand rollup as soon as the append returns.
      await store.turns.append({ conversationId: 'c-2', channel: 'webhook', messageId: 'm-new', userId: 'u-1', text: 'how much?', intents: [{ intent: 'product_information', score: 0.9 }],
        outOfScope: false, inScopeScore: 0.9, sentiment: null, entities: [], replies: [{ kind: 'product_cards', products: [{ productId: 'rug', title: 'rug', price: 1, currency: 'EUR', image: '', url: '', inStock: true }] }],
        latencyMs: 1, modelVersion: null, at: new Date(30 * 3_600_000) });
      expect(store.db.prepare("SELECT hour, model_key, signal, turns FROM analytics_demand_hours WHERE product_id = 'rug'").all())
        .toEqual([{ hour: 30 * 3_600_000, model_key: '-', signal: 'price_question', turns: 1 }]);
      const after = await rollupAndScan(store);
      expect(after.rollup).toEqual(after.scan);
      // The whole-hour window really is read from the rollups: emptied, they answer nothing.
      store.db.exec('DELETE FROM analytics_hours');
      expect((await store.analytics.aggregate(after.window)).customerTurns).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('rolls a table rebuild back when it would break a reference, and restores foreign keys', () => {
    const db = freshDb();
    db.pragma('foreign_keys = ON');
    migrate(db, MIGRATIONS);
    const breaking: Migration = { version: MIGRATIONS.length + 1, name: 'drops a parent', rebuildsTables: true, up: 'CREATE TABLE keep_me (x INTEGER); DELETE FROM conversations;' };
    db.prepare("INSERT INTO conversations VALUES ('c-1', 'webhook', 'u-1', 'bot', '{}', 1, 1, 1, NULL, 1)").run();
    db.prepare("INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, sentiment, entities, replies, at) VALUES ('t-1', 'c-1', 'webhook', 'm-1', 'u-1', 'hi', '[]', 0, 'null', '[]', '[]', 9)").run();
    expect(() => migrate(db, [...MIGRATIONS, breaking])).toThrow(/foreign key/);
    expect(tables(db)).not.toContain('keep_me');
    expect(db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 1 });
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    db.close();
  });
});
