import type { Reply } from '../../core/message.ts';
import { quick, text, type DialogueInput } from '../dialogue-input.ts';

/** "what's the email it was sent to?", "no idea which email i used", "where do I find the order number?" */
const DOES_NOT_KNOW = /\b(which|what)('?s| is| was)?\b.{0,25}\b(e-?mail|address|order (number|no|#|id))\b|\b(don'?t|do not|dont|can'?t|cannot|cant) (know|remember|recall|find)\b|\bnot sure\b|\bno idea\b|\bforg[eo]t(ten)?\b|\bwhere (do|can) i find\b/i;
/** "how do I claim it?", "how does that work" */
const HOW_TO_CLAIM = /\bhow (do|can|would|should) (i|we) (claim|make a claim|do (that|this|it)|go about it|get it (fixed|replaced|repaired))|\bhow does (that|this|it) work\b|\bwhat do you need( from me)?\b/i;
/** A bare "yes" / "ok" / "sure" while the bot waits for an order number or email: the customer agrees to give it. */
const BARE_AGREEMENT = /^\s*(y|yes|yeah|yep|yup|sure|ok|okay|k|alright|fine|ok then|one sec|one moment|hang on|wait)\s*[.!]*\s*$/i;

/**
 * Help with a verification step the customer cannot answer yet: where to find the order number, why the bot cannot
 * say which email an order belongs to (that would let anyone look orders up), and a patient re-ask after "ok".
 * Undefined when the message is not about the step.
 */
export function stepHelp(input: DialogueInput): Reply[] | undefined {
  const task = input.state.task;
  if (!task || (task.step !== 'ask_email' && task.step !== 'ask_order')) return undefined;
  const message = input.nlu.text;
  if (input.nlu.entities.some((e) => e.type === 'order_id' || e.type === 'email')) return undefined;
  const shop = input.deps.profile.name;
  if (BARE_AGREEMENT.test(message)) {
    return [text(task.step === 'ask_email' ? 'Great, just send me the email address the order was placed with.' : `Great, just send me your order number (it looks like ${input.deps.orderIds.example}).`)];
  }
  // "how do I claim it?" while the bot collects the order for a problem report or return: this is the claim.
  if (HOW_TO_CLAIM.test(message) && (task.name === 'report_problem' || task.name === 'start_return')) {
    const what = task.name === 'report_problem' ? 'the claim' : 'the return';
    return [text(`You can do it right here: I'm opening ${what} for you now. Send me ${task.step === 'ask_email' ? 'the email address the order was placed with' : `your order number (it looks like ${input.deps.orderIds.example})`}, then I'll ask which item it is${task.name === 'report_problem' ? ', and our confirmation email asks for a photo or short video of the problem' : ''}.`)];
  }
  if (!DOES_NOT_KNOW.test(message)) return undefined;
  const aboutNumber = /\border (number|no|#|id)\b|\bnumber\b/i.test(message);
  const aboutEmail = /\be-?mail|\baddress\b/i.test(message);
  if (aboutEmail || (task.step === 'ask_email' && !aboutNumber)) {
    return [
      quick(
        `For your privacy I can't tell you which email address an order was placed with. It is the address that received the order confirmation from ${shop}; searching your inboxes for "${task.slots.orderId ?? 'your order number'}" usually finds it. If you can't find it, a colleague can check your identity another way.`,
        ['Talk to a person'],
      ),
    ];
  }
  return [
    quick(
      `Your order number (it looks like ${input.deps.orderIds.example}) is in the order confirmation email from ${shop} and, if you have an account, under "My orders". If you can't find it, a colleague can look the order up for you.`,
      ['Talk to a person'],
    ),
  ];
}
