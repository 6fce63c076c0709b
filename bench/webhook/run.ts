// Webhook latency/throughput of the real bot. `node bin/run-ts.mjs bench/webhook/run.ts --help` lists the options.
import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { signWebhookBody } from '../../src/channels/webhook/signature.ts';
import { benchDataDir } from './bench-models.ts';
import { BenchServer } from './bench-server.ts';
import { loadBenchTexts, SHARED_DATA } from './bench-texts.ts';
import { startRoundRobinProxy } from './round-robin-proxy.ts';
import { measureEncoderCeiling } from './encoder-ceiling.ts';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { openSqliteStore } from '../../src/store/index.ts';
import { seedTurns } from '../../test/support/seed-turns.ts';
import { startThrowawayPostgres } from '../../test/support/throwaway-postgres.ts';

const HELP = `bench/webhook: p50/p99 latency, replies/s, errors and RSS of POST /v1/messages on the real bot.
  --clients 1,8,32      concurrent connections per level
  --workers 0,2         SHOPMATE_ENCODER_WORKERS values, one fresh server each (default: the server's default)
  --batch-wait-ms N     SHOPMATE_EMBED_BATCH_WAIT_MS of the server (default: its default)
  --seconds 5 --runs 3  length and repetitions of each measurement (medians are reported)
  --during-retrain      also measure each level while the learning loop retrains without pause
  --transport-only      a keyword fake bot instead of the real one: HTTP, signatures and turn log only
  --seed-turns 0,1000000  for each count, a server whose SQLite database already holds that many turns (reviews,
                        feedback, events; test/support/seed-turns.ts): the serving path must not slow down with it
  --instances 1,2       also run N servers on one throwaway PostgreSQL (one shared data dir) behind a round-robin
                        proxy; every count in the list is measured behind the proxy, so 1 vs 2 compare fairly
  --ceiling             first measure the embedding alone (an encoder pool of as many workers as cores, full
                        batches of distinct texts, nothing else running): no server can reply faster than that
  --json                one JSON object on stdout
  env BENCH_SERVER_NODE_ARGS: extra node options of the server process (e.g. --cpu-prof --cpu-prof-dir=/tmp/prof)`;
const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const list = (name: string, fallback: number[]) => option(name)?.split(',').map(Number) ?? fallback;
if (flag('--help')) {
  console.log(HELP);
  process.exit(0);
}
const SECONDS = Number(option('--seconds') ?? 5);
const RUNS = Number(option('--runs') ?? 3);
const CLIENTS = list('--clients', [1, 8, 32]);
const TRANSPORT_ONLY = flag('--transport-only');
const WORKERS: Array<number | undefined> = TRANSPORT_ONLY ? [undefined] : option('--workers') ? list('--workers', []) : [undefined];
const INSTANCES: Array<number | null> = option('--instances') && !TRANSPORT_ONLY ? list('--instances', [1]) : [null];
const SEED_TURNS: number[] = option('--seed-turns') && !TRANSPORT_ONLY ? list('--seed-turns', [0]) : [0];
const SECRET = randomBytes(16).toString('hex');
// Each request is a new customer, so the per-user limit (30/min) would never trigger; it is raised anyway so that a
// limit can never be what is measured.
const RATE_LIMIT = 1_000_000;

const loaded = loadBenchTexts();
if (!loaded && !TRANSPORT_ONLY) {
  console.error(`bench/webhook: skipped: the CLINC150 test texts are not in ${SHARED_DATA} (see its README); they are the distinct customer messages the bench sends`);
  process.exit(0);
}
const TEXTS = loaded ?? ['where is my order'];

let sequence = 0;
/** A distinct text, a new customer and conversation, a fresh messageId and its own signature for every request. */
function signedRequest(req: Record<string, unknown>): Record<string, unknown> {
  const n = ++sequence;
  const body = JSON.stringify({ messageId: `bench-${process.pid}-${n}`, conversationId: `bench-c-${n}`, userId: `bench-u-${n}`, text: TEXTS[n % TEXTS.length] });
  return { ...req, body, headers: { 'content-type': 'application/json', 'x-shopmate-signature': signWebhookBody(SECRET, body) } };
}

interface Sample {
  p50: number; p99: number; repliesPerSecond: number; errors: number; replies: number; cpuMs: number; mainCpuMs: number;
  /** CPU of this process (autocannon: building, signing and sending requests) and texts the servers' pools embedded. */
  clientCpuMs: number; embeddedTexts: number | null;
}

