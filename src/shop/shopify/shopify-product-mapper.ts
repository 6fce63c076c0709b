import { ShopmateError } from '../../core/errors.ts';
import type { Product } from '../../knowledge/types.ts';
import { numericId } from './shopify-ids.ts';

/**
 * Stock of a product whose inventory Shopify does not track (GraphQL tracksInventory false; REST: no variant has
 * inventory_management): always available. A very large number, so every "in stock" test holds and no "only N left"
 * is ever said.
 */
export const UNLIMITED_STOCK = Number.MAX_SAFE_INTEGER;

export interface ProductNode {
  id: string;
  title: string;
  handle: string;
  status: 'ACTIVE' | 'ARCHIVED' | 'DRAFT';
  productType: string;
  vendor: string;
  description: string;
  tags: string[];
  createdAt: string;
  onlineStoreUrl: string | null;
  totalInventory: number;
  tracksInventory: boolean;
  priceRangeV2: { minVariantPrice: { amount: string; currencyCode: string } };
  featuredMedia: { preview: { image: { url: string } | null } | null } | null;
  options: Array<{ name: string; optionValues: Array<{ name: string }> }>;
}

/** products/create and products/update webhook payloads (REST Product resource). */
export interface RestProduct {
  id: number;
  title: string;
  handle: string;
  status?: 'active' | 'archived' | 'draft';
  product_type: string;
  vendor: string;
  body_html: string | null;
  tags: string;
  created_at: string;
  variants?: Array<{ price: string; inventory_quantity?: number; inventory_management?: string | null }>;
  options?: Array<{ name: string; values: string[] }>;
  image?: { src: string } | null;
  images?: Array<{ src: string }>;
}

export interface ProductMapContext {
  /** The shop's primary domain: REST payloads carry no online store URL, the page is <domain>/products/<handle>. */
  storefrontUrl: string;
  /** The shop's currency (REST payloads carry prices without one). */
  currency: string;
}

/** "Home & Living" -> "home-living", "Décor" -> "decor": our categories are ASCII slugs. Untyped: "uncategorized". */
export function categorySlug(productType: string): string {
  const slug = productType.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return slug || 'uncategorized';
}

/** A product without a picture gets the placeholder the bot draws for it (src/server/product-image.ts). */
const placeholderImage = (id: string) => `/images/products/${id}.svg`;

/** Shopify allows an empty description; ours is never empty, so the title stands in. */
const describe = (description: string, title: string) => description.trim() || title;

/** Options as attributes ("Color": Red, Blue -> color: "Red, Blue"); Shopify's placeholder option is skipped. */
function attributesOf(options: Array<{ name: string; values: string[] }>, vendor: string): Product['attributes'] {
  const out: Product['attributes'] = {};
  for (const o of options) {
    if (o.name === 'Title' && o.values.length === 1 && o.values[0] === 'Default Title') continue;
    out[o.name.toLowerCase().replace(/\s+/g, '_')] = o.values.join(', ');
  }
  if (vendor) out.vendor = vendor;
  return out;
}

const productPage = (storeUrl: string, handle: string) => `${storeUrl.replace(/\/+$/, '')}/products/${handle}`;

export function mapProductNode(node: ProductNode, storeUrl: string): Product {
  const options = node.options.map((o) => ({ name: o.name, values: o.optionValues.map((v) => v.name) }));
  return {
    id: numericId(node.id),
    title: node.title,
    category: categorySlug(node.productType),
    price: Number(node.priceRangeV2.minVariantPrice.amount),
    currency: node.priceRangeV2.minVariantPrice.currencyCode,
    description: describe(node.description, node.title),
    attributes: attributesOf(options, node.vendor),
    stock: node.tracksInventory ? Math.max(0, node.totalInventory) : UNLIMITED_STOCK,
    image: node.featuredMedia?.preview?.image?.url ?? placeholderImage(numericId(node.id)),
    // An unpublished product has no online store URL; its handle still names the page it will have.
    url: node.onlineStoreUrl ?? productPage(storeUrl, node.handle),
    tags: node.tags,
    addedAt: node.createdAt,
  };
}

/** Tags, description text: the REST payload's forms ("a, b", HTML) made like GraphQL's. */
const splitTags = (tags: string) => tags.split(',').map((t) => t.trim()).filter(Boolean);
const htmlToText = (html: string | null) => (html ?? '').replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&').replace(/\s+/g, ' ').trim();

export function mapRestProduct(p: RestProduct, ctx: ProductMapContext): Product {
  const variants = p.variants ?? [];
  const prices = variants.map((v) => Number(v.price)).filter((n) => Number.isFinite(n));
  if (prices.length === 0) throw new ShopmateError('BAD_REQUEST', `shopify: product ${p.id} arrived without a priced variant`);
  // As GraphQL's tracksInventory: a product none of whose variants Shopify tracks (inventory_management null) is
  // always available; a payload without the field is read by its quantities.
  const unlimited = variants.every((v) => v.inventory_management === null);
  const stock = unlimited ? UNLIMITED_STOCK : variants.reduce((n, v) => n + Math.max(0, v.inventory_quantity ?? 0), 0);
  return {
    id: String(p.id),
    title: p.title,
    category: categorySlug(p.product_type),
    price: Math.min(...prices),
    currency: ctx.currency,
    description: describe(htmlToText(p.body_html), p.title),
    attributes: attributesOf(p.options ?? [], p.vendor),
    stock,
    image: p.image?.src ?? p.images?.[0]?.src ?? placeholderImage(String(p.id)),
    url: productPage(ctx.storefrontUrl, p.handle),
    tags: splitTags(p.tags),
    addedAt: p.created_at,
  };
}
