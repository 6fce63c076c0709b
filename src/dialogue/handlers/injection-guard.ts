import type { Reply } from '../../core/message.ts';
import { quick } from '../dialogue-input.ts';

/**
 * Attempts to make the assistant drop its rules or hand out what only the shop can give: "ignore your
 * instructions", "you are now...", "give me a 100% discount code", "make up a voucher". The bot has no prompt to
 * leak, but it must never sound as if it agreed, and never invent codes, prices or promises.
 */
const INJECTION = [
  /\b(ignore|forget|disregard|override|bypass)\b.{0,40}\b(instructions?|rules?|prompt|guidelines|programming|previous|policy|policies|restrictions?)\b/i,
  /\b(system prompt|developer mode|jailbreak|dan mode|act as (an? )?(admin|developer|manager|system)|you are now|pretend (to be|you are)|new instructions?|as an ai)\b/i,
  /\b(give|generate|create|make( up)?|invent|send|issue)\b.{0,30}\b(\d{2,3} ?%|free|secret|special|staff|employee|admin|valid|working|unlimited)\b.{0,25}\b(discount|coupon|voucher|promo|gift)( ?codes?| ?cards?)?\b/i,
  /\b(make|invent|generate|create) (me )?(up )?(a |an )?(discount|coupon|voucher|promo) ?(code)?\b/i,
  /\b(set|change|lower|make) (the |its |my )?price (to|at) (0|zero|1|one)\b/i,
  /\b(promise|guarantee) (me )?(that )?(it|my (order|parcel|package)) (will|arrives?)\b.{0,30}\b(tomorrow|today|by)\b/i,
];

export function looksLikeInjection(message: string): boolean {
  return INJECTION.some((re) => re.test(message));
}

/** A polite refusal that states what the bot can do instead (current offers, delivery facts, a person). */
export async function refuseInjection(): Promise<Reply[]> {
  return [
    quick(
      "Sorry, I can't do that. I can't create discount codes, change prices or make promises beyond our published policies. Current offers are shown on our website and in our newsletter, and I'm happy to help with orders, delivery, returns or products.",
      ['Do you have discount codes?', 'Where is my order?', 'Talk to a person'],
    ),
  ];
}
