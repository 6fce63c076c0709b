import type { Reply } from '../../core/message.ts';
import type { Product } from '../../knowledge/types.ts';
import { rememberProducts } from '../conversation-state.ts';
import { entityValues, money, productCard, text, type DialogueInput } from '../dialogue-input.ts';

/** Products the customer means: named in this message (entities), else found by search, else the last one viewed. */
export async function resolveProducts(input: DialogueInput): Promise<Product[]> {
  const { nlu, deps, state } = input;
  const named = entityValues(nlu, 'product').map((id) => deps.catalog.get(id)).filter((p): p is Product => Boolean(p));
  if (named.length > 0) return named.slice(0, 3);
  const found = await deps.catalog.find(nlu.text, 3);
  if (found.length > 0) return found;
  const last = state.viewedProductIds.at(-1);
  const p = last ? deps.catalog.get(last) : undefined;
  return p ? [p] : [];
}

function stockLine(p: Product): string {
  if (p.stock <= 0) return 'currently out of stock';
  if (p.stock < 5) return `in stock, only ${p.stock} left`;
  return `in stock (${p.stock} available)`;
}

function attributeLine(p: Product): string {
  const attrs = Object.entries(p.attributes)
    .filter(([k]) => k !== 'returnable')
    .slice(0, 5)
    .map(([k, v]) => `${k.replace(/_/g, ' ')}: ${v}`);
  return attrs.length > 0 ? ` (${attrs.join('; ')})` : '';
}

export async function productInfo(input: DialogueInput, focus: 'info' | 'availability'): Promise<Reply[]> {
  const products = await resolveProducts(input);
  if (products.length === 0) {
    return [text('Which product do you mean? Tell me its name or product number (like P-1001) and I will look it up.')];
  }
  rememberProducts(input.state, products.map((p) => p.id));
  const [main] = products;
  const lines =
    focus === 'availability'
      ? `${main.title} is ${stockLine(main)}. Price: ${money(main.price, main.currency)}.`
      : `${main.title}: ${main.description} Price: ${money(main.price, main.currency)}, ${stockLine(main)}${attributeLine(main)}.`;
  const replies: Reply[] = [
    { kind: 'product_cards', text: lines, products: products.map((p) => productCard(p, input.deps.shopUrl)) },
  ];
  if (main.stock <= 0) {
    const alternatives = await input.deps.recommender.recommend({ userId: input.state.userId, seedProductIds: [main.id] }, 3);
    const alt = alternatives.map((r) => input.deps.catalog.get(r.productId)).filter((p): p is Product => Boolean(p));
    if (alt.length > 0) {
      replies.push({ kind: 'product_cards', text: 'These similar items are in stock:', products: alt.map((p) => productCard(p, input.deps.shopUrl)) });
    }
  }
  return replies;
}
