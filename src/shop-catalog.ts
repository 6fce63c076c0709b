import type { ProductCatalog } from './dialogue/dialogue-deps.ts';
import type { KnowledgeBase } from './knowledge/knowledge-base.ts';
import type { Product } from './knowledge/types.ts';

const MIN_PRODUCT_MATCH = 0.3;

/**
 * The dialogue's view of the catalog: id lookups from a map, free-text lookups through the knowledge base's
 * product search.
 */
export class ShopCatalog implements ProductCatalog {
  private readonly byId: Map<string, Product>;

  constructor(
    private readonly kb: KnowledgeBase,
    products: Product[],
  ) {
    this.byId = new Map(products.map((p) => [p.id.toUpperCase(), p]));
  }

  list(): Product[] {
    return [...this.byId.values()];
  }

  get(id: string): Product | undefined {
    return this.byId.get(id.toUpperCase());
  }

  async find(text: string, k: number): Promise<Product[]> {
    // Below this fused score a "match" is a shared word ("how TALL is everest" -> a tall vase), not a product the
    // customer named; the dialogue then asks which product instead of guessing.
    const hits = await this.kb.search(text, { kinds: ['product'], k, minScore: MIN_PRODUCT_MATCH });
    return hits.map((h) => this.get(h.id)).filter((p): p is Product => Boolean(p));
  }
}
