import { describe, expect, it } from 'vitest';
import { compose, type Middleware } from '../../src/core/pipeline.ts';

describe('compose', () => {
  it('runs middleware as an onion: in order on the way in, reverse on the way out', async () => {
    const seen: string[] = [];
    const mw = (name: string): Middleware<string[]> => async (turn, next) => {
      turn.push(`${name}:in`);
      await next();
      turn.push(`${name}:out`);
    };
    await compose([mw('a'), mw('b'), mw('c')])(seen);
    expect(seen).toEqual(['a:in', 'b:in', 'c:in', 'c:out', 'b:out', 'a:out']);
  });

  it('lets a middleware short-circuit by not calling next', async () => {
    const seen: string[] = [];
    await compose<string[]>([async (t) => void t.push('stop'), async (t) => void t.push('never')])(seen);
    expect(seen).toEqual(['stop']);
  });

  it('rejects a middleware that calls next twice', async () => {
    const run = compose<unknown>([async (_t, next) => {
      await next();
      await next();
    }]);
    await expect(run({})).rejects.toThrow('next() called more than once');
  });

  it('propagates errors to outer layers so an error middleware can catch them', async () => {
    const seen: string[] = [];
    await compose<string[]>([
      async (t, next) => {
        try {
          await next();
        } catch (e) {
          t.push(`caught ${(e as Error).message}`);
        }
      },
      async () => {
        throw new Error('boom');
      },
    ])(seen);
    expect(seen).toEqual(['caught boom']);
  });
});
