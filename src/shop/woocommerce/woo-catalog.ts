import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Product } from '../../knowledge/types.ts';
import type { CatalogChange, ShopCatalogSource, Unsubscribe } from '../shop-platform.ts';
import type { ChangeFeed } from '../change-feed.ts';
import type { WooClient } from './woo-client.ts';
import { toProduct } from './woo-product.ts';
import type { WooProduct } from './woo-types.ts';

/** 500 pages of 100: a guard against paging forever, far above any shop this bot is for. */
const MAX_PRODUCT_PAGES = 500;

/**
 * The shop's published WooCommerce products. Prices carry no currency in WooCommerce: the store's currency
 * (data/currencies/current) is read once and given to every product.
 */
export class WooCatalog implements ShopCatalogSource {
  private currencyCode: Promise<string> | undefined;

  constructor(
    private readonly client: WooClient,
    private readonly feed: ChangeFeed<CatalogChange>,
    private readonly logger: Logger,
  ) {}

  /** The store currency (ISO 4217), asked once; a failed attempt is asked again next time. */
  currency(): Promise<string> {
    if (this.currencyCode) return this.currencyCode;
    const asked = this.client.get<{ code: string }>('store currency', 'data/currencies/current').then((c) => {
      if (!c?.code) throw new ShopmateError('SHOP_UNAVAILABLE', 'woocommerce: the store currency could not be read', { details: { platform: 'woocommerce' } });
      return c.code;
    });
    this.currencyCode = asked;
    asked.catch(() => {
      if (this.currencyCode === asked) this.currencyCode = undefined;
    });
    return asked;
  }

  /** Published products with a price; raw products are kept by the caller that diffs them (polling). */
  async listRaw(): Promise<WooProduct[]> {
    const { items, truncated } = await this.client.all<WooProduct>('products', 'products', { status: 'publish', orderby: 'id', order: 'asc' }, MAX_PRODUCT_PAGES);
    if (truncated) this.logger.warn('woocommerce: catalog larger than we page through; later products are missing', { products: items.length });
    return items;
  }

  async list(): Promise<Product[]> {
    const [currency, raw] = await Promise.all([this.currency(), this.listRaw()]);
    return this.toProducts(raw, currency);
  }

  async get(id: string): Promise<Product | undefined> {
    if (!/^\d{1,12}$/.test(id.trim())) return undefined;
    const [currency, raw] = await Promise.all([this.currency(), this.client.get<WooProduct>(`product ${id}`, `products/${id.trim()}`)]);
    // A variation's id answers too, but it is part of its parent product, not a product of the catalog.
    if (!raw || raw.type === 'variation') return undefined;
    return toProduct(raw, currency);
  }

  async search(text: string, limit = 10): Promise<Product[]> {
    const q = text.trim();
    if (!q) return [];
    const perPage = Math.min(Math.max(1, limit), 100);
    const [currency, page] = await Promise.all([this.currency(), this.client.page<WooProduct>('product search', 'products', { search: q, status: 'publish' }, 1, perPage)]);
    return this.toProducts(page.items, currency).slice(0, limit);
  }

  changes(listener: (change: CatalogChange) => void): Unsubscribe {
    return this.feed.subscribe(listener);
  }

  toProducts(raw: WooProduct[], currency: string): Product[] {
    const out: Product[] = [];
    for (const p of raw) {
      const product = toProduct(p, currency);
      if (product) out.push(product);
      else this.logger.debug('woocommerce product not for sale (unpublished or without a price)', { productId: p.id });
    }
    return out;
  }
}
