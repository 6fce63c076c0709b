import type { AnalyticsStore } from '../store.ts';
import { analyticsQuerySchema, analyticsWindowSchema, demandQuerySchema, parseInput } from '../store-schemas.ts';
import { OPERATOR_MESSAGE_PREFIX } from '../analytics-types.ts';
import type { AnalyticsWindow, DemandCount, DemandRules, DemandSignal, ModelAggregate } from '../analytics-types.ts';
import type { JsonValue, TurnRecord } from '../types.ts';
import type { MemoryState } from './memory-state.ts';
import { containsAnyPhrase } from '../phrase-matcher.ts';

function inWindow(s: MemoryState, w: AnalyticsWindow, operator = false): TurnRecord[] {
  const from = w.from.getTime();
  const to = w.to.getTime();
  return [...s.turns.values()].filter((t) => t.at.getTime() >= from && t.at.getTime() < to
    && t.messageId.startsWith(OPERATOR_MESSAGE_PREFIX) === operator
    && (w.modelVersion === undefined || t.modelVersion === w.modelVersion));
}

function sentimentOf(v: JsonValue): number | null {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return null;
  const scores = v.scores as Record<string, JsonValue> | undefined;
  if (scores && typeof scores === 'object' && typeof scores.positive === 'number' && typeof scores.negative === 'number') return scores.positive - scores.negative;
  return v.label === 'positive' ? 1 : v.label === 'neutral' ? 0 : v.label === 'negative' ? -1 : null;
}

const topScore = (t: TurnRecord) => (t.intents.length > 0 ? t.intents[0]!.score : null);
const count = <K>(m: Map<K, number>, k: K, by = 1) => m.set(k, (m.get(k) ?? 0) + by);
const bucketOf = (at: Date, from: Date, bucketMs: number) => Math.floor((at.getTime() - from.getTime()) / bucketMs);

