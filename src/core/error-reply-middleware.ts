import type { Logger } from './logger.ts';
import { isShopmateError } from './errors.ts';
import type { Middleware } from './pipeline.ts';
import type { Turn } from './turn.ts';

/**
 * Outermost layer: whatever fails inside, the customer gets a polite reply instead of silence, the failure is
 * logged with the message id, and the turn still reaches the log (turn.error) so operators can see it.
 */
export function errorReplyMiddleware(logger: Logger): Middleware<Turn> {
  return async (turn, next) => {
    try {
      await next();
    } catch (e) {
      const code = isShopmateError(e) ? e.code : 'INTERNAL';
      turn.error = { code, message: (e as Error).message };
      logger.error('turn failed', { messageId: turn.message.messageId, channel: turn.message.channel, code, error: (e as Error).stack });
      turn.replies =
        code === 'ENCODER_INPUT'
          ? [{ kind: 'text', text: 'I did not catch that. Could you type your question?' }]
          : [{ kind: 'text', text: 'Sorry, something went wrong on our side. Please try again in a moment.' }];
    }
  };
}

/** Shows a typing indicator where the channel supports one; failures to show it never fail the turn. */
export function typingMiddleware(): Middleware<Turn> {
  return async (turn, next) => {
    await turn.signals?.typing?.().catch(() => undefined);
    await next();
  };
}
