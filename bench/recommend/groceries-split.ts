import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { seededRandom } from '../../src/core/seeded-random.ts';

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

// The split and the held-out items use src/core's fixed-seed generator (mulberry32): the same on every run.
export { seededRandom };

const DEFAULT_BASKETS = fileURLToPath(new URL('../../../shared/data/groceries_baskets/baskets.jsonl', import.meta.url));

export interface BenchSetup {
  json: boolean;
  seed: number;
  baskets: GroceryBasket[];
}

/**
 * The command line both recommend benchmarks share (--json, --seed, --data) and their baskets; undefined, after
 * saying why, when the public dataset is absent (it is not part of a clone).
 */
export function benchSetup(bench: string, label: string): BenchSetup | undefined {
  const option = (name: string) => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? process.argv[i + 1] : undefined;
  };
  const json = process.argv.includes('--json');
  const dataPath = option('--data') ?? DEFAULT_BASKETS;
  const baskets = loadBaskets(dataPath);
  if (!baskets) {
    const reason = `${dataPath} not found (the public datasets live in ../shared/data, outside a clone)`;
    console.log(json ? JSON.stringify({ bench, skipped: reason }) : `${label} skipped: ${reason}`);
    return undefined;
  }
  return { json, seed: Number(option('--seed') ?? 42), baskets };
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
