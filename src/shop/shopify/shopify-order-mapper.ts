import type { Order, OrderStatus, TrackingEvent } from '../../knowledge/types.ts';
import { numericId, orderNumberFromName } from './shopify-ids.ts';

export interface AddressNode {
  name?: string | null;
  firstName?: string | null;
  lastName?: string | null;
  company?: string | null;
  phone?: string | null;
  address1: string | null;
  address2: string | null;
  city: string | null;
  zip: string | null;
  province: string | null;
  country: string | null;
  countryCodeV2?: string | null;
}

interface FulfillmentNode {
  createdAt: string;
  deliveredAt: string | null;
  inTransitAt: string | null;
  displayStatus: string | null;
  trackingInfo: Array<{ number: string | null; company: string | null; url: string | null }>;
}

export interface OrderNode {
  id: string;
  name: string;
  email: string | null;
  createdAt: string;
  cancelledAt: string | null;
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  returnStatus: string;
  customer: { displayName: string } | null;
  shippingAddress: AddressNode | null;
  shippingLine: { title: string } | null;
  totalPriceSet: { shopMoney: { amount: string; currencyCode: string } };
  fulfillments: FulfillmentNode[];
  lineItems: { nodes: Array<{ quantity: number; originalUnitPriceSet: { shopMoney: { amount: string } }; product: { id: string } | null }> };
}

/** orders/create and orders/updated webhook payloads (REST Order resource), the fields we read. */
export interface RestOrder {
  id: number;
  name: string;
  email: string | null;
  created_at: string;
  cancelled_at: string | null;
  financial_status: string | null;
  fulfillment_status: string | null;
  customer?: { first_name: string | null; last_name: string | null } | null;
  shipping_address?: (Omit<AddressNode, 'countryCodeV2'> & { country_code?: string | null }) | null;
  shipping_lines?: Array<{ title: string }>;
  total_price: string;
  currency: string;
  fulfillments?: Array<{
    created_at: string;
    updated_at?: string;
    shipment_status: string | null;
    tracking_company: string | null;
    tracking_number: string | null;
    tracking_url: string | null;
  }>;
  line_items: Array<{ product_id: number | null; quantity: number; price: string }>;
}

/**
 * Shopify's order state -> our OrderStatus, first rule that matches:
 *
 * | Shopify                                                            | ours       |
 * |--------------------------------------------------------------------|------------|
 * | cancelledAt set                                                    | cancelled  |
 * | returnStatus RETURNED, or fulfillment status RESTOCKED             | returned   |
 * | FULFILLED and every fulfillment delivered                          | delivered  |
 * | FULFILLED or PARTIALLY_FULFILLED                                   | shipped    |
 * | IN_PROGRESS or PENDING_FULFILLMENT (picked, sent to a 3PL)         | processing |
 * | anything else (UNFULFILLED, OPEN, ON_HOLD, SCHEDULED...) and paid  | processing |
 * | anything else, payment PENDING, AUTHORIZED or EXPIRED              | pending    |
 *
 * A partially fulfilled order counts as shipped: part of it is on its way, so it can no longer be cancelled whole.
 */
export function orderStatus(s: { cancelled: boolean; returned: boolean; fulfillment: string; financial: string; allDelivered: boolean }): OrderStatus {
  if (s.cancelled) return 'cancelled';
  if (s.returned || s.fulfillment === 'RESTOCKED') return 'returned';
  if (s.fulfillment === 'FULFILLED' && s.allDelivered) return 'delivered';
  if (s.fulfillment === 'FULFILLED' || s.fulfillment === 'PARTIALLY_FULFILLED') return 'shipped';
  if (s.fulfillment === 'IN_PROGRESS' || s.fulfillment === 'PENDING_FULFILLMENT') return 'processing';
  return ['PENDING', 'AUTHORIZED', 'EXPIRED', ''].includes(s.financial) ? 'pending' : 'processing';
}

/** The shipping line's title as our method: shops name their rates freely ("DHL Express", "Pickup in store"). */
export function shippingMethod(title: string | undefined): Order['shippingMethod'] {
  if (!title) return 'standard';
  if (/pick ?up|collect/i.test(title)) return 'pickup';
  if (/express|expedited|priority|next.?day|overnight/i.test(title)) return 'express';
  return 'standard';
}

/** One line, as the dialogue shows it: "Keizersgracht 12, 1015 CS Amsterdam, Netherlands" (the name is separate). */
export function addressLine(a: AddressNode | null | undefined): string {
  if (!a) return '';
  const town = [a.zip, a.city].filter(Boolean).join(' ');
  return [a.address1, a.address2, town, a.province, a.country].filter(Boolean).join(', ');
}

interface Shipment {
  createdAt: string;
  inTransitAt?: string | null;
  deliveredAt?: string | null;
  company?: string | null;
  number?: string | null;
  url?: string | null;
}

