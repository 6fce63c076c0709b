/**
 * The onion pipeline: every cross-cutting concern (logging, typing indicators, error replies, NLU, dialogue)
 * is a `(turn, next)` middleware. Code before `await next()` sees the turn on the way in, code after it sees
 * the replies on the way out.
 */
export type Next = () => Promise<void>;
export type Middleware<T> = (turn: T, next: Next) => Promise<void>;

export function compose<T>(middlewares: ReadonlyArray<Middleware<T>>): (turn: T) => Promise<void> {
  return (turn: T) => {
    let last = -1;
    const dispatch = async (i: number): Promise<void> => {
      // Calling next() twice would run the inner layers twice (duplicate replies, double logging).
      if (i <= last) throw new Error('next() called more than once');
      last = i;
      const mw = middlewares[i];
      if (!mw) return;
      await mw(turn, () => dispatch(i + 1));
    };
    return dispatch(0);
  };
}
