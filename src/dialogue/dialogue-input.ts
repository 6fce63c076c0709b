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

const YES = /^(y|yes|yeah|yep|yup|sure|ok|okay|confirm|confirmed|correct|please do|do it|go ahead|absolutely|of course)\b/i;
const NO = /^(n|no|nope|nah|don'?t|do not|stop|cancel that|never ?mind|keep it|not now|no thanks)\b/i;

/** Reads a yes/no answer to a confirmation question; undefined when the text is neither. */
export function yesNo(text: string): boolean | undefined {
  const t = text.trim().replace(/^[^\p{L}]+/u, '');
  if (YES.test(t)) return true;
  if (NO.test(t)) return false;
  return undefined;
}

const ABORT = /^(never ?mind|forget it|cancel that|stop|start over|quit|exit|abort)\b/i;
export function wantsToAbort(text: string): boolean {
  return ABORT.test(text.trim());
}

export function productCard(p: Product, shopUrl: string): ProductCard {
  return {
    productId: p.id,
    title: p.title,
    price: p.price,
    currency: p.currency,
    image: p.image,
    url: `${shopUrl}/products/${encodeURIComponent(p.id)}`,
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
