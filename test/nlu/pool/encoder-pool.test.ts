import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { memoryLogger, silentLogger } from '../../../src/core/logger.ts';
import { HashingEncoder } from '../../../src/nlu/hashing-encoder.ts';
import { EncoderPool, spawnEncoderWorker, type EncoderPoolOptions } from '../../../src/nlu/pool/encoder-pool.ts';

const DIM = 64;
const hashing = new HashingEncoder(DIM);
const ROOT = resolve(import.meta.dirname, '..', '..', '..');

/** Worker threads with the hashing encoder: the pool's own behaviour, without loading a model. */
function poolOptions(over: Partial<EncoderPoolOptions> = {}): EncoderPoolOptions & { threads: Worker[] } {
  const threads: Worker[] = [];
  return {
    size: 2, spec: { kind: 'hashing', dim: DIM }, modelId: `hashing-${DIM}`, dim: DIM, batchSize: 8, maxWaitMs: 2, logger: silentLogger,
    spawn: (spec) => {
      const t = spawnEncoderWorker(spec);
      threads.push(t);
      return t;
    },
    threads,
    ...over,
  };
}

const open: EncoderPool[] = [];
async function startPool(options: EncoderPoolOptions): Promise<EncoderPool> {
  const pool = await EncoderPool.start(options);
  open.push(pool);
  return pool;
}
afterEach(async () => void (await Promise.all(open.splice(0).map((p) => p.close()))));

