import type { IntentScore } from '../nlu/intent/intent-classifier.ts';

/** Words of money: a refund question names the money, the payment or the refund itself. */
const MONEY = /\b(refund\w*|reimburs\w*|money|paid|pay(ment|ing)?|credit(ed)?|charged?|debited|euros?|eur|bank|card|klarna|paypal|ideal|invoice|amount|cash)\b|€/i;
/** Something already sent or returned: "I sent the bathrobe back", "have you received my return". */
const ALREADY_SENT = /\b(sent|returned|posted|shipped|dropped (it |them )?off|handed (it |them )?in|received|got (it|them) back|tracking)\b/i;
/** A return still to make: "can I still send stuff back", "I want to return the lamp", "is it too late to return it". */
const TO_SEND = /\b(can|could|may|might|able to|allowed to|want to|wanna|need to|have to|like to|going to|gonna|too late to|still)\b(\s+[\p{L}']+){0,2}\s+(send|return|ship|post|take|bring)\b/iu;
/** A question about whether or how: the rules answer it; anything else asks to start the return. */
const ASKS = /\?|^\s*(\p{L}+[,!.]?\s+)?(can|could|may|am|is|are|do|does|how|what|when)\b/iu;

/** Intents about returns and their money: a message split between them is about returns, however it splits. */
const RETURNS = new Set(['return_policy', 'start_return', 'refund_status', 'get_refund']);
const MONEY_INTENTS = new Set(['refund_status', 'get_refund']);

/**
 * "hi can i still send stuff back? got it last week" read as a refund question: refunds are about money for a return,
 * and this message names no money and nothing sent. It asks about a return still to make: the return rules when it
 * asks whether or how, else starting the return. A return reading the classifier was unsure of keeps its intent.
 * The score is the mass of the return intents together (the classifier split the message between them). Undefined
 * when the reading stands.
 */
export function returnInsteadOfRefund(text: string, ranking: readonly IntentScore[]): { from: string; intent: string; score: number } | undefined {
  const top = ranking[0];
  if (!top || !RETURNS.has(top.intent) || MONEY.test(text) || ALREADY_SENT.test(text) || !TO_SEND.test(text)) return undefined;
  const intent = MONEY_INTENTS.has(top.intent) ? (ASKS.test(text) ? 'return_policy' : 'start_return') : top.intent;
  const mass = ranking.filter((r) => RETURNS.has(r.intent)).reduce((sum, r) => sum + r.score, 0);
  return { from: top.intent, intent, score: Math.min(1, mass) };
}
