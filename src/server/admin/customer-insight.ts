import type { ConversationRecord, FeedbackRecord, JsonValue, Ownership, TurnRecord } from '../../store/types.ts';
import { conversationFacts, turnSentiment } from './conversation-facts.ts';
import { isOperatorTurn } from './conversation-view.ts';

/** A signal counts half as much after this many days, so last week's anger outweighs last year's. */
export const CHURN_HALF_LIFE_DAYS = 14;

/** A handoff nobody answered within this time counts as unresolved. */
export const UNRESOLVED_AFTER_MS = 60 * 60_000;

/** Weight of one fresh occurrence of each churn signal. */
const SIGNALS = {
  complaint: { weight: 1, label: (n: number) => `${n} complaint${n === 1 ? '' : 's'}` },
  cancellation: { weight: 1.5, label: (n: number) => `${n} cancellation request${n === 1 ? '' : 's'}` },
  anger: { weight: 1, label: (n: number) => `angry in ${n} message${n === 1 ? '' : 's'}` },
  negative: { weight: 0.5, label: (n: number) => `${n} negative message${n === 1 ? '' : 's'}` },
  unresolvedHandoff: { weight: 1.5, label: (n: number) => `${n} unanswered handoff${n === 1 ? '' : 's'}` },
  thumbsDown: { weight: 0.5, label: (n: number) => `${n} thumbs-down` },
} as const;
type Signal = keyof typeof SIGNALS;

const COMPLAINT_INTENTS = new Set(['complaint', 'report_problem', 'payment_problem']);
const CANCEL_INTENTS = new Set(['cancel_order', 'get_refund']);
/** Decayed score from which the flag is raised. */
export const CHURN_LEVELS = { high: 3, medium: 1.5 } as const;

export interface CustomerInsight {
  userId: string;
  conversations: Array<{ id: string; channel: string; ownership: Ownership; lastMessageAt: Date | null; handoffReason: string | null; messages: number }>;
  /** Orders the customer proved (order id + email) in any conversation. */
  verifiedOrderIds: string[];
  /** Order ids the customer wrote, verified or not (as logged: redacted when order ids are redacted). */
  ordersAskedAbout: string[];
  /** Products the customer named or was shown on request, strongest (decayed) interest first. */
  products: Array<{ productId: string; score: number }>;
  sentiment: Array<{ at: Date; score: number; angry: boolean }>;
  churn: { level: 'high' | 'medium' | 'low'; score: number; reasons: string[] };
}

export interface InsightInput {
  userId: string;
  conversations: ConversationRecord[];
  /** The customer's turns (newest few hundred), oldest first. */
  turns: TurnRecord[];
  feedback: FeedbackRecord[];
  now: Date;
}

const decay = (at: Date, now: Date) => 0.5 ** (Math.max(0, now.getTime() - at.getTime()) / 86_400_000 / CHURN_HALF_LIFE_DAYS);

function entityStrings(entities: JsonValue[], type: string): string[] {
  return entities.flatMap((e) => {
    if (e === null || typeof e !== 'object' || Array.isArray(e) || e.type !== type) return [];
    const v = e.value;
    if (typeof v === 'string') return [v];
    if (v !== null && typeof v === 'object' && !Array.isArray(v) && typeof v.productId === 'string') return [v.productId];
    return [];
  });
}

/**
 * The "user behaviour analysis" an operator reads before answering: what the customer asked about, how they felt,
 * and whether they look likely to leave, with the reasons. Every signal is weighted by its age (CHURN_HALF_LIFE_DAYS).
 */
export function computeCustomerInsight(input: InsightInput): CustomerInsight {
  const { now } = input;
  const counts: Record<Signal, { n: number; decayed: number }> = Object.fromEntries(Object.keys(SIGNALS).map((k) => [k, { n: 0, decayed: 0 }])) as never;
  const hit = (s: Signal, at: Date) => {
    counts[s].n += 1;
    counts[s].decayed += decay(at, now);
  };
  const products = new Map<string, number>();
  const interest = (id: string, w: number) => products.set(id, (products.get(id) ?? 0) + w);
  const asked = new Set<string>();
  const sentiment: CustomerInsight['sentiment'] = [];
  const perConversation = new Map<string, number>();

  // A handoff is unresolved when no operator replied after it and it is no longer fresh (a new one is just waiting).
  const lastOperatorReply = new Map<string, Date>();
  for (const t of input.turns) if (isOperatorTurn(t)) lastOperatorReply.set(t.conversationId, t.at);
  for (const t of input.turns) {
    if (isOperatorTurn(t)) continue;
    const answered = lastOperatorReply.get(t.conversationId);
    const handedOff = t.replies.some((r) => r.kind === 'handoff');
    if (handedOff && !(answered && answered >= t.at) && now.getTime() - t.at.getTime() >= UNRESOLVED_AFTER_MS) hit('unresolvedHandoff', t.at);
    perConversation.set(t.conversationId, (perConversation.get(t.conversationId) ?? 0) + 1);
    const top = t.intents[0]?.intent;
    if (top && COMPLAINT_INTENTS.has(top)) hit('complaint', t.at);
    if (top && CANCEL_INTENTS.has(top)) hit('cancellation', t.at);
    const s = turnSentiment(t);
    if (s) {
      sentiment.push({ at: t.at, score: s.score, angry: s.angry });
      if (s.angry) hit('anger', t.at);
      else if (s.label === 'negative') hit('negative', t.at);
    }
    for (const id of entityStrings(t.entities, 'order_id')) asked.add(id);
    for (const id of entityStrings(t.entities, 'product')) interest(id, decay(t.at, now));
  }
  for (const f of input.feedback) if (f.kind === 'thumbs' && f.value === 'down') hit('thumbsDown', f.at);

  const verified = new Set<string>();
  const conversations = input.conversations.map((c) => {
    const facts = conversationFacts(c.state);
    facts.verifiedOrderIds.forEach((id) => verified.add(id));
    // Products the conversation kept in view count half as much as ones the customer named.
    for (const id of facts.viewedProductIds) interest(id, 0.5 * decay(c.lastMessageAt ?? c.updatedAt, now));
    return { id: c.id, channel: c.channel, ownership: c.ownership, lastMessageAt: c.lastMessageAt, handoffReason: facts.handoffReason, messages: perConversation.get(c.id) ?? 0 };
  });
  for (const id of verified) asked.add(id);

  const score = (Object.keys(SIGNALS) as Signal[]).reduce((sum, s) => sum + SIGNALS[s].weight * counts[s].decayed, 0);
  // Strongest signals first; one that has faded below a quarter of a fresh occurrence is no longer a reason.
  const reasons = (Object.keys(SIGNALS) as Signal[])
    .filter((s) => counts[s].decayed >= 0.25)
    .sort((a, b) => SIGNALS[b].weight * counts[b].decayed - SIGNALS[a].weight * counts[a].decayed)
    .map((s) => SIGNALS[s].label(counts[s].n));
  const level = score >= CHURN_LEVELS.high ? 'high' : score >= CHURN_LEVELS.medium ? 'medium' : 'low';
  return {
    userId: input.userId,
    conversations: conversations.sort((a, b) => (b.lastMessageAt?.getTime() ?? 0) - (a.lastMessageAt?.getTime() ?? 0)),
    verifiedOrderIds: [...verified],
    ordersAskedAbout: [...asked],
    products: [...products].map(([productId, s]) => ({ productId, score: Math.round(s * 100) / 100 })).sort((a, b) => b.score - a.score).slice(0, 10),
    sentiment,
    churn: { level, score: Math.round(score * 100) / 100, reasons },
  };
}
