import type { WooAddress, WooOrder, WooProduct } from '../../../src/shop/woocommerce/woo-types.ts';

/** Seeded WooCommerce data for the fake, shaped as the REST API v3 returns it (written for these tests). */
const SHOP = 'https://shop.example.test';

export function wooProduct(id: number, over: Partial<WooProduct> = {}): WooProduct {
  const slug = over.slug ?? `product-${id}`;
  return {
    id,
    name: `Product ${id}`,
    slug,
    permalink: `${SHOP}/product/${slug}/`,
    type: 'simple',
    parent_id: 0,
    status: 'publish',
    description: `<p>Plain product number ${id}.</p>`,
    short_description: '',
    sku: `SKU-${id}`,
    price: '10.00',
    manage_stock: true,
    stock_quantity: 20,
    stock_status: 'instock',
    date_created_gmt: `2026-01-${String((id % 28) + 1).padStart(2, '0')}T09:00:00`,
    date_modified_gmt: '2026-02-01T09:00:00',
    categories: [{ id: 15, name: 'Misc', slug: 'misc' }],
    tags: [],
    images: [{ id: id + 5000, src: `${SHOP}/wp-content/uploads/2026/01/p${id}.jpg`, alt: '' }],
    attributes: [],
    ...over,
  };
}

export function address(over: Partial<WooAddress> = {}): WooAddress {
  return { first_name: 'Ada', last_name: 'Lindqvist', company: '', address_1: 'Birch Lane 7', address_2: '', city: 'Leiden', state: '', postcode: '2311 AB', country: 'NL', ...over };
}

export function wooOrder(id: number, over: Partial<WooOrder> = {}): WooOrder {
  return {
    id,
    number: String(id),
    status: 'processing',
    currency: 'EUR',
    date_created_gmt: '2026-11-20T10:00:00',
    date_modified_gmt: '2026-11-20T10:05:00',
    date_paid_gmt: '2026-11-20T10:01:00',
    date_completed_gmt: null,
    total: '54.95',
    customer_id: 0,
    billing: address({ email: 'ada@example.org', phone: '' }),
    shipping: address(),
    line_items: [{ id: id * 10, name: 'Desk Lamp', product_id: 101, variation_id: 0, quantity: 1, price: 49.95 }],
    shipping_lines: [{ id: id * 10 + 1, method_title: 'Flat rate', method_id: 'flat_rate' }],
    meta_data: [],
    ...over,
  };
}

/** Named products the tests ask about, then enough filler for three pages of 100. */
export function seedProducts(): WooProduct[] {
  const named: WooProduct[] = [
    wooProduct(101, {
      name: 'Desk Lamp &amp; Shade',
      slug: 'desk-lamp',
      price: '49.95',
      description: '<p>A brass <strong>desk lamp</strong> with a linen shade.</p>',
      categories: [{ id: 21, name: 'Lighting', slug: 'lighting' }],
      tags: [{ id: 31, name: 'Brass', slug: 'brass' }],
      attributes: [{ id: 1, name: 'Colour', options: ['Brass', 'Black'] }],
      stock_quantity: 3,
    }),
    wooProduct(102, { name: 'Wool Throw', slug: 'wool-throw', price: '79.00', manage_stock: false, stock_quantity: null, categories: [{ id: 22, name: 'Textiles', slug: 'textiles' }] }),
    wooProduct(103, { name: 'Stoneware Mug', slug: 'stoneware-mug', price: '12.50', stock_status: 'outofstock', stock_quantity: 0 }),
    wooProduct(104, { name: 'Oak Side Table', slug: 'oak-side-table', type: 'variable', price: '119.00', manage_stock: false, stock_quantity: null, attributes: [{ id: 2, name: 'Size', options: ['Small', 'Large'] }] }),
    wooProduct(105, { name: 'Unfinished Draft Chair', status: 'draft' }),
    wooProduct(106, { name: 'Price On Request Sofa', price: '' }),
    wooProduct(107, { name: 'Backorder Vase', stock_status: 'onbackorder', stock_quantity: 0 }),
  ];
  const filler = Array.from({ length: 223 }, (_, i) => wooProduct(1000 + i, { name: `Filler Item ${1000 + i}` }));
  return [...named, ...filler];
}

/** Published products with a price among the seed (what the catalog must list). */
export const SEEDED_FOR_SALE = 228;

export function seedOrders(): WooOrder[] {
  return [
    wooOrder(1201, { status: 'processing' }),
    wooOrder(1202, { status: 'pending', date_paid_gmt: null, billing: address({ first_name: 'Bram', last_name: 'Okafor', email: 'bram@example.org' }), shipping: address({ first_name: 'Bram', last_name: 'Okafor', address_1: 'Canal Street 3', city: 'Delft', postcode: '2611 CD' }) }),
    wooOrder(1203, {
      status: 'completed',
      date_completed_gmt: '2026-11-24T15:00:00',
      meta_data: [{ id: 77, key: '_wc_shipment_tracking_items', value: [{ tracking_provider: 'postnl', custom_tracking_provider: '', tracking_number: '3SABCD1234567', date_shipped: '1795435200', tracking_id: 'abc' }] }],
    }),
    wooOrder(1204, { status: 'on-hold', shipping_lines: [{ id: 1, method_title: 'Local pickup', method_id: 'local_pickup' }] }),
    wooOrder(1205, { status: 'cancelled' }),
    wooOrder(1206, { status: 'refunded' }),
    wooOrder(1207, { status: 'failed', shipping_lines: [{ id: 2, method_title: 'Express (next day)', method_id: 'flat_rate' }] }),
    wooOrder(1208, { status: 'packing', date_created_gmt: '2026-11-21T08:00:00' }),
    wooOrder(1209, { status: 'processing', billing: address({ email: 'Ada@Example.org' }), date_created_gmt: '2026-11-22T08:00:00' }),
  ];
}
