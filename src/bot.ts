import type { IncomingMessage, Reply } from './core/message.ts';
import { compose, type Middleware } from './core/pipeline.ts';
import type { Turn } from './core/turn.ts';

/** What a channel calls: one incoming message in, the structured replies out. */
export type MessageHandler = (message: IncomingMessage, signals?: Turn['signals']) => Promise<Reply[]>;

export interface Bot {
  handle: MessageHandler;
  /** Same as handle, but returns the whole turn (NLU, state) for the JSON chat and tests. */
  handleTurn(message: IncomingMessage, signals?: Turn['signals']): Promise<Turn>;
}

/** Wraps the middleware stack (built in the composition root) as the single entry point all channels share. */
export function createBot(middlewares: ReadonlyArray<Middleware<Turn>>): Bot {
  const run = compose(middlewares);
  const handleTurn = async (message: IncomingMessage, signals?: Turn['signals']): Promise<Turn> => {
    const turn: Turn = { message, replies: [], startedAt: Date.now(), signals };
    await run(turn);
    return turn;
  };
  return { handleTurn, handle: async (m, s) => (await handleTurn(m, s)).replies };
}
