/**
 * GraphQL views of the fake store's records: plain objects whose fields are the Admin API's fields (graphql-js calls a
 * function field with its arguments). Shapes follow the 2025-07 reference pages named in fake-shopify-schema.ts.
 */
import { GraphQLError } from 'graphql';
import {
  fulfillmentLineItemId,
  fulfillmentStatus,
  orderTotal,
  returnStatus,
  type FakeAddress,
  type FakeFulfillment,
  type FakeLineItem,
  type FakeOrder,
  type FakeProduct,
  type FakeReturn,
} from './fake-shopify-model.ts';

export const gid = (type: string, id: number | string) => `gid://shopify/${type}/${id}`;

export function idOf(globalId: string, type: string): number | undefined {
  const m = globalId.match(new RegExp(`^gid://shopify/${type}/(\\d+)$`));
  return m ? Number(m[1]) : undefined;
}

const MAX_PAGE = 250;

/** Cursor pagination as Shopify's connections: `first` (at most 250) and an opaque `after` cursor. */
export function connection<T>(items: T[], args: { first?: number | null; after?: string | null; last?: number | null }) {
  if (args.last != null) throw new GraphQLError('the fake serves forward pagination only (first/after)');
  if (args.first == null) throw new GraphQLError('you must provide one of first or last');
  if (args.first > MAX_PAGE || args.first < 0) throw new GraphQLError(`The first argument must be between 0 and ${MAX_PAGE}`);
  const start = args.after ? Number(Buffer.from(args.after, 'base64url').toString('utf8').replace(/^offset:/, '')) + 1 : 0;
  if (!Number.isInteger(start) || start < 0) throw new GraphQLError('Invalid cursor');
  const page = items.slice(start, start + args.first);
  const cursor = (i: number) => Buffer.from(`offset:${start + i}`).toString('base64url');
  return {
    nodes: page,
    edges: page.map((node, i) => ({ cursor: cursor(i), node })),
    pageInfo: {
      hasNextPage: start + page.length < items.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursor(0) : null,
      endCursor: page.length ? cursor(page.length - 1) : null,
    },
  };
}

const money = (amount: string, currencyCode: string) => ({ amount, currencyCode });
const moneyBag = (amount: string, currency: string) => ({ shopMoney: money(amount, currency), presentmentMoney: money(amount, currency) });
const countryName = (code: string) => new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
export const stripHtml = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();

export interface ViewContext {
  currency: string;
  storefrontUrl: string;
  product(id: number): FakeProduct | undefined;
}

export function productView(p: FakeProduct, ctx: ViewContext) {
  const prices = p.variants.map((v) => Number(v.price));
  const min = Math.min(...prices).toFixed(2);
  const max = Math.max(...prices).toFixed(2);
  return {
    __typename: 'Product',
    id: gid('Product', p.id),
    legacyResourceId: String(p.id),
    title: p.title,
    handle: p.handle,
    status: p.status,
    productType: p.productType,
    vendor: p.vendor,
    description: (args: { truncateAt?: number }) => stripHtml(p.descriptionHtml).slice(0, args.truncateAt ?? undefined),
    descriptionHtml: p.descriptionHtml,
    tags: p.tags,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    onlineStoreUrl: p.published && p.status === 'ACTIVE' ? `${ctx.storefrontUrl}/products/${p.handle}` : null,
    totalInventory: p.variants.filter((v) => v.tracked).reduce((n, v) => n + v.inventoryQuantity, 0),
    tracksInventory: p.variants.some((v) => v.tracked),
    priceRangeV2: { minVariantPrice: money(min, ctx.currency), maxVariantPrice: money(max, ctx.currency) },
    featuredMedia: p.imageUrl
      ? { __typename: 'MediaImage', id: gid('MediaImage', p.id), alt: p.title, mediaContentType: 'IMAGE', preview: { image: { url: p.imageUrl } }, image: { url: p.imageUrl } }
      : null,
    options: (args: { first?: number }) =>
      p.options.slice(0, args.first ?? undefined).map((o, i) => ({
        id: gid('ProductOption', p.id * 10 + i),
        name: o.name,
        position: i + 1,
        values: o.values,
        optionValues: o.values.map((v, j) => ({ id: gid('ProductOptionValue', p.id * 100 + i * 10 + j), name: v, hasVariants: true })),
      })),
    variants: (args: { first?: number; after?: string }) =>
      connection(p.variants.map((v) => ({ id: gid('ProductVariant', v.id), title: v.title, price: v.price, sku: null, inventoryQuantity: v.inventoryQuantity })), args),
  };
}