/** The servers under test and where requests go: the one server, or the round-robin proxy in front of several. */
interface Target { servers: BenchServer[]; port: number }

const failedTurns = async (t: Target) => {
  const counts = await Promise.all(t.servers.map((s) => s.ask<{ failedTurns: number }>('failed-turns', (x) => 'failedTurns' in x)));
  return counts.reduce((a, c) => a + c.failedTurns, 0);
};
/** Texts embedded so far by every server's encoder pool (null without a pool). */
async function embeddedTexts(t: Target): Promise<number | null> {
  const stats = await Promise.all(t.servers.map((s) => s.ask<{ batches: { texts: number } | null }>('memory', (x) => 'rssBytes' in x)));
  return stats.some((x) => x.batches === null) ? null : stats.reduce((a, x) => a + x.batches!.texts, 0);
}
const cpuOf = (t: Target) => t.servers.map((s) => s.cpuMs()).reduce((a, c) => ({ total: a.total + c.total, main: a.main + c.main }), { total: 0, main: 0 });

/** Errors are non-2xx answers, connection errors, timeouts and turns that failed inside (answered 200 with an apology). */
async function measure(t: Target, connections: number, seconds: number): Promise<Sample> {
  const failedBefore = await failedTurns(t);
  const textsBefore = await embeddedTexts(t);
  const cpuBefore = cpuOf(t);
  const clientBefore = process.cpuUsage();
  const r = await autocannon({ url: `http://127.0.0.1:${t.port}`, connections, duration: seconds, requests: [{ method: 'POST', path: '/v1/messages', setupRequest: signedRequest }] });
  const cpu = cpuOf(t);
  const client = process.cpuUsage(clientBefore);
  const failed = (await failedTurns(t)) - failedBefore;
  const textsAfter = await embeddedTexts(t);
  const replies = r['2xx'] - failed;
  return {
    p50: r.latency.p50, p99: r.latency.p99, repliesPerSecond: replies / seconds, errors: r.non2xx + r.errors + r.timeouts + failed,
    replies, cpuMs: cpu.total - cpuBefore.total, mainCpuMs: cpu.main - cpuBefore.main,
    clientCpuMs: (client.user + client.system) / 1000, embeddedTexts: textsBefore === null || textsAfter === null ? null : textsAfter - textsBefore,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const mb = (bytes: number) => Math.round(bytes / 1048576);

function row(connections: number, samples: Sample[]) {
  return {
    connections,
    p50Ms: median(samples.map((s) => s.p50)),
    p99Ms: median(samples.map((s) => s.p99)),
    repliesPerSecond: Math.round(median(samples.map((s) => s.repliesPerSecond))),
    errors: samples.reduce((a, s) => a + s.errors, 0),
    // Server CPU per reply over all runs of the level: with C idle cores the server could answer at most
    // C * 1000 / cpuMsPerReply replies/s, and at most 1000 / mainCpuMsPerReply on its one main thread.
    cpuMsPerReply: perReply(samples, (s) => s.cpuMs),
    mainCpuMsPerReply: perReply(samples, (s) => s.mainCpuMs),
    // The load generator shares the machine: its CPU per reply is taken from the same cores.
    clientCpuMsPerReply: perReply(samples, (s) => s.clientCpuMs),
    textsEmbeddedPerReply: samples.some((s) => s.embeddedTexts === null) ? null : perReply(samples, (s) => s.embeddedTexts!, 2),
  };
}

function perReply(samples: Sample[], ms: (s: Sample) => number, digits = 1): number | null {
  const replies = samples.reduce((a, s) => a + s.replies, 0);
  return replies === 0 ? null : +(samples.reduce((a, s) => a + ms(s), 0) / replies).toFixed(digits);
}

/**
 * Waits until the server is quiet (under a tenth of a core for half a second, at most a minute): the first messages
 * start one-off work (the recommender embeds the whole catalog on its first query) that must not be charged to the
 * first measured level.
 */
async function settle(t: Target): Promise<void> {
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const before = cpuOf(t).total;
    await sleep(500);
    if (cpuOf(t).total - before < 50 * t.servers.length) return;
  }
}

/** Keeps the learning loop retraining for as long as `active()` holds; resolves with each retrain's duration. */
async function retrainWhile(server: BenchServer, active: () => boolean): Promise<number[]> {
  const durations: number[] = [];
  while (active()) durations.push((await server.ask<{ ms: number }>('retrain', (x) => 'retrained' in x)).ms);
  return durations;
}

/** N servers on one throwaway PostgreSQL and one data dir, behind the round-robin proxy; null = one server on SQLite. */
async function startTarget(env: Record<string, string>, instances: number | null): Promise<Target & { close: () => Promise<void> }> {
  if (instances === null) {
    const server = await BenchServer.start(env, TRANSPORT_ONLY ? ['--transport-only'] : []);
    return { servers: [server], port: server.info.port, close: () => server.stop() };
  }
  const pg = await startThrowawayPostgres();
  const shared = { ...env, SHOPMATE_STORE: 'postgres', SHOPMATE_DATABASE_URL: pg.url, SHOPMATE_DATA_KEY: randomBytes(32).toString('hex') };
  const servers: BenchServer[] = [];
  for (let i = 0; i < instances; i++) servers.push(await BenchServer.start(shared, []));
  const proxy = await startRoundRobinProxy(servers.map((s) => s.info.port));
  return {
    servers, port: proxy.port,
    close: async () => {
      await proxy.close();
      for (const s of servers) await s.stop();
      await pg.stop();
    },
  };
}

/** The SQLite database the server will open, already holding `turns` turns (and their reviews, feedback, events). */
async function seedDatabase(dataDir: string, turns: number): Promise<void> {
  const store = await openSqliteStore({ path: join(dataDir, 'shopmate.db'), synchronous: 'NORMAL' });
  try {
    seedTurns(store.db, { turns, now: Date.now() });
  } finally {
    await store.close();
  }
}

async function benchServer(workers: number | undefined, instances: number | null, seededTurns: number) {
  const dataDir = TRANSPORT_ONLY ? null : await benchDataDir();
  if (dataDir && seededTurns > 0 && instances === null) await seedDatabase(dataDir, seededTurns);
  const env: Record<string, string> = {
    SHOPMATE_WEBHOOK_SECRET: SECRET, SHOPMATE_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT), PORT: '0', SHOPMATE_HOST: '127.0.0.1', SHOPMATE_LOG_LEVEL: 'warn',
    ...(dataDir ? { SHOPMATE_DATA_DIR: dataDir } : {}),
    ...(workers === undefined ? {} : { SHOPMATE_ENCODER_WORKERS: String(workers) }),
    ...(option('--batch-wait-ms') ? { SHOPMATE_EMBED_BATCH_WAIT_MS: option('--batch-wait-ms')! } : {}),
  };
  const target = await startTarget(env, instances);
  const server = target.servers[0]!;
  try {
    await measure(target, 8, 2); // warm-up: JIT, sockets, first batches
    await settle(target);
    const rows = [];
    for (const c of CLIENTS) {
      const samples: Sample[] = [];
      for (let r = 0; r < RUNS; r++) samples.push(await measure(target, c, SECONDS));
      rows.push(row(c, samples));
    }
    const memory = await server.ask<{ rssBytes: number; workers: Array<{ heapUsedBytes: number; externalBytes: number }>; batches: { batches: number; texts: number } | null }>('memory', (x) => 'rssBytes' in x);
    const duringRetrain = flag('--during-retrain') && !TRANSPORT_ONLY ? await measureDuringRetrain(target) : null;
    return {
      instances, store: instances === null ? 'sqlite' : 'postgres', seededTurns: instances === null ? seededTurns : 0,
      workers: server.info.encoderWorkers ?? null, batchWaitMs: server.info.batchWaitMs ?? null, rows, duringRetrain,
      memory: {
        rssMb: mb(memory.rssBytes), peakRssMb: mb(server.peakRssBytes()), instancesPeakRssMb: target.servers.map((s) => mb(s.peakRssBytes())),
        perWorker: memory.workers.map((w) => ({ heapMb: mb(w.heapUsedBytes), externalMb: mb(w.externalBytes) })),
        meanBatchSize: memory.batches && memory.batches.batches > 0 ? +(memory.batches.texts / memory.batches.batches).toFixed(1) : null,
      },
    };
  } finally {
    await target.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureDuringRetrain(target: Target) {
  let measuring = true;
  const retrains = retrainWhile(target.servers[0]!, () => measuring);
  const rows = [];
  for (const c of CLIENTS) rows.push(row(c, [await measure(target, c, SECONDS)]));
  measuring = false;
  return { rows, retrainMs: await retrains };
}

const load = { before: loadavg().map((x) => +x.toFixed(2)) };
const ceiling = flag('--ceiling') && !TRANSPORT_ONLY ? await measureEncoderCeiling(TEXTS, availableParallelism(), SECONDS) : null;
const servers = [];
for (const n of INSTANCES) for (const t of SEED_TURNS) for (const w of WORKERS) servers.push(await benchServer(w, n, t));
const best = servers.at(-1)!;
const at = (c: number) => best.rows.find((r) => r.connections === c);
const goals = { p99At1Ms: 30, repliesPerSecondAt32: 400, p99At32Ms: 250 };
// The goals are the real bot's; the transport-only fake says nothing about them.
const goalsMet = !TRANSPORT_ONLY && at(1) && at(32) ? at(1)!.p99Ms <= goals.p99At1Ms && at(32)!.repliesPerSecond >= goals.repliesPerSecondAt32 && at(32)!.p99Ms <= goals.p99At32Ms : null;
const report = {
  bench: 'webhook', bot: TRANSPORT_ONLY ? 'transport-only (fake keyword bot)' : 'real', texts: TEXTS.length, secondsPerRun: SECONDS, runs: RUNS,
  rateLimitPerMinute: RATE_LIMIT, node: process.version, loadAverage: { ...load, after: loadavg().map((x) => +x.toFixed(2)) }, encoderCeiling: ceiling, servers, goals, goalsMet,
};
if (flag('--json')) console.log(JSON.stringify(report));
else printReport(report);

function printReport(r: typeof report): void {
  console.log(`webhook benchmark: ${r.bot} bot, ${r.texts} distinct texts (CLINC150 test), one new customer per message, ${r.runs} runs x ${r.secondsPerRun}s, medians`);
  console.log(`per-user rate limit raised to ${r.rateLimitPerMinute}/min for the bench; load average before ${r.loadAverage.before.join(' ')}, after ${r.loadAverage.after.join(' ')}`);
  if (r.encoderCeiling) {
    const c = r.encoderCeiling;
    console.log(`encoder ceiling: ${c.workers} USE lite workers, batches of ${c.batchSize} distinct texts, nothing else running: ${c.textsPerSecond} texts/s (${c.cpuMsPerText} ms CPU/text)`);
  }
  console.log('instances | workers | turns in db | clients | p50 ms | p99 ms | replies/s | errors | server CPU ms/reply (main threads) | client CPU ms/reply | texts embedded/reply');
  const line = (s: (typeof r.servers)[number], x: ReturnType<typeof row>, note = '') => console.log(`${String(s.instances === null ? '1 (sqlite)' : `${s.instances} (pg)`).padStart(10)}|${String(s.workers ?? '-').padStart(8)} | ${String(s.seededTurns).padStart(10)} | ${String(x.connections).padStart(7)} | ${String(x.p50Ms).padStart(6)} | ${String(x.p99Ms).padStart(6)} | ${String(x.repliesPerSecond).padStart(9)} | ${String(x.errors).padStart(6)} | ${x.cpuMsPerReply ?? '-'} (${x.mainCpuMsPerReply ?? '-'}) | ${x.clientCpuMsPerReply ?? '-'} | ${x.textsEmbeddedPerReply ?? '-'}${note}`);
  for (const s of r.servers) {
    for (const x of s.rows) line(s, x);
    for (const x of s.duringRetrain?.rows ?? []) line(s, x, '  (during retrain)');
    const workers = s.memory.perWorker.map((w) => `${w.heapMb}+${w.externalMb}`).join(', ');
    console.log(`        RSS ${s.memory.rssMb} MB (peak ${s.memory.peakRssMb} MB)${workers ? `; per worker heap+external MB: ${workers}; mean batch ${s.memory.meanBatchSize} texts` : ''}${s.duringRetrain ? `; retrains: ${s.duringRetrain.retrainMs.map((ms) => `${(ms / 1000).toFixed(1)}s`).join(', ')}` : ''}`);
  }
  if (r.goalsMet !== null) console.log(`goals (p99 <= ${r.goals.p99At1Ms} ms at 1 client; >= ${r.goals.repliesPerSecondAt32}/s with p99 <= ${r.goals.p99At32Ms} ms at 32): ${r.goalsMet ? 'met' : 'NOT met'}`);
}
