import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/config.ts';
import { silentLogger } from '../../../src/core/logger.ts';
import type { CachedEncoder } from '../../../src/nlu/cached-encoder.ts';
import { createEncoder } from '../../../src/nlu/create-encoder.ts';

/** Customer-style sentences of different lengths (tokens per row differ, so a misrouted row would show). */
const SENTENCES = [
  'where is my order', 'I want to send the blue lamp back', 'do you deliver to Switzerland?', 'cancel SM-100648 please',
  'the sofa arrived with a scratch on the left armrest and I am not happy about it', 'hi', 'thanks, bye',
  'can I pay by invoice', 'what are your opening hours on saturday', 'my voucher code does not work at checkout',
  'is the oak dining table in stock', 'change the delivery address of my last order', '😀', 'refund',
];

describe('the encoder pool with USE lite (real weights)', () => {
  let dataDir: string;
  let pooled: CachedEncoder;
  let mainThread: CachedEncoder;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shopmate-pool-'));
    const config = (encoderWorkers: number) => loadConfig({ env: {}, overrides: { dataDir, nlu: { encoderWorkers, batchSize: 8 } } });
    // Separate cache files: each encoder must compute its vectors, not read the other's.
    pooled = await createEncoder({ config: config(2), logger: silentLogger, cachePath: join(dataDir, 'pooled.bin'), serving: true });
    mainThread = await createEncoder({ config: config(0), logger: silentLogger, cachePath: join(dataDir, 'main.bin'), serving: true });
  });
  afterAll(async () => {
    await pooled?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('returns the vectors of the main-thread encoder, for concurrent single calls and one bulk call', async () => {
    const expected = await mainThread.embed(SENTENCES.map((s) => `${s} (bulk)`));
    const bulk = await pooled.embed(SENTENCES.map((s) => `${s} (bulk)`));
    const singles = await Promise.all(SENTENCES.map((s) => pooled.embed([s])));
    const expectedSingles = await Promise.all(SENTENCES.map((s) => mainThread.embed([s])));
    for (const [got, want] of [...bulk.map((v, i) => [v, expected[i]!]), ...singles.map(([v], i) => [v!, expectedSingles[i]![0]!])]) {
      expect(got).toHaveLength(512);
      let maxDiff = 0;
      for (let d = 0; d < 512; d++) maxDiff = Math.max(maxDiff, Math.abs(got![d]! - want![d]!));
      expect(maxDiff).toBeLessThan(1e-4);
    }
  });
});
