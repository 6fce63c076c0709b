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
  image: string; // URL path served by the bot, e.g. "/images/products/P-1001.svg"
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
  hours: string;
}
