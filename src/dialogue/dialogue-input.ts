import type { Product } from '../knowledge/types.ts';
import type { ProductCard, Reply } from '../core/message.ts';
import type { NluResult } from '../nlu/nlu-result.ts';
import type { ConversationState } from './conversation-state.ts';
import type { DialogueDeps } from './dialogue-deps.ts';

/** What every handler receives: the state it may change, this turn's NLU, and the injected services. */
/** How the bot dealt with a turn; the turn log uses it to queue turns for operator review. */
export type TurnOutcome = 'answered' | 'clarification' | 'out_of_scope' | 'handoff' | 'silent';

export interface DialogueInput {
  state: ConversationState;
  nlu: NluResult;
  deps: DialogueDeps;
  /** Set by the policy as it decides (defaults to 'answered'). */
  outcome?: TurnOutcome;
  /** Set when the customer is upset but asked something the bot answers: a person is offered with the answer. */
  offerPerson?: boolean;
  /** True when this message was read as a follow-up of the previous topic ("and to Belgium?"). */
  followUp?: boolean;
  /** The intent being answered, set by the dispatcher for the intent's behaviours. */
  intent?: string;
  /** Set when a task in progress took the message as the answer to its own question (a slot: email, yes/no, address, order id). */
  slotAnswer?: boolean;
}

export type Handler = (input: DialogueInput) => Promise<Reply[]>;

/** Entity values of one type as strings; product mentions give their best-matching product id. */
export function entityValues(nlu: NluResult, type: string): string[] {
  return nlu.entities
    .filter((e) => e.type === type)
    .map((e) => {
      const v = e.value;
      return typeof v === 'object' && v !== null && 'productId' in v ? String((v as { productId: unknown }).productId) : String(v);
    });
}

export function firstEntity(nlu: NluResult, type: string): string | undefined {
  return entityValues(nlu, type)[0];
}

const YES = /^(y|yes|yess+|yeah|yea|yep|yup|sure|ok|okay|k|confirm|confirmed|correct|please do|do it|go ahead|go on|absolutely|of course|definitely|that'?s right|right|perfect|great|fine|alright|all right)\b/i;
const NO = /^(n|no|nope|nah|don'?t|do not|stop|cancel that|never ?mind|keep it|leave it|not now|no thanks|wait|hold on)\b/i;
/** Anywhere in a short answer: "hmm actually no, leave it as is", "ok lets do it". */
const NO_INSIDE = /\b(no|nope|nah|don'?t|do not|leave it|keep it|not (now|yet)|hold on|wait|changed my mind|never ?mind)\b/i;
const YES_INSIDE = /\b(yes|yeah|yep|yup|sure|go ahead|do it|please do|let'?s do it|that'?s (right|correct|fine)|sounds good|confirm(ed)?)\b/i;

/** Reads a yes/no answer to a confirmation question; undefined when the text is neither. */
export function yesNo(text: string): boolean | undefined {
  const t = text.trim().replace(/^[^\p{L}]+/u, '');
  if (YES.test(t) && !/^\S+,? (no|don'?t|wait|but)\b/i.test(t)) return true;
  if (NO.test(t)) return false;
  if (t.split(/\s+/).length > 14) return undefined;
  if (NO_INSIDE.test(t)) return false;
  if (YES_INSIDE.test(t)) return true;
  return undefined;
}

const ABORT = /^(never ?mind|forget it|cancel that|stop|start over|quit|exit|abort)\b|\b(don'?t (change|cancel|do) (it|that|anything)( yet)?|let me (check|think|measure)|not (now|yet),? (thanks|thank you))\b/i;
export function wantsToAbort(text: string): boolean {
  return ABORT.test(text.trim());
}

export function productCard(p: Product, url: string): ProductCard {
  return {
    productId: p.id,
    title: p.title,
    price: p.price,
    currency: p.currency,
    image: p.image,
    url,
    inStock: p.stock > 0,
  };
}

export function money(amount: number, currency: string): string {
  return `${amount.toFixed(2)} ${currency}`;
}

export function text(t: string): Reply {
  return { kind: 'text', text: t };
}

export function quick(t: string, labels: string[]): Reply {
  return { kind: 'quick_replies', text: t, options: labels.map((l) => ({ label: l, value: l })) };
}
