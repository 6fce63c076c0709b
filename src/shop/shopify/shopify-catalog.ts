import type { Logger } from '../../core/logger.ts';
import type { Product } from '../../knowledge/types.ts';
import type { CatalogChange, ShopCatalogSource, Unsubscribe } from '../shop-platform.ts';
import { ChangeFeed } from '../change-feed.ts';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.ts';
import { gid } from './shopify-ids.ts';
import { mapProductNode, type ProductNode } from './shopify-product-mapper.ts';
import { PRODUCTS_PER_PAGE, PRODUCTS_QUERY, PRODUCT_QUERY, PRODUCT_SEARCH_QUERY } from './shopify-queries.ts';

/** Search terms as Shopify's search syntax reads them safely: words only, at most eight, any may match. */
export function searchTerms(text: string): string[] {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => w.length >= 2))].slice(0, 8);
}

/**
 * The shop's active products (drafts and archived ones are not for sale, so they are not in the catalog; a product
 * that leaves the active state is a delete in the change feed).
 */
export class ShopifyCatalog implements ShopCatalogSource {
  readonly feed: ChangeFeed<CatalogChange>;

  constructor(
    private readonly deps: { client: ShopifyGraphqlClient; storeUrl: string; logger: Logger; maxPages: number },
  ) {
    this.feed = new ChangeFeed('shopify catalog', deps.logger);
  }

  async list(): Promise<Product[]> {
    const nodes = await this.deps.client.paginate<ProductNode>('list products', PRODUCTS_QUERY, { first: PRODUCTS_PER_PAGE, query: 'status:active' },
      (d) => d.products, this.deps.maxPages);
    return nodes.map((n) => mapProductNode(n, this.deps.storeUrl));
  }

  async get(id: string): Promise<Product | undefined> {
    if (!/^\d+$/.test(id)) return undefined;
    const data = await this.deps.client.request<{ product: ProductNode | null }>('get product', PRODUCT_QUERY, { id: gid('Product', id) });
    return data.product && data.product.status === 'ACTIVE' ? mapProductNode(data.product, this.deps.storeUrl) : undefined;
  }

  async search(text: string, limit = 10): Promise<Product[]> {
    const terms = searchTerms(text);
    if (terms.length === 0) return [];
    const query = `status:active AND (${terms.join(' OR ')})`;
    const data = await this.deps.client.request<{ products: { nodes: ProductNode[] } }>('search products', PRODUCT_SEARCH_QUERY, {
      first: Math.min(Math.max(1, limit), 25),
      query,
    });
    return data.products.nodes.map((n) => mapProductNode(n, this.deps.storeUrl));
  }

  changes(listener: (change: CatalogChange) => void): Unsubscribe {
    return this.feed.subscribe(listener);
  }
}
