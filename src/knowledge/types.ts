/**
 * The demo shop's content as the rest of the bot sees it, after loading and validation (src/knowledge/loaders).
 * Files under knowledge/ are written by us; see README "Shop content" for their formats.
 */
export interface Product {
  id: string; // e.g. "P-1001"
  title: string;
  category: string; // slug, e.g. "kitchen"
  price: number; // in `currency`, two decimals
  currency: string; // ISO 4217, e.g. "EUR"
  description: string;
  attributes: Record<string, string | number | boolean>; // colour, material, size, weight_kg, ...
  stock: number; // units available now; 0 = out of stock
  image: string; // URL path served by the bot ("/images/products/P-1001.svg") or the platform's image URL
  url?: string; // the product's page in the shop; absent: SHOPMATE_PRODUCT_URL_PATTERN
  tags: string[];
  addedAt: string; // ISO date the product was listed (drives the new-product boost)
}

export interface FaqEntry {
  id: string; // e.g. "faq-shipping-cost"
  questions: string[]; // 3+ phrasings
  answer: string;
  tags: string[];
}

export interface PolicyPassage {
  id: string; // "<policy>#<section-slug>"
  policy: 'shipping' | 'returns' | 'refunds' | 'warranty' | 'payment' | 'privacy';
  title: string;
  text: string;
}

export type OrderStatus = 'pending' | 'processing' | 'shipped' | 'delivered' | 'cancelled' | 'returned';

export interface OrderItem {
  productId: string;
  quantity: number;
  unitPrice: number;
}

export interface TrackingEvent {
  at: string; // ISO timestamp
  status: string; // e.g. "label created", "in transit", "out for delivery", "delivered"
  location?: string;
}

export interface Order {
  id: string; // e.g. "SM-100234"
  email: string;
  customerName: string;
  items: OrderItem[];
  status: OrderStatus;
  placedAt: string; // ISO timestamp
  deliveredAt?: string;
  shippingAddress: string;
  shippingMethod: 'standard' | 'express' | 'pickup';
  carrier?: string;
  trackingNumber?: string;
  tracking: TrackingEvent[];
  total: number;
  currency: string;
}

/** Shop-wide facts and the machine-readable policy rules the dialogue enforces. */
export interface ShopProfile {
  name: string;
  currency: string;
  language: string; // BCP 47, e.g. "en"
  returnWindowDays: number;
  cancellableStatuses: OrderStatus[];
  changeableStatuses: OrderStatus[];
  freeShippingThreshold: number;
  supportEmail: string;
  supportPhone: string;
  /** Human-readable opening hours, shown as written. */
  hours: string;
  /** The team's hours as data: when a person can answer (handoff notices, "back on Monday at 08:00"). */
  supportHours: SupportHours;
  /** Where the shop delivers, at what price and how fast, per country. */
  shipping: ShippingRules;
  /** What a return costs the customer (deducted from the refund; faulty, damaged or wrong items are free). */
  returnCosts: { label: number; freightCollection: number };
}

/** "08:00-20:00" or "closed" per weekday, in the shop's IANA time zone. */
export interface SupportHours {
  timeZone: string;
  weekly: Record<'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday', string>;
  /** Extra closed days (public holidays), as YYYY-MM-DD in the shop's time zone. */
  closedDates: string[];
}

export interface ShippingMethodRule {
  method: 'standard' | 'express';
  price: number;
  /** Order subtotal from which this method is free; absent: never free. */
  freeFrom?: number;
  /** Working days from order to delivery, [fastest, slowest]. */
  days: [number, number];
  /** ISO 3166-1 alpha-2 codes where the method is offered; absent: the whole zone. */
  countries?: string[];
}

export interface ShippingZone {
  name: string;
  countries: string[];
  methods: ShippingMethodRule[];
  /** A fact customers of this zone must know (duties, what cannot be shipped there). */
  note?: string;
}

export interface ShippingRules {
  zones: ShippingZone[];
  /** Heavy items travel by freight: from this weight, in these working days, whatever the method. */
  freight?: { minWeightKg: number; days: [number, number]; note: string };
  /** Said when someone asks about a country outside every zone. */
  notServedNote: string;
}
