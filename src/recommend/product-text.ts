import type { Product } from '../knowledge/types.ts';
import { cleanText } from '../nlu/text-hygiene.ts';

/** What a product "means" for content similarity: title first (the strongest signal), then category, tags, description. */
export function productText(p: Pick<Product, 'title' | 'category' | 'tags' | 'description'>, maxChars = 1000): string {
  const parts = [p.title, p.category.replace(/[-_]+/g, ' '), p.tags.join(', '), p.description];
  return cleanText(parts.filter((s) => s.trim() !== '').join('. '), maxChars);
}
