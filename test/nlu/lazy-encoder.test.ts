import { describe, expect, it } from 'vitest';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { LazyEncoder } from '../../src/nlu/lazy-encoder.ts';

describe('LazyEncoder', () => {
  it('loads nothing until the first embed, then loads once even under concurrent calls', async () => {
    let loads = 0;
    const real = new HashingEncoder(32);
    const lazy = new LazyEncoder({ modelId: real.modelId, dim: 32, load: async () => (loads++, real) });
    expect(lazy.loaded).toBe(false);
    expect(loads).toBe(0);
    const [a, b] = await Promise.all([lazy.embed(['where is my order']), lazy.embed(['hello'])]);
    expect(loads).toBe(1);
    expect(a).toEqual(await real.embed(['where is my order']));
    expect(b).toEqual(await real.embed(['hello']));
  });

  it('reports a failed load and tries again on the next call', async () => {
    let attempts = 0;
    const lazy = new LazyEncoder({
      modelId: 'hashing-8',
      dim: 8,
      load: async () => {
        if (++attempts === 1) throw new Error('MODEL_INTEGRITY: shard 3 does not match');
        return new HashingEncoder(8);
      },
    });
    await expect(lazy.embed(['x'])).rejects.toThrow('shard 3');
    expect(await lazy.embed(['x'])).toHaveLength(1);
    expect(attempts).toBe(2);
  });

  it('refuses a loaded model other than the one it announced', async () => {
    const lazy = new LazyEncoder({ modelId: 'use-lite-1', dim: 512, load: async () => new HashingEncoder(512) });
    await expect(lazy.embed(['x'])).rejects.toThrow(/expected use-lite-1/);
  });
});
