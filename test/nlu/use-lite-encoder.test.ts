import { cpSync, mkdtempSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/config.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { CachedEncoder } from '../../src/nlu/cached-encoder.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import { FileEmbeddingCache } from '../../src/nlu/embedding-cache.ts';
import { requireText } from '../../src/nlu/text-hygiene.ts';
import { defaultUseLiteDir, readVerifiedModelFiles } from '../../src/nlu/use-lite-encoder.ts';

const cosine = (a: Float32Array, b: Float32Array) => {
  let d = 0, x = 0, y = 0;
  for (let i = 0; i < a.length; i++) {
    d += a[i] * b[i];
    x += a[i] * a[i];
    y += b[i] * b[i];
  }
  return d / Math.sqrt(x * y);
};

describe('USE lite encoder (real weights)', () => {
  let dataDir: string;
  let encoder: CachedEncoder;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'shopmate-enc-'));
    encoder = await createEncoder({ config: loadConfig({ env: {}, overrides: { dataDir, nlu: { encoderWorkers: 0 } } }), logger: silentLogger });
  });
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('produces 512-d vectors whose similarities match the published model', async () => {
    const [order, pkg, track] = await encoder.embed(['where is my order', 'where is my package', 'track my package']);
    expect(order).toHaveLength(512);
    expect(cosine(order, pkg)).toBeCloseTo(0.74, 1);
    expect(cosine(order, track)).toBeCloseTo(0.35, 1);
  });

  it('embeds emoji, mixed scripts, control characters and very long text once cleaned', async () => {
    const raw = ['😀🎉', 'héllo 你好 мир order', 'where\u0000 is\u200b my\torder', 'refund '.repeat(5000), '🙂'];
    const texts = raw.map((t) => requireText(t, 1000));
    expect(texts[2]).toBe('where is my order');
    expect(texts[3].length).toBeLessThanOrEqual(1000);
    const vectors = await encoder.embed(texts);
    expect(vectors).toHaveLength(raw.length);
    for (const v of vectors) expect(v.every(Number.isFinite)).toBe(true);
    // Row alignment: the cleaned control-character sentence equals the plain one.
    const [plain] = await encoder.embed(['where is my order']);
    expect(cosine(vectors[2], plain)).toBeGreaterThan(0.999);
  });

  it('rejects empty and whitespace-only text with a clear error', () => {
    expect(() => requireText('   \n\t ', 1000)).toThrow(/empty/);
    expect(() => requireText('\u0000\u200b', 1000)).toThrow(expect.objectContaining({ code: 'ENCODER_INPUT' }));
    expect(() => requireText(42 as unknown, 1000)).toThrow(/must be a string/);
  });

  it('persists embeddings so a new process never re-embeds a seen sentence', async () => {
    const before = encoder.misses;
    await encoder.embed(['a sentence for the cache test', 'a sentence for the cache test']);
    expect(encoder.misses - before).toBe(1);
    const reopened = new FileEmbeddingCache(join(dataDir, 'cache', 'embeddings-use-lite-1.bin'), 512);
    expect(reopened.get('use-lite-1', 'a sentence for the cache test')).toBeDefined();
    let innerCalls = 0;
    const counting = new CachedEncoder(
      { modelId: 'use-lite-1', dim: 512, embed: async (t) => ((innerCalls += t.length), t.map(() => new Float32Array(512))) },
      reopened,
    );
    await counting.embed(['a sentence for the cache test', 'where is my order']);
    expect(innerCalls).toBe(0);
  });

  it('survives a torn record at the end of the cache file', () => {
    const path = join(dataDir, 'cache', 'embeddings-use-lite-1.bin');
    const size = readFileSync(path).length;
    writeFileSync(path, Buffer.concat([readFileSync(path), Buffer.alloc(100, 7)]));
    const reopened = new FileEmbeddingCache(path, 512);
    expect(reopened.size).toBe(size / (20 + 2048));
    expect(readFileSync(path).length).toBe(size);
  });
});

describe('model integrity check', () => {
  it('refuses a tampered shard and names the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'shopmate-use-'));
    try {
      cpSync(defaultUseLiteDir(), dir, { recursive: true });
      const shard = join(dir, 'group1-shard3of7');
      const bytes = readFileSync(shard);
      bytes[1000] ^= 0xff;
      writeFileSync(shard, bytes);
      await expect(readVerifiedModelFiles(dir)).rejects.toMatchObject({
        code: 'MODEL_INTEGRITY',
        message: expect.stringContaining('group1-shard3of7'),
      });
      rmSync(join(dir, 'vocab.json'));
      await expect(readVerifiedModelFiles(dir)).rejects.toThrow(/missing.*vocab\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('serving cache policy', () => {
  it('keeps single live texts out of the persistent cache but still reuses them', async () => {
    let innerCalls = 0;
    const inner = { modelId: 'm', dim: 2, embed: async (t: string[]) => ((innerCalls += t.length), t.map(() => new Float32Array([1, 0]))) };
    const dir = mkdtempSync(join(tmpdir(), 'shopmate-live-'));
    const cache = new FileEmbeddingCache(join(dir, 'c.bin'), 2);
    const live = new CachedEncoder(inner, cache, { persistSingles: false });
    await live.embed(['a customer message with an email a@b.example']);
    await live.embed(['a customer message with an email a@b.example']);
    expect(innerCalls).toBe(1);
    expect(cache.size).toBe(0);
    await live.embed(['training sentence one', 'training sentence two']);
    expect(cache.size).toBe(2);
    expect(new FileEmbeddingCache(join(dir, 'c.bin'), 2).size).toBe(2);
    rmSync(dir, { recursive: true, force: true });
  });
});
