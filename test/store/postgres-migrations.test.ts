/**
 * PostgreSQL migrations and opening: frozen literal SQL, a version table, one transaction per migration, several
 * instances starting at once, and the schema they build compared with test/store/schema/postgres.schema.txt.
 * One throwaway server for the file; skipped, saying why, only when no PostgreSQL binary exists.
 */
import { createHash } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { openStore } from '../../src/open-store.ts';
import { POSTGRES_MIGRATIONS, migratePostgres, openPostgresStore, type PostgresMigration } from '../../src/store/index.ts';
import { describePostgresSchema } from '../support/describe-schema.ts';
import { OLD_TURNS, rollupAndScan } from '../support/old-turns.ts';
import { CONTRACT_DEMAND_RULES } from './contract/contract-demand-rules.ts';
import { postgresUnavailableReason, startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.ts';
import { expectCode } from './contract/contract-helpers.ts';

const unavailable = postgresUnavailableReason();

describe.skipIf(unavailable !== null)(`PostgreSQL migrations${unavailable ? ` (skipped: ${unavailable})` : ''}`, () => {
  let server: ThrowawayPostgres;
  let n = 0;
  const freshUrl = () => server.createDatabase(`migrations_${++n}`);
  async function withClient<T>(url: string, work: (c: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  }
  const versions = (c: pg.Client) => c.query('SELECT version, name FROM schema_version ORDER BY version').then((r) => r.rows);

  beforeAll(async () => {
    server = await startThrowawayPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('keeps shipped migrations frozen: their SQL is literal text with pinned hashes', () => {
    const pinned = [
      'f0c9c435a8a8c6f42932be1997da1093e6001ccceba4fc10add111422d0b0365',
      '170735eb7825ec7c5fc8661f54c98fb72c0db98911e3d5a1d88ecd7036d3da2d',
      '324fa4d9f31e621f7bca3c8ad438a7cf084e96ee2313b305bda99f8d4481adb0',
      '5cf9f27503ade055c47d4048b4b3f7541b6402d3704b7be56b71aea98a45e57b',
      '22d9c2cb16c32a0442ed3553cd7455c8623d142656780921244999bd9cff8af3',
      'c9c1852f0c50fbb8efa5ce6d1685192e163f17979d73db0475a1d507d1382d39',
      '8c3a3e425b501815d6b1ce1b744d644651df42fd14124e9722a34512a47d26e4',
    ];
    expect(POSTGRES_MIGRATIONS.slice(0, pinned.length).map((m) => createHash('sha256').update(m.up).digest('hex'))).toEqual(pinned);
  });

  it('builds exactly the committed schema', async () => {
    const url = await freshUrl();
    await (await openPostgresStore({ url })).close();
    const schema = await withClient(url, describePostgresSchema);
    await expect(schema).toMatchFileSnapshot('./schema/postgres.schema.txt');
  });

  it('applies every migration once at open, records them, and applies nothing on reopen', async () => {
    const url = await freshUrl();
    const first = await openPostgresStore({ url });
    expect(first.migration).toEqual({ from: 0, to: POSTGRES_MIGRATIONS.length, applied: POSTGRES_MIGRATIONS.map((m) => m.version) });
    await first.close();
    const second = await openPostgresStore({ url });
    expect(second.migration).toEqual({ from: POSTGRES_MIGRATIONS.length, to: POSTGRES_MIGRATIONS.length, applied: [] });
    await second.close();
    expect(await withClient(url, versions)).toEqual(POSTGRES_MIGRATIONS.map((m) => ({ version: m.version, name: m.name })));
  });

  it('lets several instances start on a fresh database at once: one migrates, the others find it done', async () => {
    const url = await freshUrl();
    const stores = await Promise.all([1, 2, 3, 4].map(() => openPostgresStore({ url })));
    try {
      expect(stores.map((s) => s.migration.applied.length).sort()).toEqual([0, 0, 0, POSTGRES_MIGRATIONS.length]);
      await stores[0]!.conversations.getOrCreate({ id: 'c-1', channel: 'webhook', userId: 'u-1' });
      expect((await stores[3]!.conversations.get('c-1'))?.userId).toBe('u-1');
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('rolls a failing migration back completely and keeps the previous version', async () => {
    const url = await freshUrl();
    const broken: PostgresMigration[] = [
      ...POSTGRES_MIGRATIONS,
      { version: POSTGRES_MIGRATIONS.length + 1, name: 'half', up: 'CREATE TABLE half_done (x INTEGER); INSERT INTO no_such_table VALUES (1);' },
    ];
    await withClient(url, async (c) => {
      await expect(migratePostgres(c, broken)).rejects.toThrow(/no_such_table/);
      const { rows } = await c.query("SELECT to_regclass('half_done') AS t");
      expect(rows[0].t).toBeNull();
      expect((await versions(c)).map((v) => v.version)).toEqual(POSTGRES_MIGRATIONS.map((m) => m.version));
      // The advisory lock was released: migrating again works.
      expect((await migratePostgres(c)).applied).toEqual([]);
    });
  });

  it('refuses a database written by a newer build, and migration lists with gaps', async () => {
    const url = await freshUrl();
    await withClient(url, async (c) => {
      await migratePostgres(c);
      await c.query('INSERT INTO schema_version (version, name, applied_at) VALUES ($1, $2, 0)', [POSTGRES_MIGRATIONS.length + 5, 'future']);
      await expect(migratePostgres(c, [{ version: 2, name: 'gap', up: '' }])).rejects.toThrow(/expected 1/);
    });
    await expectCode(openPostgresStore({ url }), 'CONFLICT');
  });

  it('derives the analytics columns of any JSON without failing an insert', async () => {
    const url = await freshUrl();
    await (await openPostgresStore({ url })).close();
    const derived = await withClient(url, async (c) => {
      await c.query("INSERT INTO conversations (id, channel, user_id, ownership, state, version, created_at, updated_at, ownership_changed_at) VALUES ('c-1', 'webhook', 'u-1', 'bot', '{}', 1, 1, 1, 1)");
      const insert = (id: string, messageId: string, intents: string, sentiment: string, entities: string, replies: string) => c.query(
        `INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, out_of_scope, sentiment, entities, replies, at)
         VALUES ($1, 'c-1', 'webhook', $2, 'u-1', 'x', $3, false, $4, $5, $6, 5)`, [id, messageId, intents, sentiment, entities, replies]);
      await insert('t-a', 'm-1', '[{"intent":"a","score":0.75}]', '{"label":"negative"}', '[{"type":"product","value":{"productId":"p"}}]', '[{"kind":"handoff","text":"x"}]');
      await insert('t-b', 'operator:ann:1', '[]', '{"label":"x","scores":{"positive":0.5,"negative":0.25}}', '[]', JSON.stringify([{ kind: 'product_cards', products: [] }]));
      await insert('t-c', 'm-2', '[{"intent":"a","score":"high"}]', '"text"', '[]', '[]');
      await insert('t-d', 'm-3', '{"not":"a list"}', '[1, 2]', '7', 'null');
      return (await c.query('SELECT id, is_operator, top_score, sentiment_score, has_handoff, has_product FROM turns ORDER BY seq')).rows;
    });
    expect(derived).toEqual([
      { id: 't-a', is_operator: false, top_score: 0.75, sentiment_score: -1, has_handoff: true, has_product: true },
      { id: 't-b', is_operator: true, top_score: null, sentiment_score: 0.25, has_handoff: false, has_product: true },
      { id: 't-c', is_operator: false, top_score: null, sentiment_score: null, has_handoff: false, has_product: false },
      { id: 't-d', is_operator: false, top_score: null, sentiment_score: null, has_handoff: false, has_product: false },
    ]);
  });

  it('migration 7 backfills the analytics rollups from the turns and feedback already stored; new turns count at write time', async () => {
    const url = await freshUrl();
    await withClient(url, async (c) => {
      await migratePostgres(c, POSTGRES_MIGRATIONS.slice(0, 6));
      await c.query(`INSERT INTO conversations (id, channel, user_id, ownership, state, version, created_at, updated_at, ownership_changed_at)
        VALUES ('c-1', 'webhook', 'u-1', 'bot', '{}', 1, 0, 0, 0), ('c-2', 'webhook', 'u-1', 'bot', '{}', 1, 0, 0, 0)`);
      for (const [i, [conv, messageId, text, intents, top, oos, ...rest]] of OLD_TURNS.entries()) {
        await c.query(`INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, top_intent, out_of_scope, sentiment, entities, replies, model_version, at)
          VALUES ($1, $2, 'webhook', $3, 'u-1', $4, $5, $6, $7, $8, $9, $10, $11, $12)`, [`t-${i}`, conv, messageId, text, intents, top, oos === 1, ...rest]);
      }
      await c.query(`INSERT INTO feedback (id, turn_id, conversation_id, kind, value, at) VALUES ('f-1', 't-0', 'c-1', 'thumbs', '"up"', 0), ('f-2', 't-3', 'c-2', 'rating', '5', 0)`);
    });
    const store = await openPostgresStore({ url, demandRules: CONTRACT_DEMAND_RULES });
    try {
      expect(store.migration.applied).toEqual([7]);
      const before = await rollupAndScan(store);
      expect(before.rollup).toEqual(before.scan);
      expect(before.rollup.aggregate).toMatchObject({ customerTurns: 5, operatorTurns: 1, conversations: 2, handoffConversations: 1, feedback: { thumbsUp: 1, ratings: 1 } });
      expect(before.rollup.demand).toHaveLength(4);
      await store.turns.append({ conversationId: 'c-2', channel: 'webhook', messageId: 'm-new', userId: 'u-1', text: 'how much?', intents: [{ intent: 'product_information', score: 0.9 }],
        outOfScope: false, inScopeScore: 0.9, sentiment: null, entities: [], replies: [{ kind: 'product_cards', products: [{ productId: 'rug', title: 'rug', price: 1, currency: 'EUR', image: '', url: '', inStock: true }] }],
        latencyMs: 1, modelVersion: null, at: new Date(30 * 3_600_000) });
      const demand = await withClient(url, async (c) => (await c.query("SELECT hour::integer AS hour, model_key, signal, turns::integer AS turns FROM analytics_demand_hours WHERE product_id = 'rug'")).rows);
      expect(demand).toEqual([{ hour: 30 * 3_600_000, model_key: '-', signal: 'price_question', turns: 1 }]);
      const after = await rollupAndScan(store);
      expect(after.rollup).toEqual(after.scan);
      await withClient(url, (c) => c.query('DELETE FROM analytics_hours'));
      expect((await store.analytics.aggregate(after.window)).customerTurns).toBe(0);
    } finally {
      await store.close();
    }
  });

  it('opens from the configuration, and reports an unreachable server as UNAVAILABLE without the password', async () => {
    const url = await freshUrl();
    const store = await openStore(loadConfig({ env: { SHOPMATE_STORE: 'postgres', SHOPMATE_DATABASE_URL: url } }));
    expect(store.kind).toBe('postgres');
    await store.close();
    const unreachable = openPostgresStore({ url: 'postgres://shop:s3cret-pw@127.0.0.1:1/nowhere' });
    await expectCode(unreachable, 'UNAVAILABLE');
    await unreachable.catch((e: Error) => expect(e.message).not.toContain('s3cret-pw'));
  });
});