/** Tracking history from the order's own dates and its fulfillments (Shopify keeps no per-scan history here). */
function trackingEvents(placedAt: string, shipments: Shipment[], cancelledAt: string | null): TrackingEvent[] {
  const events: TrackingEvent[] = [{ at: placedAt, status: 'order placed' }];
  for (const s of shipments) {
    const via = s.company ? ` with ${s.company}` : '';
    events.push({ at: s.createdAt, status: `shipped${via}${s.url ? ` (track at ${s.url})` : ''}` });
    if (s.inTransitAt) events.push({ at: s.inTransitAt, status: 'in transit' });
    if (s.deliveredAt) events.push({ at: s.deliveredAt, status: 'delivered' });
  }
  if (cancelledAt) events.push({ at: cancelledAt, status: 'cancelled' });
  return events.sort((a, b) => a.at.localeCompare(b.at));
}

export function mapOrderNode(node: OrderNode): Order {
  const shipments: Shipment[] = node.fulfillments.map((f) => ({ ...f, ...f.trackingInfo[0] }));
  const delivered = node.fulfillments.map((f) => f.deliveredAt).filter((d): d is string => Boolean(d)).sort();
  const allDelivered = node.fulfillments.length > 0 && node.fulfillments.every((f) => f.deliveredAt || f.displayStatus === 'DELIVERED');
  const status = orderStatus({
    cancelled: node.cancelledAt !== null,
    returned: node.returnStatus === 'RETURNED',
    fulfillment: node.displayFulfillmentStatus,
    financial: node.displayFinancialStatus ?? '',
    allDelivered,
  });
  const first = shipments.find((s) => s.number);
  return {
    id: orderNumberFromName(node.name),
    email: node.email ?? '',
    customerName: node.customer?.displayName ?? node.shippingAddress?.name ?? '',
    // A custom line item (no product) cannot be recommended or returned by product; the total still counts it.
    items: node.lineItems.nodes.filter((li) => li.product).map((li) => ({
      productId: numericId(li.product!.id),
      quantity: li.quantity,
      unitPrice: Number(li.originalUnitPriceSet.shopMoney.amount),
    })),
    status,
    placedAt: node.createdAt,
    ...(status === 'delivered' && delivered.length ? { deliveredAt: delivered.at(-1)! } : {}),
    shippingAddress: addressLine(node.shippingAddress),
    shippingMethod: shippingMethod(node.shippingLine?.title),
    ...(first?.company ? { carrier: first.company } : {}),
    ...(first?.number ? { trackingNumber: first.number } : {}),
    tracking: trackingEvents(node.createdAt, shipments, node.cancelledAt),
    total: Number(node.totalPriceSet.shopMoney.amount),
    currency: node.totalPriceSet.shopMoney.currencyCode,
  };
}

const REST_FULFILLMENT: Record<string, string> = { fulfilled: 'FULFILLED', partial: 'PARTIALLY_FULFILLED', restocked: 'RESTOCKED' };

export function mapRestOrder(o: RestOrder): Order {
  const fulfillments = o.fulfillments ?? [];
  const shipments: Shipment[] = fulfillments.map((f) => ({
    createdAt: f.created_at,
    // REST tells only the latest shipment status, dated by updated_at.
    inTransitAt: f.shipment_status === 'in_transit' ? (f.updated_at ?? f.created_at) : null,
    deliveredAt: f.shipment_status === 'delivered' ? (f.updated_at ?? f.created_at) : null,
    company: f.tracking_company,
    number: f.tracking_number,
    url: f.tracking_url,
  }));
  const status = orderStatus({
    cancelled: o.cancelled_at !== null,
    returned: false,
    fulfillment: REST_FULFILLMENT[o.fulfillment_status ?? ''] ?? 'UNFULFILLED',
    financial: (o.financial_status ?? '').toUpperCase(),
    allDelivered: fulfillments.length > 0 && fulfillments.every((f) => f.shipment_status === 'delivered'),
  });
  const first = shipments.find((s) => s.number);
  const customer = [o.customer?.first_name, o.customer?.last_name].filter(Boolean).join(' ');
  const delivered = shipments.map((s) => s.deliveredAt).filter((d): d is string => Boolean(d)).sort();
  return {
    id: orderNumberFromName(o.name),
    email: o.email ?? '',
    customerName: customer || (o.shipping_address?.name ?? ''),
    items: o.line_items.filter((li) => li.product_id !== null).map((li) => ({ productId: String(li.product_id), quantity: li.quantity, unitPrice: Number(li.price) })),
    status,
    placedAt: o.created_at,
    ...(status === 'delivered' && delivered.length ? { deliveredAt: delivered.at(-1)! } : {}),
    shippingAddress: addressLine(o.shipping_address),
    shippingMethod: shippingMethod(o.shipping_lines?.[0]?.title),
    ...(first?.company ? { carrier: first.company } : {}),
    ...(first?.number ? { trackingNumber: first.number } : {}),
    tracking: trackingEvents(o.created_at, shipments, o.cancelled_at),
    total: Number(o.total_price),
    currency: o.currency,
  };
}
