import type { Product } from '../../knowledge/types.ts';
import type { DialogueInput } from '../dialogue-input.ts';
import { plural } from '../handlers/product-search-answer.ts';
import { normWords } from '../../catalog/catalog-text.ts';
import { titleHead } from '../../catalog/product-vocabulary.ts';

/**
 * "the mug, it has a chip" about an order without a mug: the kind named that none of the order's items is, so the
 * bot can say what the order does hold instead of asking the same question again. Undefined when no kind is named.
 */
export function missingKind(input: DialogueInput, text: string, items: Product[]): string | undefined {
  const { catalog } = input.deps;
  const elsewhere = catalog.resolve(text).map((m) => m.product).filter((p) => !items.includes(p));
  const kind = catalog.parseQuery(text).head ?? (elsewhere[0] ? titleHead(elsewhere[0].title).head : undefined);
  return kind !== undefined && !items.some((p) => titleHead(p.title).head === kind) ? kind : undefined;
}

/** "Order SM-100604 doesn't include any mugs; it has A, B, C." */
export function notInOrder(orderId: string, kind: string, items: Product[]): string {
  return `Order ${orderId} doesn't include any ${plural(kind)}; it has ${items.map((p) => p.title).join(', ')}.`;
}

/** Order items whose kind the customer named ("the duvet cover", "towels", "no cord set in the box"). */
export function itemsNamedIn(message: string, items: Product[]): Product[] {
  const said = ` ${normWords(message).join(' ')} `;
  const byKind = items.filter((p) => {
    const { head, modifier } = titleHead(p.title);
    return head !== undefined && (said.includes(` ${head} `) || (modifier !== undefined && said.includes(` ${modifier} `) && !/^(set|pack)$/.test(modifier)));
  });
  if (byKind.length < items.length || items.length === 1) return byKind;
  // Two of a kind ("bud vases" among two vases): the one sharing the most words with the message.
  const overlap = (p: Product) => normWords(p.title).filter((w) => said.includes(` ${w} `)).length;
  const best = Math.max(...items.map(overlap));
  const top = items.filter((p) => overlap(p) === best);
  return top.length === 1 ? top : [];
}
