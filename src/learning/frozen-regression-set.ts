import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabeledText } from '../nlu/intent/intent-classifier.ts';
import { seededRandom, shuffleInPlace } from '../nlu/intent/seeded-random.ts';
import type { ReviewedExample } from './review-examples.ts';

export interface FrozenRegressionSetOptions {
  /** Folder of the two JSONL files (e.g. <dataDir>/learning). */
  dir: string;
  seed?: number;
  /** Share of each intents/ intent held out, the first time that intent is seen. */
  baseFraction?: number;
  /** Share of reviewed examples that become golden examples (chosen by a seeded hash of the item id). */
  goldenFraction?: number;
}

export interface RegressionSplit {
  /** Frozen held-out intents/ examples plus golden reviewed examples: what the gate evaluates on. */
  examples: LabeledText[];
  /** Keys (label + text) of intents/ examples that must not be trained on. */
  heldOutBase: Set<string>;
  /** Review item ids whose examples must not be trained on. */
  goldenItemIds: Set<string>;
}

export const exampleKey = (e: LabeledText): string => `${e.label}\u0000${e.text}`;

function readJsonlRows<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

function hashUnit(seed: number, key: string): number {
  return createHash('sha1').update(`${seed}\u0000${key}`).digest().readUInt32LE(0) / 2 ** 32;
}

/**
 * The regression set the gate judges every candidate on. It is written once and only ever appended to: an example
 * that entered it stays (so two runs compare models on the same questions) and is never trained on (so the gate
 * measures generalisation, not memory). Intents that appear later (new files in intents/, reviewed new intents)
 * get their share appended when first seen.
 */
export class FrozenRegressionSet {
  private readonly seed: number;
  private readonly baseFraction: number;
  private readonly goldenFraction: number;
  private readonly basePath: string;
  private readonly goldenPath: string;

  constructor(private readonly options: FrozenRegressionSetOptions) {
    this.seed = options.seed ?? 42;
    this.baseFraction = options.baseFraction ?? 0.15;
    this.goldenFraction = options.goldenFraction ?? 0.2;
    this.basePath = join(options.dir, 'regression-base.jsonl');
    this.goldenPath = join(options.dir, 'regression-golden.jsonl');
  }

  update(base: readonly LabeledText[], reviewed: readonly ReviewedExample[]): RegressionSplit {
    mkdirSync(this.options.dir, { recursive: true });
    const baseRows = this.updateBase(base);
    const goldenRows = this.updateGolden(reviewed);
    return {
      examples: [...baseRows, ...goldenRows.map(({ text, label }) => ({ text, label }))],
      heldOutBase: new Set(baseRows.map(exampleKey)),
      goldenItemIds: new Set(goldenRows.map((r) => r.itemId)),
    };
  }

  private updateBase(base: readonly LabeledText[]): LabeledText[] {
    const rows = readJsonlRows<LabeledText>(this.basePath);
    const frozenLabels = new Set(rows.map((r) => r.label));
    const byLabel = new Map<string, string[]>();
    for (const e of base) if (!frozenLabels.has(e.label)) byLabel.set(e.label, [...(byLabel.get(e.label) ?? []), e.text]);
    const added: LabeledText[] = [];
    for (const [label, texts] of [...byLabel].sort(([a], [b]) => a.localeCompare(b))) {
      const unique = [...new Set(texts)].sort();
      if (unique.length < 2) continue; // an intent with one example cannot spare it; it is split once it has more
      // Seeded per label, so the split of one intent does not depend on which other intents exist.
      shuffleInPlace(unique, seededRandom(this.seed ^ Math.floor(hashUnit(this.seed, label) * 2 ** 31)));
      const k = Math.min(unique.length - 1, Math.max(1, Math.round(this.baseFraction * unique.length)));
      added.push(...unique.slice(0, k).map((text) => ({ text, label })));
    }
    if (added.length > 0) appendFileSync(this.basePath, added.map((r) => JSON.stringify(r) + '\n').join(''));
    return [...rows, ...added];
  }

  private updateGolden(reviewed: readonly ReviewedExample[]): Array<LabeledText & { itemId: string }> {
    const rows = readJsonlRows<LabeledText & { itemId: string }>(this.goldenPath);
    const known = new Set(rows.map((r) => r.itemId));
    const added = reviewed
      .filter((e) => !known.has(e.itemId) && hashUnit(this.seed, e.itemId) < this.goldenFraction)
      .map((e) => ({ itemId: e.itemId, text: e.text, label: e.label }));
    if (added.length > 0) appendFileSync(this.goldenPath, added.map((r) => JSON.stringify(r) + '\n').join(''));
    return [...rows, ...added];
  }
}
