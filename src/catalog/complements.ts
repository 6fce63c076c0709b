import type { Product } from '../knowledge/types.ts';
import { normWords } from './catalog-text.ts';
import { titleHead } from './product-vocabulary.ts';

const seriesOf = (p: Product) => normWords(p.title)[0];
const MATERIALS = new Set(['steel', 'stainless', 'oak', 'walnut', 'acacia', 'cotton', 'linen', 'glass', 'wood', 'wooden', 'ceramic', 'stoneware', 'porcelain', 'velvet', 'wool', 'brass', 'bamboo', 'rattan', 'iron', 'carbon', 'enamel', 'silicone', 'leather', 'marble', 'copper']);
/** Kinds too broad to say a description is about them ("a table", "a set"). */
const GENERIC_KINDS = new Set(['table', 'cover', 'machine', 'chair', 'light', 'lamp', 'holder', 'bench', 'basket', 'box', 'jar', 'board']);
/** Rooms of the home whose products are used together (a wok with kitchen tools, not with kids' toys). */
const AREAS: Record<string, string> = { cookware: 'kitchen', kitchen: 'kitchen', tableware: 'kitchen', 'small-appliances': 'kitchen', bedding: 'bedroom', bath: 'bath', furniture: 'living', decor: 'living', lighting: 'living', storage: 'living', garden: 'garden', kids: 'kids' };
const sameArea = (a: Product, b: Product) => (AREAS[a.category] ?? a.category) === (AREAS[b.category] ?? b.category);

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
  const familyOf = (x: Product) => x.title.split(',')[0].trim();
  // The same range: other kinds, or other pieces of the same kind (the paring knife for the chef's knife), never
  // the same product in another colour.
  const family = catalog.filter((q) => q.id !== p.id && seriesOf(q) === series && familyOf(q) !== familyOf(p) && catalog.filter((x) => seriesOf(x) === series).length >= 2);
  // Products made for this one: their description names it ("holds up to six knives", "fine espresso").
  // The kind ("knife") and what kind of it ("espresso" machine), not its material ("steel" wok).
  const { modifier } = titleHead(p.title);
  const kindWords = [head, head && head.replace(/fe?$/, 'ves'), modifier && !MATERIALS.has(modifier) ? modifier : undefined].filter(Boolean).join(' ');
  const words = [...new Set(normWords(kindWords))].filter((w) => w.length > 3 && !GENERIC_KINDS.has(w));
  const madeFor = catalog.filter((q) => {
    if (q.id === p.id || familyOf(q) === familyOf(p) || titleHead(q.title).head === head || !sameArea(p, q)) return false;
    const d = ` ${normWords(q.description).join(' ')} `;
    return words.some((w) => d.includes(` ${w} `));
  });
  return [...new Set([...mentioned, ...family, ...madeFor])];
}
