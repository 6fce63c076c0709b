import type { Order } from './types.ts';

const DAY_MS = 86_400_000;
const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

/** Whole days from `asOf` to `now` (UTC calendar days), so times of day in the demo stay as written. */
export function daysBetween(asOf: string, now: Date): number {
  const from = Date.parse(DATE_ONLY.test(asOf) ? `${asOf}T00:00:00Z` : asOf);
  const fromDay = Math.floor(from / DAY_MS);
  const toDay = Math.floor(now.getTime() / DAY_MS);
  return toDay - fromDay;
}

/** Moves an ISO date or timestamp by whole days, keeping its shape (date-only stays date-only; no added millis). */
export function shiftIso(value: string, days: number): string {
  if (DATE_ONLY.test(value)) return new Date(Date.parse(`${value}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
  const shifted = new Date(Date.parse(value) + days * DAY_MS).toISOString();
  return /\.\d+/.test(value) ? shifted : shifted.replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The demo orders are written against a fixed `asOf` day; moving every date by (now - asOf) keeps "shipped two days
 * ago" true whenever the demo runs. These are all the dates an Order carries.
 */
export function shiftOrderDates(order: Order, days: number): Order {
  if (days === 0) return order;
  return {
    ...order,
    placedAt: shiftIso(order.placedAt, days),
    ...(order.deliveredAt === undefined ? {} : { deliveredAt: shiftIso(order.deliveredAt, days) }),
    tracking: order.tracking.map((event) => ({ ...event, at: shiftIso(event.at, days) })),
  };
}
