import { isShopmateError, type ShopmateError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import { quick, type DialogueInput } from '../dialogue-input.ts';

export function shopUnavailable(e: unknown): boolean {
  return isShopmateError(e) && e.code === 'SHOP_UNAVAILABLE';
}

/**
 * Runs an order action on the shop's platform. The bot confirms only what the platform confirmed: when the platform
 * is unreachable the customer hears that nothing changed, is offered a person, and the team gets a note to do it by
 * hand (the action is never silently lost). Other errors (the order moved on meanwhile) are the caller's to explain.
 */
export async function shopAction<T>(
  input: DialogueInput,
  action: { orderId: string; what: string },
  run: () => Promise<T>,
  confirm: (result: T) => Reply[],
): Promise<Reply[]> {
  let result: T;
  try {
    result = await run();
  } catch (e) {
    if (!shopUnavailable(e)) throw e;
    // The platform took the request but did not confirm it in time (Shopify cancels in a background job): it may
    // still happen, so neither the customer nor the team may be told that nothing changed.
    const pending = (e as ShopmateError).details?.reason === 'cancel-unconfirmed';
    await input.deps.notes.leave({
      conversationId: input.state.id,
      orderId: action.orderId,
      text: pending
        ? `The customer confirmed: ${action.what} (order ${action.orderId}). The shop's system accepted the request but did not confirm it (${(e as Error).message}). Please check whether it was applied, finish it if not, and let the customer know.`
        : `The customer confirmed: ${action.what} (order ${action.orderId}). The shop's system did not answer (${(e as Error).message}), so nothing was changed. Please do it by hand and let the customer know.`,
    });
    input.outcome = 'handoff';
    if (pending) {
      return [
        quick(
          `I've asked our order system to ${action.what}, but it hasn't confirmed it yet, so I can't promise it's done. I've left a note for our team to check it and confirm to you. Would you like me to pass you to a person now?`,
          ['Talk to a person'],
        ),
      ];
    }
    return [
      quick(
        `Sorry, I can't reach our order system right now, so I could not ${action.what}: nothing has been changed yet. I've left a note for our team to do it by hand and confirm it to you. Would you like me to pass you to a person now?`,
        ['Talk to a person'],
      ),
    ];
  }
  return confirm(result);
}

/** A lookup the shop could not answer: say so, keep the task (the customer can try again), offer a person. */
export function shopReadFailed(input: DialogueInput): Reply[] {
  input.outcome = 'clarification';
  return [
    quick(
      "Sorry, I can't reach our order system right now, so I can't look up or change orders at the moment. Please try again in a few minutes, or I can pass you to a person.",
      ['Talk to a person'],
    ),
  ];
}
