import { findAmounts } from './amount-extractor.ts';
import { findCountries } from './country-extractor.ts';
import { findDates } from './date-extractor.ts';
import { findEmails } from './email-extractor.ts';
import type { Entity } from './entity.ts';
import { findPhones } from './phone-extractor.ts';
import { findQuantities } from './quantity-extractor.ts';
import { resolveOverlaps } from './resolve-overlaps.ts';
import { prefixedOrderIds } from '../../shop/order-id-format.ts';
import type { OrderIdFormat } from '../../shop/shop-platform.ts';

/** The demo shop's "SM-123456"; a real shop passes its platform's format. */
const DEMO_ORDER_IDS = prefixedOrderIds('SM', 6);

export interface ExtractOptions {
  /** Without a catalog, product and category mentions are not looked for. */
  catalog?: { mentions(text: string): Entity[] };
  /** How the shop's order numbers look (ShopPlatform.orderIds); default the demo shop's. */
  orderIds?: OrderIdFormat;
  /** "today", "last friday" and dates without a year are resolved against this; defaults to the current time. */
  now?: Date;
  dayFirst?: boolean;
  defaultCountryCode?: string;
}

/** All entities in a customer message, non-overlapping, in text order. */
export function extractEntities(text: string, options: ExtractOptions = {}): Entity[] {
  if (text.trim() === '') return [];
  const now = options.now ?? new Date();
  const candidates = [
    ...findEmails(text),
    ...(options.orderIds ?? DEMO_ORDER_IDS).find(text).map((m): Entity => ({ type: 'order_id', ...m })),
    ...findAmounts(text),
    ...findDates(text, { now, dayFirst: options.dayFirst }),
    ...findPhones(text, { defaultCountryCode: options.defaultCountryCode }),
    ...findQuantities(text),
    ...findCountries(text),
    ...(options.catalog?.mentions(text) ?? []),
  ];
  return resolveOverlaps(candidates);
}
