export type EntityType = 'order_id' | 'email' | 'phone' | 'amount' | 'date' | 'quantity' | 'product' | 'category' | 'country';

export interface Money {
  amount: number;
  currency: string; // ISO 4217
}

/** A product mention; `candidates` holds every product that matched about as well as the best (best first). */
export interface ProductMatch {
  productId: string;
  candidates: Array<{ productId: string; confidence: number }>;
}

interface Base<T extends EntityType, V> {
  type: T;
  value: V;
  /** The text as the customer wrote it; text.slice(start, end) === raw. */
  raw: string;
  start: number;
  end: number;
  confidence: number;
}

export type Entity =
  | Base<'order_id', string> // "SM-123456"
  | Base<'email', string> // lower-cased
  | Base<'phone', string> // "+4915112345678", or local digits when the country is unknown
  | Base<'amount', Money>
  | Base<'date', string> // ISO date "2026-03-12"
  | Base<'quantity', number>
  | Base<'product', ProductMatch>
  | Base<'category', string> // category slug
  | Base<'country', string>; // ISO 3166-1 alpha-2, e.g. "CH"

/** Builds an entity from a regex match, so offsets and raw always agree. */
export function fromMatch<E extends Entity>(m: RegExpExecArray, type: E['type'], value: E['value'], confidence: number, group = 0): E {
  const raw = m[group];
  const start = m.index + (group === 0 ? 0 : m[0].indexOf(raw));
  return { type, value, raw, start, end: start + raw.length, confidence } as E;
}
