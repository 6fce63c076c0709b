import { complementsOf } from './catalog/complements.ts';
import { ProductIndex, type ProductMatch } from './catalog/product-index.ts';
import type { ProductQuery } from './catalog/product-query.ts';
import type { SearchResult } from './catalog/product-search.ts';
import type { ProductCatalog } from './dialogue/dialogue-deps.ts';
import type { Product } from './knowledge/types.ts';

/** "Lune Armchair, Oat Bouclé" -> "lune-armchair-oat-boucle", for product URL patterns with {slug}. */
export function productSlug(title: string): string {
  return title.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** The product's own `url`, else the pattern with {id} and {slug} filled in. */
export function productUrlFromPattern(pattern: string, p: Product): string {
  return p.url ?? pattern.replaceAll('{id}', encodeURIComponent(p.id)).replaceAll('{slug}', productSlug(p.title));
}

/**
 * The dialogue's view of the catalog: lookups by id, name and wish through one ProductIndex, and the link of each
 * product (the catalog's own `url`, else the configured pattern, which defaults to the demo server's product page).
 */
export class ShopCatalog implements ProductCatalog {
  private index: ProductIndex;
  private readonly link: (p: Product) => string;

  /** `url`: the platform's product link, or a pattern with {id} / {slug}. */
  constructor(products: Product[], url: string | ((p: Product) => string)) {
    this.index = new ProductIndex(products);
    this.link = typeof url === 'function' ? url : (p) => productUrlFromPattern(url, p);
  }

  /** The shop's catalog changed (live catalog): lookups, names and mentions answer from the new list at once. */
  replace(products: Product[]): void {
    this.index = new ProductIndex(products);
  }

  list(): Product[] {
    return this.index.list();
  }

  get(id: string): Product | undefined {
    return this.index.get(id);
  }

  resolve(text: string): ProductMatch[] {
    return this.index.resolve(text);
  }

  parseQuery(text: string): ProductQuery {
    return this.index.parseQuery(text);
  }

  search(query: ProductQuery): SearchResult {
    return this.index.search(query);
  }

  seriesNames(): string[] {
    return this.index.seriesNames();
  }

  /** Product and category mentions as NLU entities. */
  mentions(text: string) {
    return this.index.mentions(text);
  }

  complements(p: Product): Product[] {
    return complementsOf(p, this.index.list());
  }

  url(p: Product): string {
    return this.link(p);
  }
}
