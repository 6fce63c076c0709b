import type { Product } from '../knowledge/types.ts';
import { normWords } from './catalog-text.ts';
import { titleHead } from './product-vocabulary.ts';

const seriesOf = (p: Product) => normWords(p.title)[0];

/**
 * Products that complete one the customer has or wants, from the catalog itself: those its description names
 * ("requires a standard E27 pendant cord set, sold separately"), then other kinds of the same series (the Lune
 * footstool for the Lune armchair, Alder chairs for the Alder table). Best first; never the product itself.
 */
export function complementsOf(p: Product, catalog: readonly Product[]): Product[] {
  const text = ` ${normWords(`${p.description} ${String(p.attributes.care ?? '')}`).join(' ')} `;
  const head = titleHead(p.title).head;
  const mentioned = catalog.filter((q) => {
    if (q.id === p.id) return false;
    const { head: h, modifier } = titleHead(q.title);
    return Boolean(h && h !== head && (modifier ? text.includes(` ${modifier} ${h} `) : text.includes(` ${h} `)));
  });
  const series = seriesOf(p);
  const family = catalog.filter((q) => q.id !== p.id && seriesOf(q) === series && titleHead(q.title).head !== head && catalog.filter((x) => seriesOf(x) === series).length >= 2);
  return [...new Set([...mentioned, ...family])];
}
