import type { Entity, EntityType } from './entity.ts';

/**
 * When spans overlap, the more specific reading wins: an order id's digits are not also a phone number or an
 * amount, a date is not a phone number, an amount's number is not a quantity. Within one type, higher confidence
 * and then the longer span win.
 */
const PRIORITY: Record<EntityType, number> = {
  email: 0, order_id: 1, amount: 2, date: 3, phone: 4, quantity: 5, country: 6, product: 7, category: 8,
};

export function resolveOverlaps(candidates: Entity[]): Entity[] {
  const ordered = [...candidates].sort(
    (a, b) => PRIORITY[a.type] - PRIORITY[b.type] || b.confidence - a.confidence || b.end - b.start - (a.end - a.start) || a.start - b.start,
  );
  const kept: Entity[] = [];
  for (const e of ordered) {
    if (!kept.some((k) => e.start < k.end && k.start < e.end)) kept.push(e);
  }
  return kept.sort((a, b) => a.start - b.start);
}
