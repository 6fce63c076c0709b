/** The fake store's own records (what Shopify keeps), from which the GraphQL views and REST payloads are made. */
export interface FakeVariant {
  id: number;
  title: string;
  price: string;
  inventoryQuantity: number;
  tracked: boolean;
}

export interface FakeProduct {
  id: number;
  title: string;
  handle: string;
  status: 'ACTIVE' | 'DRAFT' | 'ARCHIVED';
  productType: string;
  vendor: string;
  descriptionHtml: string;
  tags: string[];
  createdAt: string;
  updatedAt: string;
  published: boolean;
  options: Array<{ name: string; values: string[] }>;
  variants: FakeVariant[];
  imageUrl: string | null;
}

export interface FakeAddress {
  firstName: string;
  lastName: string;
  company: string | null;
  phone: string | null;
  address1: string;
  address2: string | null;
  city: string;
  zip: string;
  province: string | null;
  countryCode: string;
}

export interface FakeLineItem {
  id: number;
  productId: number | null;
  title: string;
  quantity: number;
  price: string;
}

export interface FakeFulfillment {
  id: number;
  createdAt: string;
  inTransitAt: string | null;
  deliveredAt: string | null;
  tracking: { number: string; company: string; url: string } | null;
  lineItemIds: number[];
}

export interface FakeReturn {
  id: number;
  name: string;
  status: 'REQUESTED' | 'OPEN' | 'CLOSED' | 'DECLINED' | 'CANCELED';
  createdAt: string;
  lines: Array<{ id: number; fulfillmentLineItemId: number; quantity: number; reason: string; note: string | null }>;
}

export interface FakeOrder {
  id: number;
  number: number;
  email: string | null;
  createdAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  financial: 'PENDING' | 'AUTHORIZED' | 'PAID' | 'REFUNDED' | 'VOIDED' | 'PARTIALLY_REFUNDED';
  /** Picked in the warehouse, not yet shipped (displayFulfillmentStatus IN_PROGRESS). */
  inProgress: boolean;
  note: string | null;
  customer: { firstName: string; lastName: string } | null;
  shippingAddress: FakeAddress | null;
  shippingLine: string | null;
  lineItems: FakeLineItem[];
  fulfillments: FakeFulfillment[];
  returns: FakeReturn[];
}

/** A fulfillment line item's id: one per (fulfillment, line item). */
export const fulfillmentLineItemId = (f: FakeFulfillment, lineItemId: number) => f.id * 1000 + lineItemId;

export function fulfillmentStatus(o: FakeOrder): string {
  const shipped = new Set(o.fulfillments.flatMap((f) => f.lineItemIds));
  if (o.lineItems.length > 0 && o.lineItems.every((li) => shipped.has(li.id))) return 'FULFILLED';
  if (shipped.size > 0) return 'PARTIALLY_FULFILLED';
  return o.inProgress ? 'IN_PROGRESS' : 'UNFULFILLED';
}

export function returnStatus(o: FakeOrder): string {
  if (o.returns.some((r) => r.status === 'CLOSED')) return 'RETURNED';
  if (o.returns.some((r) => r.status === 'OPEN')) return 'IN_PROGRESS';
  if (o.returns.some((r) => r.status === 'REQUESTED')) return 'RETURN_REQUESTED';
  return 'NO_RETURN';
}

export const orderTotal = (o: FakeOrder) => o.lineItems.reduce((s, li) => s + li.quantity * Number(li.price), 0).toFixed(2);
