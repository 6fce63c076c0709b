import { EncoderPool } from '../../src/nlu/pool/encoder-pool.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { USE_LITE_DIM, USE_LITE_MODEL_ID } from '../../src/nlu/use-lite-encoder.ts';

export interface EncoderCeiling {
  workers: number;
  batchSize: number;
  textsPerSecond: number;
  cpuMsPerText: number;
}

/**
 * The embedding alone, nothing else: an encoder pool of `workers` USE lite workers (wasm) kept busy with distinct
 * texts in full batches for `seconds`. No server can answer more distinct messages per second than this, since
 * every reply embeds its message (bench/webhook reports texts embedded per reply), so it is the ceiling the
 * replies/s goal is measured against. Runs in this process: the caller must not be measuring anything else then.
 */
export async function measureEncoderCeiling(texts: string[], workers: number, seconds: number, batchSize = 32): Promise<EncoderCeiling> {
  const pool = await EncoderPool.start({
    size: workers, spec: { kind: 'use-lite', backend: 'wasm', batchSize }, modelId: USE_LITE_MODEL_ID, dim: USE_LITE_DIM,
    batchSize, maxWaitMs: 2, logger: silentLogger,
  });
  try {
    let next = 0;
    const batch = () => Array.from({ length: batchSize }, () => texts[next++ % texts.length]!);
    // Two batches per worker in flight, so a worker never waits for the next one.
    const run = async (until: number) => {
      let n = 0;
      while (performance.now() < until) n += (await pool.embed(batch())).length;
      return n;
    };
    await Promise.all(Array.from({ length: workers * 2 }, () => run(performance.now() + 1000))); // warm-up
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const counts = await Promise.all(Array.from({ length: workers * 2 }, () => run(t0 + seconds * 1000)));
    const elapsed = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const n = counts.reduce((a, b) => a + b, 0);
    return { workers, batchSize, textsPerSecond: Math.round(n / elapsed), cpuMsPerText: +((cpu.user + cpu.system) / 1000 / n).toFixed(2) };
  } finally {
    await pool.close();
  }
}
