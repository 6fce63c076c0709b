import type { Reply } from '../../core/message.ts';
import { firstEntity, money, quick, type DialogueInput } from '../dialogue-input.ts';
import { shippingAnswer } from './shipping-handler.ts';

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
  /\b(promise|guarantee) me\b|\brepeat after me\b|\bsay (that|this) (you|northwind)\b/i,
  /\b(give|send) me (a |an |some )?(discount|code|voucher|coupon|free \w+)\b.{0,25}\bor (else|i'?ll|i will|i'?m)\b/i,
  /\b(i'?m|i am|as) (an? |the |your )?(admin|administrator|developer|owner|ceo|manager|boss|employee|staff member|moderator)\b/i,
  /\b(the )?(boss|manager|owner|your colleague) (said|told me|approved|agreed)\b/i,
  /\b(list|show|give|send|export|dump) (me )?(all|every|the) (orders|customers|emails|addresses|users|passwords|accounts)\b/i,
];

export function looksLikeInjection(message: string): boolean {
  return INJECTION.some((re) => re.test(message));
}

/**
 * A polite refusal that states what the bot can do instead; where the message named a product or a country, the real
 * price or delivery terms follow, so the customer leaves with the facts rather than the fiction.
 */
export async function refuseInjection(input: DialogueInput): Promise<Reply[]> {
  const { nlu, deps } = input;
  const facts: string[] = [];
  const product = deps.catalog.resolve(nlu.text).find((m) => m.via !== 'kind')?.product;
  if (product) {
    facts.push(`The ${product.title} costs ${money(product.price, product.currency)}.`);
    input.state.focus.productId = product.id;
    input.state.focus.shown = [product.id];
    input.state.focus.topic = 'product';
  }
  const country = firstEntity(nlu, 'country');
  if (country) facts.push(shippingAnswer(deps.profile.shipping, country, deps.profile.currency));
  return [
    quick(
      `Sorry, I can't do that. I can't share other customers' data, create discount codes, change prices or make promises beyond our published policies.${facts.length > 0 ? ` ${facts.join(' ')}` : ''} I'm happy to help with your orders, delivery, returns or products.`,
      ['Do you have discount codes?', 'Where is my order?', 'Talk to a person'],
    ),
  ];
}