function addressView(a: FakeAddress | null) {
  if (!a) return null;
  return { ...a, name: `${a.firstName} ${a.lastName}`.trim(), provinceCode: null, country: countryName(a.countryCode), countryCodeV2: a.countryCode };
}

function lineItemView(li: FakeLineItem, ctx: ViewContext) {
  const product = li.productId === null ? undefined : ctx.product(li.productId);
  return {
    id: gid('LineItem', li.id),
    title: li.title,
    quantity: li.quantity,
    originalUnitPriceSet: moneyBag(li.price, ctx.currency),
    product: product ? productView(product, ctx) : null,
    variant: null,
  };
}

function fulfillmentLineItemView(o: FakeOrder, f: FakeFulfillment, lineItemId: number, ctx: ViewContext) {
  const li = o.lineItems.find((l) => l.id === lineItemId)!;
  return { id: gid('FulfillmentLineItem', fulfillmentLineItemId(f, lineItemId)), quantity: li.quantity, lineItem: lineItemView(li, ctx) };
}

function fulfillmentView(o: FakeOrder, f: FakeFulfillment, ctx: ViewContext) {
  return {
    id: gid('Fulfillment', f.id),
    createdAt: f.createdAt,
    deliveredAt: f.deliveredAt,
    inTransitAt: f.inTransitAt,
    displayStatus: f.deliveredAt ? 'DELIVERED' : f.inTransitAt ? 'IN_TRANSIT' : 'FULFILLED',
    status: 'SUCCESS',
    trackingInfo: (args: { first?: number }) => (f.tracking ? [f.tracking] : []).slice(0, args.first ?? undefined),
    fulfillmentLineItems: (args: { first?: number; after?: string }) => connection(f.lineItemIds.map((id) => fulfillmentLineItemView(o, f, id, ctx)), args),
  };
}

export function returnView(o: FakeOrder, r: FakeReturn, ctx: ViewContext) {
  const fli = (id: number) => {
    const f = o.fulfillments.find((x) => x.lineItemIds.some((l) => fulfillmentLineItemId(x, l) === id))!;
    return fulfillmentLineItemView(o, f, id - f.id * 1000, ctx);
  };
  return {
    __typename: 'Return',
    id: gid('Return', r.id),
    name: r.name,
    status: r.status,
    createdAt: r.createdAt,
    order: () => orderView(o, ctx),
    returnLineItems: (args: { first?: number; after?: string }) =>
      connection(r.lines.map((l) => ({ __typename: 'ReturnLineItem', id: gid('ReturnLineItem', l.id), quantity: l.quantity, customerNote: l.note, returnReason: l.reason, fulfillmentLineItem: fli(l.fulfillmentLineItemId) })), args),
  };
}

export function orderView(o: FakeOrder, ctx: ViewContext): Record<string, unknown> {
  const customer = o.customer && { id: gid('Customer', o.id), displayName: `${o.customer.firstName} ${o.customer.lastName}`, ...o.customer, email: o.email };
  return {
    __typename: 'Order',
    id: gid('Order', o.id),
    legacyResourceId: String(o.id),
    name: `#${o.number}`,
    email: o.email,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    cancelledAt: o.cancelledAt,
    note: o.note,
    displayFinancialStatus: o.financial,
    displayFulfillmentStatus: fulfillmentStatus(o),
    returnStatus: returnStatus(o),
    customer,
    shippingAddress: addressView(o.shippingAddress),
    shippingLine: o.shippingLine ? { title: o.shippingLine, code: o.shippingLine.toLowerCase().replace(/\W+/g, '-') } : null,
    totalPriceSet: moneyBag(orderTotal(o), ctx.currency),
    currencyCode: ctx.currency,
    fulfillments: (args: { first?: number }) => o.fulfillments.slice(0, args.first ?? undefined).map((f) => fulfillmentView(o, f, ctx)),
    lineItems: (args: { first?: number; after?: string }) => connection(o.lineItems.map((li) => lineItemView(li, ctx)), args),
    returns: (args: { first?: number; after?: string }) => connection(o.returns.map((r) => returnView(o, r, ctx)), args),
  };
}
