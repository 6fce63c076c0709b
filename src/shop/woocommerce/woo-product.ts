import type { Product } from '../../knowledge/types.ts';
import type { WooProduct } from './woo-types.ts';

/**
 * Stock of a product whose units WooCommerce does not count (manage_stock off, "In stock"): the shop sells it, so it
 * is never "out of stock" and never "only N left". A large finite number rather than Infinity, which JSON turns into null.
 */
export const UNCOUNTED_STOCK = Number.MAX_SAFE_INTEGER;

/** WooCommerce `*_gmt` dates carry no zone suffix; they are UTC. */
export function gmtIso(date: string): string {
  return new Date(/[zZ]|[+-]\d\d:?\d\d$/.test(date) ? date : `${date}Z`).toISOString();
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Descriptions are HTML written in the WordPress editor; the bot answers in plain text. */
export function plainText(html: string): string {
  return html
    .replace(/<(script|style)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
      if (e[0] !== '#') return ENTITIES[e.toLowerCase()] ?? m;
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    })
    .replace(/\s+/g, ' ')
    .trim();
}

/** Units available now: the counted stock, uncounted "in stock", or 0 (out of stock, or only on backorder). */
function stockOf(p: WooProduct): number {
  if (p.stock_status !== 'instock') return 0;
  if (p.manage_stock === true && p.stock_quantity !== null) return Math.max(0, p.stock_quantity);
  return UNCOUNTED_STOCK;
}

/** Attribute names as keys ("Color" -> "color", "Pa Material" -> "pa_material"), the options they take as the value. */
function attributesOf(p: WooProduct): Product['attributes'] {
  const out: Product['attributes'] = {};
  for (const a of p.attributes ?? []) {
    const key = a.name.trim().toLowerCase().replace(/\s+/g, '_');
    if (key && a.options.length > 0) out[key] = a.options.join(', ');
  }
  if (p.sku) out.sku = p.sku;
  return out;
}

/**
 * A WooCommerce product as the bot's Product, or undefined when the shop does not sell it now: not published (draft,
 * private, trash) or without a price (WooCommerce's "" price: it cannot be added to the cart). Variable products
 * carry their lowest variation price in `price` and their variations' options in `attributes`.
 */
export function toProduct(p: WooProduct, currency: string): Product | undefined {
  if (p.status !== 'publish' || p.price === '' || p.price === null) return undefined;
  const price = Number(p.price);
  if (!Number.isFinite(price)) return undefined;
  return {
    id: String(p.id),
    title: plainText(p.name),
    category: p.categories[0]?.slug ?? 'uncategorized',
    price,
    currency,
    description: plainText(p.description || p.short_description),
    attributes: attributesOf(p),
    stock: stockOf(p),
    image: p.images[0]?.src ?? '',
    url: p.permalink,
    tags: p.tags.map((t) => t.name.toLowerCase()),
    addedAt: gmtIso(p.date_created_gmt),
  };
}
