/**
 * The fake shop's seeded catalog and orders, written for these tests (a homewares shop in EUR). 120 active products
 * so that the catalog spans three pages of 50; a draft and an archived one that must not be listed; orders in every
 * state the status mapping distinguishes; one customer with enough orders for two pages.
 */
import type { FakeOrder, FakeProduct } from './fake-shopify-model.ts';

const MATERIALS = ['Oak', 'Walnut', 'Linen', 'Ceramic', 'Brass', 'Wool', 'Glass', 'Rattan'];
const THINGS: Array<[string, string]> = [['Serving Board', 'Kitchen'], ['Table Lamp', 'Lighting'], ['Cushion Cover', 'Living'], ['Planter', 'Garden'], ['Bread Bin', 'Kitchen']];

function product(id: number, title: string, type: string, price: string, over: Partial<FakeProduct> = {}): FakeProduct {
  const handle = title.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/-$/, '');
  return {
    id,
    title,
    handle,
    status: 'ACTIVE',
    productType: type,
    vendor: 'Fake Workshop',
    descriptionHtml: `<p>${title}, made in small batches.</p>`,
    tags: [type.toLowerCase(), title.split(' ')[0]!.toLowerCase()],
    createdAt: new Date(Date.UTC(2025, 0, 1) + id * 3_600_000).toISOString(),
    updatedAt: new Date(Date.UTC(2025, 0, 2) + id * 3_600_000).toISOString(),
    published: true,
    options: [{ name: 'Title', values: ['Default Title'] }],
    variants: [{ id: id * 10, title: 'Default Title', price, inventoryQuantity: 7, tracked: true }],
    imageUrl: `https://cdn.example.test/files/${handle}.jpg`,
    ...over,
  };
}

export function seedProducts(): FakeProduct[] {
  const out: FakeProduct[] = [];
  let id = 7001;
  for (let round = 0; round < 3; round++) {
    for (const material of MATERIALS) {
      for (const [thing, type] of THINGS) {
        out.push(product(id, `${material} ${thing}${round ? ` No. ${round + 1}` : ''}`, type, (12 + ((id * 7) % 90) + 0.5).toFixed(2)));
        id++;
      }
    }
  }
  // Special cases, by known id: variants with options, untracked stock, sold out, no image, not for sale.
  out[0] = product(7001, 'Oak Serving Board', 'Kitchen', '34.00', {
    options: [{ name: 'Size', values: ['Small', 'Large'] }, { name: 'Finish', values: ['Oiled'] }],
    variants: [
      { id: 70011, title: 'Small / Oiled', price: '34.00', inventoryQuantity: 4, tracked: true },
      { id: 70012, title: 'Large / Oiled', price: '49.00', inventoryQuantity: 2, tracked: true },
    ],
    tags: ['kitchen', 'oak', 'gift'],
  });
  out[1] = product(7002, 'Oak Table Lamp', 'Lighting', '89.00', { variants: [{ id: 70020, title: 'Default Title', price: '89.00', inventoryQuantity: 0, tracked: false }] });
  out[2] = product(7003, 'Oak Cushion Cover', 'Living', '29.00', { variants: [{ id: 70030, title: 'Default Title', price: '29.00', inventoryQuantity: 0, tracked: true }] });
  out[3] = product(7004, 'Oak Planter', 'Garden', '39.00', { imageUrl: null });
  out.push(product(7901, 'Prototype Stool', 'Living', '120.00', { status: 'DRAFT', published: false }));
  out.push(product(7902, 'Retired Vase', 'Living', '45.00', { status: 'ARCHIVED', published: false }));
  return out;
}

const address = (first: string, last: string, address1: string, zip: string, city: string, countryCode: string) => ({
  firstName: first, lastName: last, company: null, phone: null, address1, address2: null, city, zip, province: null, countryCode,
});

function order(n: number, over: Partial<FakeOrder> & Pick<FakeOrder, 'email'>): FakeOrder {
  const placed = new Date(Date.UTC(2026, 10, 1) + (n % 1000) * 86_400_000).toISOString();
  return {
    id: 5_000_000 + n,
    number: n,
    createdAt: placed,
    updatedAt: placed,
    cancelledAt: null,
    financial: 'PAID',
    inProgress: false,
    note: null,
    customer: { firstName: 'Ada', lastName: 'Lindqvist' },
    shippingAddress: address('Ada', 'Lindqvist', 'Prinsengracht 100', '1015 EA', 'Amsterdam', 'NL'),
    shippingLine: 'Standard Shipping',
    lineItems: [{ id: n * 10 + 1, productId: 7006, title: 'Walnut Serving Board', quantity: 1, price: '40.50' }],
    fulfillments: [],
    returns: [],
    ...over,
  };
}

const shipped = (n: number, at: string, extra: { inTransitAt?: string; deliveredAt?: string } = {}) => ({
  id: n * 100 + 1,
  createdAt: at,
  inTransitAt: extra.inTransitAt ?? null,
  deliveredAt: extra.deliveredAt ?? null,
  tracking: { number: `JJD000${n}`, company: 'DHL Express', url: `https://tracking.example.test/JJD000${n}` },
  lineItemIds: [n * 10 + 1],
});

export function seedOrders(): FakeOrder[] {
  const bo = { customer: { firstName: 'Bo', lastName: 'Marsh' }, shippingAddress: address('Bo', 'Marsh', 'Hauptstrasse 5', '10115', 'Berlin', 'DE') };
  return [
    order(1001, { email: 'ada@example.com' }),
    order(1002, { email: 'ada@example.com', financial: 'PENDING' }),
    order(1003, { email: 'ada@example.com', fulfillments: [shipped(1003, '2026-11-04T09:00:00Z', { inTransitAt: '2026-11-05T08:00:00Z' })] }),
    order(1004, { email: 'ada@example.com', fulfillments: [shipped(1004, '2026-11-05T09:00:00Z', { inTransitAt: '2026-11-05T18:00:00Z', deliveredAt: '2026-11-07T11:00:00Z' })] }),
    order(1005, { email: 'ada@example.com', cancelledAt: '2026-11-06T10:00:00Z', financial: 'REFUNDED' }),
    order(1006, { email: 'ada@example.com', inProgress: true, shippingLine: 'Express 24h' }),
    order(1007, { email: 'ada@example.com', shippingLine: 'Pickup in store' }),
    order(1008, {
      email: 'bo@example.com', ...bo,
      lineItems: [
        { id: 10081, productId: 7001, title: 'Oak Serving Board', quantity: 2, price: '34.00' },
        { id: 10082, productId: 7011, title: 'Walnut Table Lamp', quantity: 1, price: '60.50' },
        { id: 10083, productId: null, title: 'Gift wrapping', quantity: 1, price: '3.00' },
      ],
      fulfillments: [{ ...shipped(1008, '2026-11-09T09:00:00Z', { deliveredAt: '2026-11-11T12:00:00Z' }), lineItemIds: [10081, 10082, 10083] }],
    }),
    order(1009, {
      email: 'bo@example.com', ...bo,
      lineItems: [{ id: 10091, productId: 7016, title: 'Linen Serving Board', quantity: 1, price: '20.00' }, { id: 10092, productId: 7017, title: 'Linen Table Lamp', quantity: 1, price: '55.00' }],
      fulfillments: [shipped(1009, '2026-11-10T09:00:00Z')],
    }),
    order(1010, { email: 'Carla.Ruiz@Example.com', customer: { firstName: 'Carla', lastName: 'Ruiz' } }),
    order(10011, { email: 'dan@example.com', customer: { firstName: 'Dan', lastName: 'Okafor' } }),
  ];
}
