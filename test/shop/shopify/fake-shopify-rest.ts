/**
 * Webhook payloads: Shopify sends the REST resource of the topic (https://shopify.dev/docs/api/admin-rest/2025-07/
 * resources/product and .../resources/order, and the webhook topic reference at
 * https://shopify.dev/docs/api/webhooks?reference=toml for products/update, products/delete, orders/create,
 * orders/updated). Money is a decimal string, tags one comma-separated string, statuses lower case.
 */
import { fulfillmentStatus, orderTotal, type FakeOrder, type FakeProduct } from './fake-shopify-model.ts';
import { gid } from './fake-shopify-views.ts';

export function restProduct(p: FakeProduct) {
  return {
    id: p.id,
    admin_graphql_api_id: gid('Product', p.id),
    title: p.title,
    body_html: p.descriptionHtml,
    vendor: p.vendor,
    product_type: p.productType,
    created_at: p.createdAt,
    updated_at: p.updatedAt,
    published_at: p.published ? p.createdAt : null,
    handle: p.handle,
    status: p.status.toLowerCase() as 'active' | 'archived' | 'draft',
    tags: p.tags.join(', '),
    variants: p.variants.map((v, i) => ({
      id: v.id,
      product_id: p.id,
      title: v.title,
      price: v.price,
      position: i + 1,
      inventory_quantity: v.inventoryQuantity,
      inventory_management: v.tracked ? 'shopify' : null,
      inventory_policy: 'deny',
    })),
    options: p.options.map((o, i) => ({ id: p.id * 10 + i, product_id: p.id, name: o.name, position: i + 1, values: o.values })),
    images: p.imageUrl ? [{ id: p.id, product_id: p.id, position: 1, src: p.imageUrl }] : [],
    image: p.imageUrl ? { id: p.id, product_id: p.id, position: 1, src: p.imageUrl } : null,
  };
}

const REST_FULFILLMENT: Record<string, string | null> = { FULFILLED: 'fulfilled', PARTIALLY_FULFILLED: 'partial', UNFULFILLED: null, IN_PROGRESS: null };

export function restOrder(o: FakeOrder, currency: string) {
  const a = o.shippingAddress;
  return {
    id: o.id,
    admin_graphql_api_id: gid('Order', o.id),
    name: `#${o.number}`,
    order_number: o.number,
    number: o.number - 1000,
    email: o.email,
    contact_email: o.email,
    created_at: o.createdAt,
    updated_at: o.updatedAt,
    cancelled_at: o.cancelledAt,
    cancel_reason: o.cancelledAt ? 'customer' : null,
    financial_status: o.financial.toLowerCase(),
    fulfillment_status: REST_FULFILLMENT[fulfillmentStatus(o)] ?? null,
    currency,
    total_price: orderTotal(o),
    note: o.note,
    customer: o.customer ? { id: o.id + 5000, first_name: o.customer.firstName, last_name: o.customer.lastName, email: o.email } : null,
    shipping_address: a
      ? {
        first_name: a.firstName, last_name: a.lastName, name: `${a.firstName} ${a.lastName}`.trim(), company: a.company, phone: a.phone,
        address1: a.address1, address2: a.address2, city: a.city, zip: a.zip, province: a.province,
        country: new Intl.DisplayNames(['en'], { type: 'region' }).of(a.countryCode) ?? a.countryCode, country_code: a.countryCode,
      }
      : null,
    shipping_lines: o.shippingLine ? [{ title: o.shippingLine, price: '0.00' }] : [],
    line_items: o.lineItems.map((li) => ({ id: li.id, product_id: li.productId, title: li.title, quantity: li.quantity, price: li.price })),
    fulfillments: o.fulfillments.map((f) => ({
      id: f.id,
      order_id: o.id,
      status: 'success',
      created_at: f.createdAt,
      updated_at: f.deliveredAt ?? f.inTransitAt ?? f.createdAt,
      tracking_company: f.tracking?.company ?? null,
      tracking_number: f.tracking?.number ?? null,
      tracking_url: f.tracking?.url ?? null,
      shipment_status: f.deliveredAt ? 'delivered' : f.inTransitAt ? 'in_transit' : null,
    })),
  };
}
