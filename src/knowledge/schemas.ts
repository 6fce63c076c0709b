import { z } from 'zod';
import { isValidTimeZone } from '../core/local-time.ts';
import type { FaqEntry, Order, PolicyPassage, Product, ShippingMethodRule, ShippingRules, ShopProfile, SupportHours } from './types.ts';

/**
 * Zod schemas for the shop content. Objects are strict: an unknown field in a hand-written YAML file is almost always
 * a typo ("pirce") that would otherwise be dropped silently. Each schema is annotated with its interface from
 * types.ts so the two cannot drift apart.
 */
export const POLICY_NAMES = ['shipping', 'returns', 'refunds', 'warranty', 'payment', 'privacy'] as const;
export const ORDER_STATUSES = ['pending', 'processing', 'shipped', 'delivered', 'cancelled', 'returned'] as const;

const text = z.string().trim().min(1, 'expected non-empty text');
// Product listing dates may be plain dates; order events are timestamps (a shifted date keeps its format).
const isoDateOrTime = z.union([z.iso.date(), z.iso.datetime({ offset: true })], { error: 'expected ISO date or timestamp' });
const isoTimestamp = z.iso.datetime({ offset: true, error: 'expected ISO timestamp, e.g. 2025-03-01T10:00:00Z' });
const currency = z.string().regex(/^[A-Z]{3}$/, 'expected ISO 4217 currency code, e.g. EUR');
const money = z.number().nonnegative().refine((n) => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6, 'expected at most two decimals');

export const productSchema: z.ZodType<Product> = z.strictObject({
  id: text,
  title: text,
  category: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected a lower-case slug, e.g. kitchen'),
  price: money,
  currency,
  description: text,
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  stock: z.number().int().nonnegative(),
  // A path served by the bot (the demo shop's pictures) or the platform's own image URL (Shopify, WooCommerce).
  image: z.union([z.string().startsWith('/'), z.url({ protocol: /^https?$/ })], { error: 'expected a URL path starting with / or an http(s) URL' }),
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL' }).optional(),
  tags: z.array(text),
  addedAt: isoDateOrTime,
});

/** Structural FAQ rule, also used for runtime edits; the demo files ask for more phrasings (faqFileEntrySchema). */
export const faqEntrySchema: z.ZodType<FaqEntry> = z.strictObject({
  id: text,
  questions: z.array(text).min(1, 'expected at least one question'),
  answer: text,
  tags: z.array(text),
});

/** Hand-written FAQ entries carry 3+ phrasings so retrieval sees how differently customers ask. */
export const faqFileEntrySchema: z.ZodType<FaqEntry> = z.strictObject({
  id: text,
  questions: z.array(text).min(3, 'expected at least 3 question phrasings'),
  answer: text,
  tags: z.array(text),
});

export const policyPassageSchema: z.ZodType<PolicyPassage> = z
  .strictObject({
    id: z.string().regex(/^[a-z]+#[a-z0-9]+(?:-[a-z0-9]+)*$/, 'expected "<policy>#<section-slug>"'),
    policy: z.enum(POLICY_NAMES),
    title: text,
    text,
  })
  .refine((p) => p.id.startsWith(`${p.policy}#`), { message: 'id must start with "<policy>#"', path: ['id'] });

const trackingEventSchema = z.strictObject({ at: isoTimestamp, status: text, location: text.optional() });
const orderItemSchema = z.strictObject({ productId: text, quantity: z.number().int().positive(), unitPrice: money });

export const orderSchema: z.ZodType<Order> = z.strictObject({
  id: text,
  email: z.email({ error: 'expected an e-mail address' }),
  customerName: text,
  items: z.array(orderItemSchema).min(1, 'expected at least one item'),
  status: z.enum(ORDER_STATUSES),
  placedAt: isoTimestamp,
  deliveredAt: isoTimestamp.optional(),
  shippingAddress: text,
  shippingMethod: z.enum(['standard', 'express', 'pickup']),
  carrier: text.optional(),
  trackingNumber: text.optional(),
  tracking: z.array(trackingEventSchema),
  total: money,
  currency,
});

const openingSpan = z.string().regex(/^(closed|([01]\d|2[0-3]):[0-5]\d-([01]\d|2[0-4]):[0-5]\d)$/, 'expected "HH:MM-HH:MM" or "closed"');
const supportHoursSchema: z.ZodType<SupportHours> = z.strictObject({
  timeZone: z.string().refine(isValidTimeZone, 'expected an IANA time zone, e.g. Europe/Amsterdam'),
  weekly: z.strictObject({
    monday: openingSpan, tuesday: openingSpan, wednesday: openingSpan, thursday: openingSpan, friday: openingSpan, saturday: openingSpan, sunday: openingSpan,
  }),
  closedDates: z.array(z.iso.date()).default([]),
});

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 country code, e.g. NL');
const shippingMethodSchema: z.ZodType<ShippingMethodRule> = z.strictObject({
  method: z.enum(['standard', 'express']),
  price: money,
  freeFrom: money.optional(),
  days: z.tuple([z.number().int().positive(), z.number().int().positive()]).refine(([a, b]) => a <= b, 'expected [fastest, slowest]'),
  countries: z.array(countryCode).min(1).optional(),
});
const shippingSchema: z.ZodType<ShippingRules> = z.strictObject({
  zones: z
    .array(z.strictObject({ name: text, countries: z.array(countryCode).min(1), methods: z.array(shippingMethodSchema).min(1), note: text.optional() }))
    .min(1),
  freight: z
    .strictObject({ minWeightKg: z.number().positive(), days: z.tuple([z.number().int().positive(), z.number().int().positive()]), note: text })
    .optional(),
  notServedNote: text,
});

export const shopProfileSchema: z.ZodType<ShopProfile> = z.strictObject({
  name: text,
  currency,
  language: z.string().regex(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, 'expected a BCP 47 tag, e.g. en'),
  returnWindowDays: z.number().int().nonnegative(),
  cancellableStatuses: z.array(z.enum(ORDER_STATUSES)),
  changeableStatuses: z.array(z.enum(ORDER_STATUSES)),
  freeShippingThreshold: z.number().nonnegative(),
  supportEmail: z.email({ error: 'expected an e-mail address' }),
  supportPhone: text,
  hours: text,
  supportHours: supportHoursSchema,
  shipping: shippingSchema,
  returnCosts: z.strictObject({ label: money, freightCollection: money }),
});
