import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Logger } from '../../core/logger.ts';
import { knowledgeInvalid } from '../../knowledge/knowledge-error.ts';
import { readYamlFile } from '../../knowledge/read-yaml-file.ts';
import { productSchema } from '../../knowledge/schemas.ts';
import type { Product } from '../../knowledge/types.ts';
import { validateList } from '../../knowledge/validate-entries.ts';
import { ChangeFeed } from '../change-feed.ts';
import { diffCatalog } from '../catalog-diff.ts';
import type { CatalogChange, ShopCatalogSource } from '../shop-platform.ts';

/**
 * The demo shop's catalog is its `catalog.yaml`. Editing the file while the bot runs is how the demo shop "changes a
 * product": `refresh()` (polled every SHOPMATE_SHOP_POLL_SECONDS, and on every list()) re-reads it when its
 * modification time moved and emits the differences. A file with a mistake is reported and the last good catalog kept.
 */
export class DemoCatalog implements ShopCatalogSource {
  private readonly feed: ChangeFeed<CatalogChange>;
  private readonly path: string;
  private mtimeMs = -1;

  constructor(
    knowledgeDir: string,
    private products: Product[],
    private readonly logger: Logger,
  ) {
    this.path = join(knowledgeDir, 'catalog.yaml');
    this.feed = new ChangeFeed('catalog change', logger);
  }

  /** Remembers the file's current version as the one `products` came from (start-up loaded it just now). */
  async markLoaded(): Promise<void> {
    this.mtimeMs = (await stat(this.path)).mtimeMs;
  }

  async refresh(): Promise<CatalogChange[]> {
    const mtimeMs = (await stat(this.path)).mtimeMs;
    if (mtimeMs === this.mtimeMs) return [];
    this.mtimeMs = mtimeMs;
    const label = `${basename(join(this.path, '..'))}/catalog.yaml`;
    try {
      const list = validateList(await readYamlFile(this.path, label), { file: label, listKey: 'products', schema: productSchema });
      if (list.problems.length > 0) throw knowledgeInvalid(list.problems);
      const changes = diffCatalog(this.products, list.items);
      this.products = list.items;
      for (const c of changes) this.feed.emit(c);
      if (changes.length > 0) this.logger.info('demo catalog re-read', { changes: changes.length });
      return changes;
    } catch (e) {
      const problems = (e as { details?: { problems?: string[] } }).details?.problems;
      this.logger.error('catalog.yaml has problems; keeping the last good catalog', { problems: problems ?? [(e as Error).message] });
      return [];
    }
  }

  async list(): Promise<Product[]> {
    await this.refresh();
    return structuredClone(this.products);
  }

  async get(id: string): Promise<Product | undefined> {
    const p = this.products.find((x) => x.id === id);
    return p && structuredClone(p);
  }

  async search(text: string, limit = 10): Promise<Product[]> {
    const words = text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w.length > 1);
    if (words.length === 0) return [];
    const score = (p: Product) => {
      const hay = `${p.title} ${p.tags.join(' ')} ${p.category}`.toLowerCase();
      return words.filter((w) => hay.includes(w)).length;
    };
    return this.products
      .map((p) => ({ p, s: score(p) }))
      .filter((x) => x.s > 0)
      .sort((a, b) => b.s - a.s || a.p.id.localeCompare(b.p.id))
      .slice(0, limit)
      .map((x) => structuredClone(x.p));
  }

  changes(listener: (change: CatalogChange) => void): () => void {
    return this.feed.subscribe(listener);
  }
}
