// Webhook latency/throughput: `node bin/run-ts.mjs bench/webhook/run.ts [--json] [--real] [--seconds 3] [--runs 3]`.
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { signWebhookBody } from '../../src/channels/webhook/signature.ts';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string, fallback: number) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const SECONDS = value('--seconds', 3);
const RUNS = value('--runs', 3);
const LEVELS = [1, 8, 32];
const SECRET = randomBytes(16).toString('hex');
const TEXTS = ['where is my order', 'how do I return a lamp', 'can I pay by invoice', 'what are your opening hours', 'tell me a joke'];

async function startChild(): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['bin/run-ts.mjs', 'bench/webhook/serve.ts', ...(flag('--real') ? ['--real'] : [])], {
    env: { ...process.env, BENCH_SECRET: SECRET },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)));
  });
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

let sequence = 0;
/** Every request gets a fresh messageId (so the turn log never short-circuits it) and its own signature. */
function signedRequest(req: Record<string, unknown>): Record<string, unknown> {
  const n = ++sequence;
  const body = JSON.stringify({ messageId: `bench-${process.pid}-${n}`, conversationId: `c-${n % 500}`, userId: `u-${n % 500}`, text: TEXTS[n % TEXTS.length] });
  return { ...req, body, headers: { 'content-type': 'application/json', 'x-shopmate-signature': signWebhookBody(SECRET, body) } };
}

interface Sample { p50: number; p99: number; repliesPerSecond: number; errors: number }

async function measure(port: number, connections: number, seconds: number): Promise<Sample> {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    duration: seconds,
    requests: [{ method: 'POST', path: '/v1/messages', setupRequest: signedRequest }],
  });
  return {
    p50: result.latency.p50,
    p99: result.latency.p99,
    repliesPerSecond: result['2xx'] / seconds,
    errors: result.non2xx + result.errors + result.timeouts,
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const { child, port } = await startChild();
try {
  await measure(port, 8, 1); // warm-up: JIT, sockets
  const rows = [];
  for (const connections of LEVELS) {
    const samples: Sample[] = [];
    for (let r = 0; r < RUNS; r++) samples.push(await measure(port, connections, SECONDS));
    rows.push({
      connections,
      p50Ms: median(samples.map((s) => s.p50)),
      p99Ms: median(samples.map((s) => s.p99)),
      repliesPerSecond: Math.round(median(samples.map((s) => s.repliesPerSecond))),
      errors: samples.reduce((a, s) => a + s.errors, 0),
    });
  }
  const goals = { p99At1Ms: 30, repliesPerSecondAt32: 200 };
  const met = rows[0]!.p99Ms <= goals.p99At1Ms && rows[2]!.repliesPerSecond >= goals.repliesPerSecondAt32;
  const report = { bench: 'webhook', bot: flag('--real') ? 'real' : 'fake', secondsPerRun: SECONDS, runs: RUNS, node: process.version, rows, goals, goalsMet: met };
  if (flag('--json')) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`webhook benchmark (${report.bot} bot, ${RUNS} runs x ${SECONDS}s, medians)`);
    console.log('connections | p50 ms | p99 ms | replies/s | errors');
    for (const r of rows) console.log(`${String(r.connections).padStart(11)} | ${String(r.p50Ms).padStart(6)} | ${String(r.p99Ms).padStart(6)} | ${String(r.repliesPerSecond).padStart(9)} | ${r.errors}`);
    console.log(`goals (p99 <= ${goals.p99At1Ms} ms at 1, >= ${goals.repliesPerSecondAt32}/s at 32): ${met ? 'met' : 'NOT met'}`);
  }
} finally {
  child.kill('SIGTERM');
}