const texts = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix} sentence number ${i} about order ${i * 7}`);

describe('EncoderPool', () => {
  it('returns, under concurrency, each call its own vectors in input order (the same as on this thread)', async () => {
    const pool = await startPool(poolOptions({ batchSize: 5 }));
    const calls = Array.from({ length: 40 }, (_, i) => texts(`call ${i}`, 1 + (i % 13)));
    const results = await Promise.all(calls.map((c) => pool.embed(c)));
    for (const [i, call] of calls.entries()) expect(results[i]).toEqual(await hashing.embed(call));
    // 40 calls of 1-13 texts in batches of at most 5: every batch was used, none overfilled.
    expect(pool.stats.texts).toBe(calls.flat().length);
    expect(pool.stats.batches).toBeGreaterThanOrEqual(Math.ceil(calls.flat().length / 5));
  });

  it('gathers concurrent calls into batches of up to batchSize texts', async () => {
    const pool = await startPool(poolOptions({ batchSize: 4 }));
    const single = await Promise.all(texts('one', 10).map((t) => pool.embed([t])));
    expect(single.map(([v]) => v)).toEqual(await hashing.embed(texts('one', 10)));
    // 4 + 4 + 2, not 10 batches of one (4 + 4 + 1 + 1 when both workers finish before the pool runs again: the last
    // two are then shared between them).
    expect(pool.stats.texts).toBe(10);
    expect(pool.stats.batches).toBeGreaterThanOrEqual(3);
    expect(pool.stats.batches).toBeLessThanOrEqual(4);

    const unbatched = await startPool(poolOptions({ batchSize: 1 }));
    await Promise.all(texts('two', 10).map((t) => unbatched.embed([t])));
    expect(unbatched.stats.batches).toBe(10);
  });

  /** One full batch keeps a worker busy for 1.5 s; two single texts follow 20 ms apart (margins for a loaded machine). */
  async function lateCalls(maxWaitMs: number): Promise<EncoderPool> {
    const pool = await startPool(poolOptions({ spec: { kind: 'hashing', dim: DIM, delayMs: 1500 }, batchSize: 32, maxWaitMs }));
    const first = pool.embed(texts('busy', 32)); // full: sent at once
    await sleep(10);
    const later = [pool.embed(['a late one']), sleep(20).then(() => pool.embed(['a later one']))];
    const all = await Promise.all([first, ...later]);
    expect(all.slice(1).map(([v]) => v)).toEqual(await hashing.embed(['a late one', 'a later one']));
    return pool;
  }

  it('shares waiting texts among the idle workers instead of filling one batch while another worker idles', async () => {
    const pool = await startPool(poolOptions({ size: 2, batchSize: 8 }));
    const vectors = await Promise.all(texts('fair', 8).map((t) => pool.embed([t])));
    expect(vectors.map(([v]) => v)).toEqual(await hashing.embed(texts('fair', 8)));
    expect(pool.stats).toMatchObject({ batches: 2, texts: 8 }); // 4 + 4 on two workers, not 8 on one
  });

  it('waits up to maxWaitMs for more texts while another batch is in flight', async () => {
    expect((await lateCalls(800)).stats.batches).toBe(2); // the two late calls shared the idle worker's batch
    expect((await lateCalls(0)).stats.batches).toBe(3);
  });

  it('lets a live message (one text) overtake a bulk call queued before it', async () => {
    const pool = await startPool(poolOptions({ spec: { kind: 'hashing', dim: DIM, delayMs: 200 }, batchSize: 4 }));
    let bulkDone = false;
    const bulk = pool.embed(texts('bulk', 40)).then((v) => ((bulkDone = true), v)); // ten batches on two workers
    await sleep(20);
    const [live] = await pool.embed(['a customer message']);
    expect(bulkDone).toBe(false);
    expect(live).toEqual((await hashing.embed(['a customer message']))[0]);
    expect(await bulk).toEqual(await hashing.embed(texts('bulk', 40)));
  });

  it('fails the calls of a worker that dies mid-batch with ENCODER_WORKER_EXITED', async () => {
    const options = poolOptions({ size: 1, spec: { kind: 'hashing', dim: DIM, delayMs: 5000 } });
    const pool = await startPool(options);
    const pending = pool.embed(texts('doomed', 3));
    const failed = expect(pending).rejects.toMatchObject({ code: 'ENCODER_WORKER_EXITED' });
    await sleep(50);
    await options.threads[0]!.terminate();
    await failed;
    expect(await pool.embed(['after the crash'])).toEqual(await hashing.embed(['after the crash']));
    expect(pool.stats.replaced).toBe(1);
  });

  it('replaces a worker that dies, and keeps embedding', async () => {
    const logger = memoryLogger();
    const options = poolOptions({ logger });
    const pool = await startPool(options);
    const before = pool.threadIds;
    await options.threads[0]!.terminate(); // not through the pool: to the pool this is a crash
    await expect.poll(() => pool.stats.replaced, { timeout: 20_000 }).toBe(1);
    await expect.poll(() => pool.threadIds.length, { timeout: 20_000 }).toBe(2);
    expect(pool.threadIds).not.toContain(before[0]);
    expect(options.threads).toHaveLength(3);
    expect(await pool.embed(['still here'])).toEqual(await hashing.embed(['still here']));
    expect(logger.lines.some((l) => l.msg === 'encoder worker exited')).toBe(true);
  });

  it('closes: terminates every worker and fails queued and later calls with UNAVAILABLE', async () => {
    const options = poolOptions();
    const pool = await EncoderPool.start(options);
    const exits = options.threads.map((t) => new Promise<number>((done) => t.once('exit', done)));
    const queued = expect(pool.embed(['never embedded'])).rejects.toMatchObject({ code: 'UNAVAILABLE' }); // close comes first
    await pool.close();
    await queued;
    expect(await Promise.all(exits)).toHaveLength(2);
    await expect(pool.embed(['too late'])).rejects.toMatchObject({ code: 'UNAVAILABLE' });
  });

  it('fails to start with the worker\'s own error code when the model cannot load', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'shopmate-no-model-'));
    const start = EncoderPool.start(poolOptions({ size: 1, spec: { kind: 'use-lite', backend: 'cpu', batchSize: 8, modelDir: empty } }));
    await expect(start).rejects.toMatchObject({ code: 'MODEL_INTEGRITY' });
  });

  it('never keeps a process alive: a script that embeds and does not close its pool exits by itself', () => {
    const run = spawnSync(process.execPath, ['bin/run-ts.mjs', 'test/nlu/pool/unclosed-pool-script.ts'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ vectors: 3, dim: DIM });
  });
});
