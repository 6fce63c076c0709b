import { seededRandom, shuffleInPlace } from '../../core/seeded-random.ts';

/**
 * Splits example indices per class: round(fraction * n) of each class go to `heldOut`, but every class keeps at
 * least one training example, and a class with a single example is never held out. Seeded, so reproducible.
 */
export function stratifiedHoldout(labels: Int32Array, fraction: number, seed: number): { train: number[]; heldOut: number[] } {
  const byClass = new Map<number, number[]>();
  labels.forEach((l, i) => {
    const list = byClass.get(l) ?? [];
    list.push(i);
    byClass.set(l, list);
  });
  const random = seededRandom(seed ^ 0x5eed);
  const train: number[] = [];
  const heldOut: number[] = [];
  for (const c of [...byClass.keys()].sort((a, b) => a - b)) {
    const idx = byClass.get(c)!;
    shuffleInPlace(idx, random);
    const k = idx.length < 2 ? 0 : Math.min(idx.length - 1, Math.max(1, Math.round(fraction * idx.length)));
    heldOut.push(...idx.slice(0, k));
    train.push(...idx.slice(k));
  }
  return { train: train.sort((a, b) => a - b), heldOut: heldOut.sort((a, b) => a - b) };
}
