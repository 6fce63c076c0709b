import { isDeepStrictEqual } from 'node:util';
import type { Product } from '../knowledge/types.ts';
import type { CatalogChange } from './shop-platform.ts';

/** What changed between two full catalog listings (a re-read file, a poll of a shop without webhooks). */
export function diffCatalog(before: readonly Product[], after: readonly Product[]): CatalogChange[] {
  const old = new Map(before.map((p) => [p.id, p]));
  const changes: CatalogChange[] = [];
  for (const p of after) {
    if (!isDeepStrictEqual(old.get(p.id), p)) changes.push({ kind: 'upsert', product: p });
    old.delete(p.id);
  }
  for (const id of old.keys()) changes.push({ kind: 'delete', productId: id });
  return changes;
}
