import type { Middleware } from '../core/pipeline.ts';
import type { Turn } from '../core/turn.ts';
import type { NluService } from './nlu-service.ts';

export function nluMiddleware(nlu: NluService): Middleware<Turn> {
  return async (turn, next) => {
    turn.nlu = await nlu.analyze(turn.message.text);
    await next();
  };
}