export function memoryAnalyticsStore(s: MemoryState): AnalyticsStore {
  const feedbackOf = (turns: TurnRecord[]) => {
    const ids = new Set(turns.map((t) => t.id));
    return [...s.feedback.values()].filter((f) => ids.has(f.turnId));
  };
  return {
    async extent(window) {
      // A loop, not Math.min(...times): spreading a large log would overflow the stack.
      let first: Date | null = null;
      let last: Date | null = null;
      for (const t of inWindow(s, parseInput(analyticsWindowSchema, window, 'analytics window'))) {
        if (first === null || t.at < first) first = t.at;
        if (last === null || t.at > last) last = t.at;
      }
      return { first, last };
    },
    async aggregate(query) {
      const q = parseInput(analyticsQuerySchema, query, 'analytics query');
      const turns = inWindow(s, q);
      const cells = new Map<string, { bucket: number; channel: string; count: number }>();
      const sentiment = new Map<number, { bucket: number; sum: number; count: number }>();
      const intents = new Map<string, number>();
      const bins = new Array<number>(10).fill(0);
      for (const t of turns) {
        const bucket = bucketOf(t.at, q.from, q.bucketMs);
        const cell = cells.get(`${bucket}\n${t.channel}`) ?? { bucket, channel: t.channel, count: 0 };
        cells.set(`${bucket}\n${t.channel}`, { ...cell, count: cell.count + 1 });
        const score = sentimentOf(t.sentiment);
        if (score !== null) {
          const b = sentiment.get(bucket) ?? { bucket, sum: 0, count: 0 };
          sentiment.set(bucket, { bucket, sum: b.sum + score, count: b.count + 1 });
        }
        const top = topScore(t);
        if (top !== null) bins[Math.min(9, Math.max(0, Math.trunc(top * 10)))]! += 1;
        if (!t.outOfScope && t.intents[0]) count(intents, t.intents[0].intent);
      }
      const feedback = feedbackOf(turns);
      const ratings = feedback.flatMap((f) => (f.kind === 'rating' ? [f.value] : []));
      return {
        customerTurns: turns.length,
        operatorTurns: inWindow(s, q, true).length,
        conversations: new Set(turns.map((t) => t.conversationId)).size,
        outOfScope: turns.filter((t) => t.outOfScope).length,
        handoffConversations: new Set(turns.filter((t) => t.replies.some((r) => r.kind === 'handoff')).map((t) => t.conversationId)).size,
        byBucket: [...cells.values()].sort((a, b) => a.bucket - b.bucket || (a.channel < b.channel ? -1 : 1)),
        sentimentByBucket: [...sentiment.values()].sort((a, b) => a.bucket - b.bucket),
        topIntents: [...intents].map(([intent, n]) => ({ intent, count: n })).sort((a, b) => b.count - a.count || (a.intent < b.intent ? -1 : 1)).slice(0, 10),
        confidenceBins: bins,
        feedback: {
          thumbsUp: feedback.filter((f) => f.kind === 'thumbs' && f.value === 'up').length,
          thumbsDown: feedback.filter((f) => f.kind === 'thumbs' && f.value === 'down').length,
          ratings: ratings.length,
          ratingSum: ratings.reduce((a, b) => a + b, 0),
          ratingsAtLeast4: ratings.filter((r) => r >= 4).length,
        },
      };
    },
    async perModel(window) {
      const { modelVersion: _ignored, ...w } = parseInput(analyticsWindowSchema, window, 'analytics window');
      const byVersion = new Map<string | null, ModelAggregate>();
      const turns = inWindow(s, w);
      const versionOf = new Map(turns.map((t) => [t.id, t.modelVersion]));
      for (const t of turns) {
        const m = byVersion.get(t.modelVersion) ?? { version: t.modelVersion, messages: 0, classified: 0, topScoreSum: 0, outOfScope: 0, thumbsUp: 0, thumbsDown: 0 };
        const top = topScore(t);
        byVersion.set(t.modelVersion, { ...m, messages: m.messages + 1, classified: m.classified + (top === null ? 0 : 1), topScoreSum: m.topScoreSum + (top ?? 0), outOfScope: m.outOfScope + (t.outOfScope ? 1 : 0) });
      }
      for (const f of feedbackOf(turns)) {
        if (f.kind !== 'thumbs') continue;
        const m = byVersion.get(versionOf.get(f.turnId)!)!;
        if (f.value === 'up') m.thumbsUp += 1;
        else m.thumbsDown += 1;
      }
      return [...byVersion.values()].sort((a, b) => (a.version === null ? 1 : b.version === null ? -1 : a.version < b.version ? -1 : a.version > b.version ? 1 : 0));
    },
    async demandSignals(query) {
      const q = parseInput(demandQuerySchema, query, 'demand query');
      const counts = new Map<string, DemandCount & { ids: Set<string | number> }>();
      const add = (productId: unknown, signal: DemandSignal, at: Date, id: string | number) => {
        if (typeof productId !== 'string' || productId === '') return;
        const bucket = bucketOf(at, q.from, q.bucketMs);
        const key = `${productId}\n${signal}\n${bucket}`;
        const c = counts.get(key) ?? { productId, signal, bucket, count: 0, ids: new Set() };
        c.ids.add(id);
        counts.set(key, { ...c, count: c.ids.size });
      };
      for (const t of inWindow(s, q)) {
        for (const signal of turnSignals(t, q.rules)) for (const p of attributedProducts(t)) add(p, signal, t.at, t.id);
        if (!t.outOfScope && q.rules.stockIntents.includes(t.intents[0]?.intent ?? '\0')) {
          for (const card of cardProducts(t)) if (card.inStock === false) add(card.productId, 'out_of_stock', t.at, t.id);
        }
      }
      for (const e of s.events) {
        if (e.kind === 'click' && e.at >= q.from && e.at < q.to) add(e.productId, 'recommendation_click', e.at, e.id);
      }
      return [...counts.values()]
        .map(({ ids: _ids, ...c }) => c)
        .sort((a, b) => (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : a.signal < b.signal ? -1 : a.signal > b.signal ? 1 : a.bucket - b.bucket));
    },
  };
}

/** The text signals of one turn (the reference for the SQL in sqlite-analytics-store.ts). */
function turnSignals(t: TurnRecord, rules: DemandRules): DemandSignal[] {
  const has = (phrases: string[]) => containsAnyPhrase(t.text, phrases);
  const top = t.intents[0]?.intent;
  const inScope = (intents: string[]) => !t.outOfScope && top !== undefined && intents.includes(top);
  const tooExpensive = has(rules.tooExpensivePhrases);
  const out: DemandSignal[] = [];
  if (tooExpensive) out.push('too_expensive');
  if (inScope(rules.discountIntents)) out.push('discount_request');
  if (inScope(rules.priceIntents) && has(rules.pricePhrases) && !tooExpensive) out.push('price_question');
  return out;
}

function cardProducts(t: TurnRecord): Array<{ productId: unknown; inStock: unknown }> {
  return t.replies.flatMap((r) => (r.kind === 'product_cards' ? r.products.map((p) => ({ productId: p.productId, inStock: p.inStock })) : []));
}

/** Products the customer named; else the products on the bot's cards (the dialogue's focus). */
function attributedProducts(t: TurnRecord): unknown[] {
  const named = t.entities.filter((e): e is { [key: string]: JsonValue } => !!e && typeof e === 'object' && !Array.isArray(e) && e.type === 'product');
  if (named.length > 0) return named.map((e) => (e.value && typeof e.value === 'object' && !Array.isArray(e.value) ? e.value.productId : undefined));
  return cardProducts(t).map((c) => c.productId);
}
