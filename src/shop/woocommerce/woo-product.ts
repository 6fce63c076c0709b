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

/** A lower-case ASCII slug: WooCommerce percent-encodes non-ASCII slugs ("k%c3%bcche") and allows underscores. */
export function categorySlug(slug: string | undefined): string {
  let text = slug ?? '';
  try {
    text = decodeURIComponent(text);
  } catch {
    // a literal "%" in a slug: keep the text as it is
  }
  const out = text.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return out || 'uncategorized';
}

/**
 * A WooCommerce product as the bot's Product, or undefined when the shop does not sell it now: not published (draft,
 * private, trash) or without a price (WooCommerce's "" price: it cannot be added to the cart). Variable products
 * carry their lowest variation price in `price` and their variations' options in `attributes`. Prices are rounded to
 * cents (the catalog's precision). A product without a picture gets the bot's generated placeholder
 * (/images/products/<id>.svg), one without any description its short description or else its title, because the
 * knowledge index needs some text for every product.
 */
export function toProduct(p: WooProduct, currency: string): Product | undefined {
  if (p.status !== 'publish' || p.price === '' || p.price === null) return undefined;
  const price = Number(p.price);
  const title = plainText(p.name);
  if (!Number.isFinite(price) || price < 0 || !title) return undefined;
  const id = String(p.id);
  return {
    id,
    title,
    category: categorySlug(p.categories[0]?.slug),
    price: Math.round(price * 100) / 100,
    currency,
    description: plainText(p.description) || plainText(p.short_description) || title,
    attributes: attributesOf(p),
    stock: stockOf(p),
    image: p.images[0]?.src || `/images/products/${id}.svg`,
    url: p.permalink,
    tags: p.tags.map((t) => plainText(t.name).toLowerCase()).filter(Boolean),
    addedAt: gmtIso(p.date_created_gmt),
  };
}
