// The reads the serving path and the schedulers make, on a big database:
// `node bin/run-ts.mjs bench/scale/run.ts [--turns 1000000] [--runs 5] [--json]`.
// Seeds a temporary SQLite database (never ./data) with `--turns` turns, feedback, events and decided review items,
// then times each read (median of --runs) next to a baseline measured in the same run: loading 1 % of the turns.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { computeAnalytics } from '../../src/server/admin/compute-analytics.ts';
import { DEMAND_RULES } from '../../src/server/admin/demand-rules.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { seedTurns } from '../../test/support/seed-turns.ts';

const args = process.argv.slice(2);
const value = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const TURNS = value('--turns', 1_000_000);
const RUNS = value('--runs', 5);
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

const dir = mkdtempSync(join(tmpdir(), 'shopmate-bench-scale-'));
try {
  const store = await openSqliteStore({ path: join(dir, 'scale.db'), synchronous: 'NORMAL', demandRules: DEMAND_RULES });
  const seeded = performance.now();
  seedTurns(store.db, { turns: TURNS, now: NOW });
  // Decided review items on every 200th turn, handoffs on every 500th conversation: what the schedulers count.
  store.db.transaction(() => {
    const review = store.db.prepare("INSERT INTO review_items (id, turn_id, reason, priority, status, decision, decided_at, created_at) VALUES (?, ?, 'low_confidence', 1, 'resolved', ?, ?, ?)");
    for (let i = 0; i < TURNS; i += 200) review.run(`r${i}`, `t${i}`, JSON.stringify({ action: 'relabel', label: 'track_order', operator: 'bench' }), NOW - 86_400_000 + i, NOW - 86_400_000);
    store.db.prepare("UPDATE conversations SET ownership = 'agent' WHERE rowid % 500 = 0").run();
  })();
  const seedSeconds = (performance.now() - seeded) / 1000;
  const since = new Date(NOW - 3_600_000);
  const rows = [
    { read: 'baseline: load 1 % of the turns', ms: await time(() => store.turns.list({ limit: TURNS / 100 })) },
    { read: 'analytics page (30 days, every aggregate)', ms: await time(() => computeAnalytics(store, { now: new Date(NOW), days: 30 })) },
    { read: 'retrain trigger: reviews decided in the last hour', ms: await time(() => store.reviews.countDecided({ decidedAfter: since })) },
    { read: 'handoff queue length', ms: await time(() => store.conversations.countHandoffs()) },
    { read: 'handoff inbox page (50)', ms: await time(() => store.conversations.listHandoffs({ limit: 50 })) },
    { read: 'a conversation transcript tail (20)', ms: await time(() => store.turns.recentByConversation(`c${Math.floor(TURNS / 20)}`, 20)) },
  ].map((r) => ({ ...r, ms: Math.round(r.ms * 100) / 100 }));
  await store.close();
  const analytics = rows[1]!.ms;
  const report = { bench: 'scale', store: 'sqlite', turns: TURNS, runs: RUNS, seedSeconds: Math.round(seedSeconds), node: process.version, rows, goals: { analyticsMs: 1000 }, goalsMet: analytics < 1000 };
  if (args.includes('--json')) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`scale benchmark: ${TURNS.toLocaleString('en')} turns on SQLite (seeded in ${report.seedSeconds} s), median of ${RUNS} runs`);
    for (const r of rows) console.log(`${r.read.padEnd(52)} ${String(r.ms).padStart(9)} ms`);
    console.log(`goal (analytics page < 1000 ms): ${report.goalsMet ? 'met' : 'NOT met'}`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
