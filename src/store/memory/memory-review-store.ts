import { cloneJson } from '../json-value.ts';
import type { ReviewStore } from '../store.ts';
import { conflict, notFound, statusForDecision } from '../store-rules.ts';
import {
  idListSchema,
  idSchema,
  newReviewItemSchema,
  parseInput,
  reviewDecisionSchema,
  reviewQuerySchema,
  decidedQuerySchema,
} from '../store-schemas.ts';
import type { ReviewDecision, ReviewItem } from '../types.ts';
import { inRange, type MemoryState, type StoredReviewItem } from './memory-state.ts';

export function memoryReviewStore(s: MemoryState): ReviewStore {
  const view = (r: StoredReviewItem): ReviewItem => ({ ...r, intent: s.turns.get(r.turnId)?.intents[0]?.intent ?? null });

  /** Validates everything first, then writes: a bulk resolve with one bad id changes nothing. */
  const resolveAll = (ids: string[], input: unknown): ReviewItem[] => {
    const d = parseInput(reviewDecisionSchema, input, 'review decision');
    const unique = [...new Set(ids)];
    const items = unique.map((id) => {
      const item = s.reviews.get(id);
      if (!item) throw notFound('review item', id);
      if (item.status !== 'open') throw conflict(`review item "${id}" is already ${item.status}`, { id, status: item.status });
      return item;
    });
    const decision: ReviewDecision = { ...cloneJson(d), at: s.now() };
    const status = statusForDecision(d.action);
    return items.map((item) => {
      const next = { ...item, status, decision };
      s.reviews.set(item.id, next);
      return view(next);
    });
  };

  return {
    async enqueue(input) {
      const r = parseInput(newReviewItemSchema, input, 'review item');
      if (!s.turns.has(r.turnId)) throw notFound('turn', r.turnId);
      for (const existing of s.reviews.values()) {
        if (existing.turnId === r.turnId && existing.reason === r.reason) return view(existing);
      }
      const item: StoredReviewItem = {
        id: s.newId(),
        turnId: r.turnId,
        reason: r.reason,
        priority: r.priority,
        status: 'open',
        decision: null,
        createdAt: r.createdAt ?? s.now(),
      };
      s.reviews.set(item.id, item);
      return view(item);
    },

    async get(id) {
      const item = s.reviews.get(parseInput(idSchema, id, 'review item id'));
      return item ? view(item) : null;
    },

    async listOpen(query) {
      const q = parseInput(reviewQuerySchema, query, 'review query');
      const matches = [...s.reviews.values()]
        .map((item, i) => ({ item: view(item), i }))
        .filter(
          ({ item }) =>
            item.status === 'open' &&
            (q.reason === undefined || item.reason === q.reason) &&
            (q.intent === undefined || item.intent === q.intent) &&
            inRange(item.createdAt, q.from, q.to),
        )
        .sort(
          (a, b) =>
            b.item.priority - a.item.priority || a.item.createdAt.getTime() - b.item.createdAt.getTime() || a.i - b.i,
        )
        .map((x) => x.item);
      return { items: matches.slice(q.offset, q.offset + q.limit), total: matches.length };
    },

    async resolve(id, decision) {
      return resolveAll([parseInput(idSchema, id, 'review item id')], decision)[0];
    },

    async bulkResolve(ids, decision) {
      return resolveAll(parseInput(idListSchema, ids, 'review item ids'), decision);
    },
    async listDecided(options) {
      const after = parseInput(decidedQuerySchema, options, 'decided query').decidedAfter?.getTime() ?? -Infinity;
      return [...s.reviews.values()]
        .filter((r) => r.decision !== null && r.decision.at.getTime() > after && s.turns.has(r.turnId))
        .sort((a, b) => a.decision!.at.getTime() - b.decision!.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
        .map((r) => ({ item: view(r), text: s.turns.get(r.turnId)!.text }));
    },
    async countDecided(options) {
      const after = parseInput(decidedQuerySchema, options, 'decided query').decidedAfter?.getTime() ?? -Infinity;
      return [...s.reviews.values()].filter((r) => r.decision !== null && r.decision.at.getTime() > after).length;
    },
  };
}
