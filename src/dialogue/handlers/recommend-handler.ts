import type { Reply } from '../../core/message.ts';
import type { Product } from '../../knowledge/types.ts';
import { rememberProducts } from '../conversation-state.ts';
import { entityValues, productCard, text, type DialogueInput } from '../dialogue-input.ts';

/** Recommendations from the hybrid recommender, seeded by what the customer named or viewed in this conversation. */
export async function recommend(input: DialogueInput): Promise<Reply[]> {
  const { deps, state, nlu } = input;
  const named = entityValues(nlu, 'product').filter((id) => deps.catalog.get(id));
  const seeds = [...new Set([...named, ...state.viewedProductIds.slice(-3)])];
  const recs = await deps.recommender.recommend({ userId: state.userId, seedProductIds: seeds, query: nlu.text }, 4);
  const products = recs.map((r) => deps.catalog.get(r.productId)).filter((p): p is Product => Boolean(p) && p!.stock > 0);
  if (products.length === 0) return [text('I could not find anything matching right now. Could you tell me a bit more about what you are looking for?')];
  rememberProducts(state, products.map((p) => p.id));
  return [{ kind: 'product_cards', text: 'Here are some picks you might like:', products: products.map((p) => productCard(p, deps.shopUrl)) }];
}
