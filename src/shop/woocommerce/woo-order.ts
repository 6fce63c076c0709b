import type { Order, OrderStatus, TrackingEvent } from '../../knowledge/types.ts';
import { gmtIso } from './woo-product.ts';
import type { WooAddress, WooOrder } from './woo-types.ts';

/**
 * WooCommerce order statuses onto ours. WooCommerce core knows no "shipped" and no "delivered": `completed` ("order
 * fulfilled and complete, requires no further action") is its last step, so it counts as delivered on
 * `date_completed`; the return window then runs from completion, which is never later than the real delivery.
 *
 * | WooCommerce      | shopmate   | why |
 * |------------------|------------|-----|
 * | pending          | pending    | awaiting payment |
 * | on-hold          | pending    | awaiting payment confirmation (bank transfer, cheque) |
 * | failed           | pending    | payment failed or declined; the customer can still pay, nothing ships |
 * | checkout-draft   | pending    | block checkout in progress |
 * | processing       | processing | paid, being prepared |
 * | shipped, partial-shipped | shipped | not core: statuses shipment-tracking plugins add |
 * | completed        | delivered  | fulfilled (see above) |
 * | delivered        | delivered  | not core: plugin status |
 * | cancelled        | cancelled  | |
 * | trash            | cancelled  | an order moved to the bin is no longer live |
 * | refunded         | returned   | fully refunded; the money went back |
 * | anything else    | processing | a plugin's intermediate step (packing, awaiting stock); the bot may not act on it (see ACTIONABLE) |
 */
const STATUS: Record<string, OrderStatus> = {
  pending: 'pending',
  'on-hold': 'pending',
  failed: 'pending',
  'checkout-draft': 'pending',
  processing: 'processing',
  shipped: 'shipped',
  'partial-shipped': 'shipped',
  completed: 'delivered',
  delivered: 'delivered',
  cancelled: 'cancelled',
  trash: 'cancelled',
  refunded: 'returned',
};

export function toOrderStatus(wooStatus: string): OrderStatus {
  return STATUS[wooStatus] ?? 'processing';
}

/** Known WooCommerce statuses; an order in any other one has a status a plugin defines, which we only map loosely. */
export function isKnownStatus(wooStatus: string): boolean {
  return wooStatus in STATUS;
}

/**
 * Raw statuses in which the bot may cancel or change an order: not yet shipped, by WooCommerce's own meaning. Checked
 * on the raw status, so a plugin's "packed" (shown as processing) is never cancelled by the bot.
 */
export const ACTIONABLE = ['pending', 'on-hold', 'failed', 'processing'];

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

function countryName(code: string): string {
  try {
    return (code && regionNames.of(code.toUpperCase())) || code;
  } catch {
    return code;
  }
}

function filled(a: WooAddress | undefined): a is WooAddress {
  return Boolean(a && (a.address_1 || a.city || a.postcode));
}

/** "Emma de Vries, Lange Nieuwstraat 41, 3512 PE Utrecht, Netherlands", the one-line form the dialogue shows. */
export function addressLine(a: WooAddress): string {
  const name = `${a.first_name} ${a.last_name}`.trim();
  const city = [a.postcode, a.city].filter(Boolean).join(' ');
  const parts = [name, a.company, a.address_1, a.address_2, city, a.state].filter((x) => x && x.trim());
  const country = countryName(a.country);
  // An address the bot wrote as one line (changeAddress) may already end with the country.
  const last = parts.at(-1)?.toLowerCase() ?? '';
  if (country && !last.endsWith(country.toLowerCase()) && !last.endsWith(a.country.toLowerCase())) parts.push(country);
  return parts.join(', ');
}

function shippingMethodOf(o: WooOrder): Order['shippingMethod'] {
  const line = o.shipping_lines[0];
  if (!line) return 'standard';
  if (/^(local_pickup|pickup_location)/.test(line.method_id)) return 'pickup';
  // WooCommerce has no "express" method type: shops name their faster flat rates, so the title says it.
  return /express|next[- ]day|overnight/i.test(line.method_title) ? 'express' : 'standard';
}

/**
 * Tracking numbers from the WooCommerce Shipment Tracking extension, which keeps them in the order meta
 * `_wc_shipment_tracking_items` ({tracking_provider | custom_tracking_provider, tracking_number, date_shipped} with
 * date_shipped in Unix seconds). Shops without it have no tracking number; the order's own dates still give events.
 */
interface ShipmentTracking {
  tracking_provider?: string;
  custom_tracking_provider?: string;
  tracking_number?: string;
  date_shipped?: string | number;
}

function shipmentsOf(o: WooOrder): ShipmentTracking[] {
  const meta = o.meta_data?.find((m) => m.key === '_wc_shipment_tracking_items');
  return Array.isArray(meta?.value) ? (meta.value as ShipmentTracking[]).filter((t) => t && typeof t === 'object') : [];
}

function trackingOf(o: WooOrder, shipments: ShipmentTracking[]): TrackingEvent[] {
  const events: TrackingEvent[] = [{ at: gmtIso(o.date_created_gmt), status: 'order placed' }];
  if (o.date_paid_gmt) events.push({ at: gmtIso(o.date_paid_gmt), status: 'payment received' });
  for (const s of shipments) {
    const seconds = Number(s.date_shipped);
    if (!Number.isFinite(seconds) || seconds <= 0) continue;
    const carrier = s.custom_tracking_provider || s.tracking_provider;
    events.push({ at: new Date(seconds * 1000).toISOString(), status: carrier ? `shipped with ${carrier}` : 'shipped' });
  }
  if (o.date_completed_gmt) events.push({ at: gmtIso(o.date_completed_gmt), status: 'order completed' });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

export function toOrder(o: WooOrder): Order {
  const status = toOrderStatus(o.status);
  const shipments = shipmentsOf(o);
  const latest = shipments.at(-1);
  const carrier = latest?.custom_tracking_provider || latest?.tracking_provider;
  const address = filled(o.shipping) ? o.shipping : o.billing;
  return {
    id: String(o.id),
    email: o.billing.email ?? '',
    customerName: `${o.billing.first_name} ${o.billing.last_name}`.trim() || `${o.shipping.first_name} ${o.shipping.last_name}`.trim(),
    items: o.line_items.map((i) => ({ productId: String(i.product_id), quantity: i.quantity, unitPrice: Number(i.price) })),
    status,
    placedAt: gmtIso(o.date_created_gmt),
    ...(status === 'delivered' && o.date_completed_gmt ? { deliveredAt: gmtIso(o.date_completed_gmt) } : {}),
    shippingAddress: addressLine(address),
    shippingMethod: shippingMethodOf(o),
    ...(carrier ? { carrier } : {}),
    ...(latest?.tracking_number ? { trackingNumber: latest.tracking_number } : {}),
    tracking: trackingOf(o, shipments),
    total: Number(o.total),
    currency: o.currency,
  };
}
