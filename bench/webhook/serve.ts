// Child process of run.ts: the server under test runs apart from the load generator so they do not share an event loop.
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createServer, startServer } from '../../src/server/index.ts';
import { createBenchBot } from './bench-bot.ts';

const bot = await createBenchBot({ real: process.argv.includes('--real') });
const { app } = createServer({
  bot,
  feedback: new MemoryFeedbackSink(),
  logger: silentLogger,
  // The benchmark measures the pipeline, not the limiter, so the per-user budget is out of reach.
  webhook: { secret: process.env.BENCH_SECRET!, rateLimit: { perUserPerMinute: 1e9 } },
  staticRoutes: false,
});
const server = await startServer(app, 0, '127.0.0.1');
process.stdout.write(JSON.stringify({ port: server.port }) + '\n');
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
