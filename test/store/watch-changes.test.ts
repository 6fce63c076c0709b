import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/index.ts';
import { watchChanges } from '../../src/store/watch-changes.ts';

const until = async (ok: () => boolean, ms = 2000) => {
  const deadline = Date.now() + ms;
  while (!ok() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  expect(ok()).toBe(true);
};

describe('watchChanges', () => {
  it('runs on listening, on each concerning signal and on the poll; never twice at once, once more when woken meanwhile', async () => {
    const store = createMemoryStore();
    let runs = 0;
    let active = 0;
    let maxActive = 0;
    let release: (() => void) | undefined;
    const errors: string[] = [];
    const watch = watchChanges({
      signals: store.signals, channel: 'models', pollMs: 60_000, concerns: (p) => p === 'intent', onError: (e) => errors.push(e.message),
      run: async () => {
        runs++;
        maxActive = Math.max(maxActive, ++active);
        await new Promise<void>((resolve) => (release = resolve));
        active--;
        if (runs === 3) throw new Error('read failed');
      },
    });
    await until(() => runs === 1); // the listening signal
    await store.signals.notify('models', 'intent');
    await store.signals.notify('models', 'intent');
    await store.signals.notify('models', 'sentiment'); // not this reader's
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(1);
    release!();
    await until(() => runs === 2); // the two signals during the run: one more run
    release!();
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(2);
    await store.signals.notify('models', 'intent');
    await until(() => runs === 3);
    release!();
    await until(() => errors.length === 1);
    expect(errors).toEqual(['read failed']);
    expect(maxActive).toBe(1);
    watch.stop();
    await store.signals.notify('models', 'intent');
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(3);
  });

  it('polls when no signal comes (another process writing the SQLite file)', async () => {
    const store = createMemoryStore();
    let runs = 0;
    const watch = watchChanges({ signals: store.signals, channel: 'revisions', pollMs: 30, onError: () => undefined, run: async () => void runs++ });
    await until(() => runs >= 4);
    watch.stop();
  });
});
