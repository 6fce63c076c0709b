// Child process of run.ts: the server under test runs apart from the load generator so they do not share an event
// loop. Default: the real `shopmate serve` (models, knowledge, dialogue, SQLite, learning loop) configured from the
// environment run.ts sets. `--transport-only`: a keyword fake behind the same webhook channel (HTTP, signatures and
// turn log only; no models). stdin takes commands; each answer is one JSON line on stdout.
import { createInterface } from 'node:readline';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { WebhookChannel } from '../../src/channels/webhook/webhook-channel.ts';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger, silentLogger } from '../../src/core/logger.ts';
import { EncoderPool } from '../../src/nlu/pool/encoder-pool.ts';
import { serve, type RunningBot } from '../../src/serve.ts';
import { createServer, startServer } from '../../src/server/index.ts';
import { createTransportOnlyBot } from './bench-bot.ts';

const say = (x: unknown) => process.stdout.write(JSON.stringify(x) + '\n');

async function startTransportOnly(): Promise<{ port: number; stop: () => Promise<void> }> {
  const web = new WebhookChannel({ webhook: { secret: process.env.SHOPMATE_WEBHOOK_SECRET!, rateLimit: { perUserPerMinute: 1e9 } }, feedback: new MemoryFeedbackSink(), logger: silentLogger });
  await web.start(createTransportOnlyBot());
  const { app } = createServer({ logger: silentLogger, channels: [web], staticRoutes: false });
  const server = await startServer(app, 0, '127.0.0.1');
  return { port: server.port, stop: () => server.close() };
}

/** What the server holds: process RSS, and per encoder worker its isolate's heap and wasm memory. */
async function memory(bot: RunningBot | null) {
  const inner = bot?.app.encoder.innerEncoder;
  const pool = inner instanceof EncoderPool ? inner : null;
  return {
    rssBytes: process.memoryUsage().rss,
    mainHeapUsedBytes: process.memoryUsage().heapUsed,
    workers: pool ? await pool.memory() : [],
    batches: pool ? { ...pool.stats } : null,
  };
}

/** Runs one retrain of the learning loop (trained in its worker thread, as the scheduler does) and reports when done. */
function retrain(bot: RunningBot): void {
  const t0 = Date.now();
  bot.learning.runOnce({ reason: 'bench --during-retrain' }).then(
    (r) => say({ retrained: true, ms: Date.now() - t0, promoted: r.promoted }),
    (e: unknown) => say({ retrained: false, ms: Date.now() - t0, error: String(e) }),
  );
}

let bot: RunningBot | null = null;
let failedTurns = 0;
let stop: () => Promise<void>;
if (process.argv.includes('--transport-only')) {
  const t = await startTransportOnly();
  stop = t.stop;
  say({ port: t.port, pid: process.pid });
} else {
  const config = loadConfig();
  // A failed turn still answers 200 (the polite error reply), so the bench counts them from the log.
  const write = (line: string) => {
    if (line.includes('"msg":"turn failed"')) failedTurns += 1;
    process.stderr.write(line + '\n');
  };
  bot = await serve({ config, logger: createLogger({ level: config.logLevel, write }) });
  stop = () => bot!.stop();
  say({ port: bot.http.port, pid: process.pid, encoderWorkers: config.nlu.encoderWorkers, batchSize: config.nlu.batchSize, batchWaitMs: config.nlu.batchWaitMs });
}
createInterface({ input: process.stdin }).on('line', (line) => {
  if (line === 'failed-turns') say({ failedTurns });
  else if (line === 'memory') void memory(bot).then(say, (e: unknown) => say({ rssBytes: process.memoryUsage().rss, error: String(e) }));
  else if (line === 'retrain' && bot) retrain(bot);
});
process.on('SIGTERM', () => void stop().then(() => process.exit(0)));
