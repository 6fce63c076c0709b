// The reads the serving path and the schedulers make, on a big database:
// `node bin/run-ts.mjs bench/scale/run.ts [--turns 1000000] [--runs 5] [--store sqlite|postgres] [--json]`.
// Seeds a temporary database (never ./data; PostgreSQL: a throwaway server, test/support/throwaway-postgres.ts) with
// `--turns` turns, feedback, events and decided review items, then times each read (median of --runs) next to a
// baseline measured in the same run: loading 1 % of the turns. The stores are opened with the shipped demand rules,
// as `shopmate serve` opens them, so the analytics rollups count the seeded turns as they are written.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeAnalytics } from '../../src/server/admin/compute-analytics.ts';
import { DEMAND_RULES } from '../../src/server/admin/demand-rules.ts';
import { openPostgresStore, openSqliteStore, type Store } from '../../src/store/index.ts';
import { seedTurns } from '../../test/support/seed-turns.ts';
import { seedPostgresTurns } from '../../test/support/seed-turns-postgres.ts';
import { startThrowawayPostgres } from '../../test/support/throwaway-postgres.ts';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const value = (name: string, fallback: number) => Number(option(name) ?? fallback);
const TURNS = value('--turns', 1_000_000);
const RUNS = value('--runs', 5);
const STORE = option('--store') ?? 'sqlite';
if (STORE !== 'sqlite' && STORE !== 'postgres') {
  console.error(`--store must be sqlite or postgres, not ${STORE}`);
  process.exit(2);
}
const NOW = Date.parse('2026-03-31T12:00:00Z');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
async function time(fn: () => Promise<unknown>): Promise<number> {
  const samples: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    const t0 = performance.now();
    await fn();
    samples.push(performance.now() - t0);
  }
  return median(samples);
}

/** A seeded store and how to get rid of it. */
async function seededStore(): Promise<{ store: Store; seedSeconds: number; dispose: () => Promise<void> }> {
  const seeded = performance.now();
  if (STORE === 'postgres') {
    const server = await startThrowawayPostgres();
    const store = await openPostgresStore({ url: server.url, demandRules: DEMAND_RULES });
    await seedPostgresTurns(store.pool, { turns: TURNS, now: NOW });
    return { store, seedSeconds: (performance.now() - seeded) / 1000, dispose: async () => { await store.close(); await server.stop(); } };
  }
  const dir = mkdtempSync(join(tmpdir(), 'shopmate-bench-scale-'));
  const store = await openSqliteStore({ path: join(dir, 'scale.db'), synchronous: 'NORMAL', demandRules: DEMAND_RULES });
  seedTurns(store.db, { turns: TURNS, now: NOW });
  // Decided review items on every 200th turn, handoffs on every 500th conversation: what the schedulers count.
  store.db.transaction(() => {
    const review = store.db.prepare("INSERT INTO review_items (id, turn_id, reason, priority, status, decision, decided_at, created_at) VALUES (?, ?, 'low_confidence', 1, 'resolved', ?, ?, ?)");
    for (let i = 0; i < TURNS; i += 200) review.run(`r${i}`, `t${i}`, JSON.stringify({ action: 'relabel', label: 'track_order', operator: 'bench' }), NOW - 86_400_000 + i, NOW - 86_400_000);
    store.db.prepare("UPDATE conversations SET ownership = 'agent' WHERE rowid % 500 = 0").run();
  })();
  return { store, seedSeconds: (performance.now() - seeded) / 1000, dispose: async () => { await store.close(); rmSync(dir, { recursive: true, force: true }); } };
}

const { store, seedSeconds, dispose } = await seededStore();
try {
  const since = new Date(NOW - 3_600_000);
  const rows = [
    { read: 'baseline: load 1 % of the turns', ms: await time(() => store.turns.list({ limit: TURNS / 100 })) },
    { read: 'analytics page (30 days, every aggregate)', ms: await time(() => computeAnalytics(store, { now: new Date(NOW), days: 30 })) },
    { read: 'retrain trigger: reviews decided in the last hour', ms: await time(() => store.reviews.countDecided({ decidedAfter: since })) },
    { read: 'handoff queue length', ms: await time(() => store.conversations.countHandoffs()) },
    { read: 'handoff inbox page (50)', ms: await time(() => store.conversations.listHandoffs({ limit: 50 })) },
    { read: 'a conversation transcript tail (20)', ms: await time(() => store.turns.recentByConversation(`c${Math.floor(TURNS / 20)}`, 20)) },
  ].map((r) => ({ ...r, ms: Math.round(r.ms * 100) / 100 }));
  const analytics = rows[1]!.ms;
  const report = { bench: 'scale', store: STORE, turns: TURNS, runs: RUNS, seedSeconds: Math.round(seedSeconds), node: process.version, rows, goals: { analyticsMs: 1000 }, goalsMet: analytics < 1000 };
  if (args.includes('--json')) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`scale benchmark: ${TURNS.toLocaleString('en')} turns on ${STORE === 'sqlite' ? 'SQLite' : 'PostgreSQL'} (seeded in ${report.seedSeconds} s), median of ${RUNS} runs`);
    for (const r of rows) console.log(`${r.read.padEnd(52)} ${String(r.ms).padStart(9)} ms`);
    console.log(`goal (analytics page < 1000 ms): ${report.goalsMet ? 'met' : 'NOT met'}`);
  }
} finally {
  await dispose();
}
