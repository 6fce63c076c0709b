import { existsSync, readFileSync } from 'node:fs';

export interface GroceryBasket {
  basketId: number;
  items: string[];
}

/** A held-out basket: the customer already has `seed` in the cart; the item to predict is `heldOut`. */
export interface EvalCase {
  basketId: number;
  seed: string[];
  heldOut: string;
}

/** Small deterministic PRNG (mulberry32), so the split and the held-out items are the same on every run. */
export function seededRandom(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = Math.imul(s ^ (s >>> 15), s | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadBaskets(path: string): GroceryBasket[] | undefined {
  if (!existsSync(path)) return undefined;
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const row = JSON.parse(line) as { basket_id: number; items: string[] };
      return { basketId: row.basket_id, items: [...new Set(row.items)] };
    });
}

/**
 * Fixed-seed split of whole baskets: statistics are fitted on `train` only; each `test` basket with >= 2 distinct
 * items yields one case (one random item held out, the rest is the seed). No test basket is ever fitted.
 */
export function splitBaskets(baskets: GroceryBasket[], seed: number, testShare = 0.2): { train: GroceryBasket[]; cases: EvalCase[] } {
  const rand = seededRandom(seed);
  const train: GroceryBasket[] = [];
  const cases: EvalCase[] = [];
  for (const b of baskets) {
    if (rand() >= testShare) {
      train.push(b);
      continue;
    }
    if (b.items.length < 2) continue;
    const heldOut = b.items[Math.floor(rand() * b.items.length)];
    cases.push({ basketId: b.basketId, seed: b.items.filter((i) => i !== heldOut), heldOut });
  }
  return { train, cases };
}
