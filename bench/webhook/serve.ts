// Child process of run.ts: the server under test runs apart from the load generator so they do not share an event loop.
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { WebhookChannel } from '../../src/channels/webhook/webhook-channel.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createServer, startServer } from '../../src/server/index.ts';
import { createBenchBot } from './bench-bot.ts';

const bot = await createBenchBot({ real: process.argv.includes('--real') });
// The benchmark measures the pipeline, not the limiter, so the per-user budget is out of reach.
const web = new WebhookChannel({ webhook: { secret: process.env.BENCH_SECRET!, rateLimit: { perUserPerMinute: 1e9 } }, feedback: new MemoryFeedbackSink(), logger: silentLogger });
await web.start(bot);
const { app } = createServer({ logger: silentLogger, channels: [web], staticRoutes: false });
const server = await startServer(app, 0, '127.0.0.1');
process.stdout.write(JSON.stringify({ port: server.port }) + '\n');
process.on('SIGTERM', () => void server.close().then(() => process.exit(0)));
