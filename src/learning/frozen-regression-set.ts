import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { LabeledText } from '../nlu/intent/intent-classifier.ts';
import { seededRandom, shuffleInPlace } from '../core/seeded-random.ts';
import type { ReviewedExample } from './review-examples.ts';

export interface FrozenRegressionSetOptions {
  /** Folder of the two JSONL files (e.g. <dataDir>/learning). */
  dir: string;
  seed?: number;
  /** Share of each intents/ intent held out, the first time that intent is seen (default 0.1)... */
  baseFraction?: number;
  /** ...but at least this many (default 5, never more than a quarter of the intent), so the gate can judge each intent. */
  baseMinPerIntent?: number;
  /** Share of reviewed examples that become golden examples, chosen by a seeded hash of the item id (default 0.1). */
  goldenFraction?: number;
}

/** One regression example and where it came from; the gate trusts the two sources differently (see gate.ts). */
export interface RegressionExample extends LabeledText {
  source: 'intents' | 'golden';
  /** Golden examples: the review item and when the operator decided it. */
  itemId?: string;
  decidedAt?: Date;
}

export interface RegressionSplit {
  /** Frozen held-out intents/ examples plus golden reviewed examples: what the gate evaluates on. */
  examples: RegressionExample[];
  /** Keys (label + text) of intents/ examples that must not be trained on. */
  heldOutBase: Set<string>;
  /** Review item ids whose examples must not be trained on. */
  goldenItemIds: Set<string>;
}

interface GoldenRow extends LabeledText {
  itemId: string;
  /** ISO time of the decision; rows written before it was stored take it from the reviewed item. */
  decidedAt?: string;
}

export const exampleKey = (e: LabeledText): string => `${e.label}\u0000${e.text}`;

function readJsonlRows<T>(path: string): T[] {
  if (!existsSync(path)) return [];
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as T);
}

const jsonl = (rows: readonly unknown[]) => rows.map((r) => JSON.stringify(r) + '\n').join('');

function hashUnit(seed: number, key: string): number {
  return createHash('sha1').update(`${seed}\u0000${key}`).digest().readUInt32LE(0) / 2 ** 32;
}

/**
 * The regression set the gate judges every candidate on. Its questions are frozen: an intents/ example that entered
 * it stays (so two runs compare models on the same questions) and is never trained on (so the gate measures
 * generalisation, not memory). Intents that appear later get their share appended when first seen. The golden set
 * grows with every run from a seeded share of the reviewed items and always carries the operator's current label;
 * a golden row whose review item is gone (e.g. the customer's data was erased) is deleted from the file.
 */
export class FrozenRegressionSet {
  private readonly seed: number;
  private readonly baseFraction: number;
  private readonly baseMinPerIntent: number;
  private readonly goldenFraction: number;
  private readonly basePath: string;
  private readonly goldenPath: string;

  constructor(private readonly options: FrozenRegressionSetOptions) {
    this.seed = options.seed ?? 42;
    this.baseFraction = options.baseFraction ?? 0.1;
    this.baseMinPerIntent = options.baseMinPerIntent ?? 5;
    this.goldenFraction = options.goldenFraction ?? 0.1;
    this.basePath = join(options.dir, 'regression-base.jsonl');
    this.goldenPath = join(options.dir, 'regression-golden.jsonl');
  }

  update(base: readonly LabeledText[], reviewed: readonly ReviewedExample[]): RegressionSplit {
    mkdirSync(this.options.dir, { recursive: true });
    const baseRows = this.updateBase(base);
    const goldenRows = this.updateGolden(reviewed);
    const byItem = new Map(reviewed.map((e) => [e.itemId, e]));
    return {
      examples: [
        ...baseRows.map(({ text, label }): RegressionExample => ({ text, label, source: 'intents' })),
        ...goldenRows.map(({ itemId, text, label }): RegressionExample => ({ text, label, source: 'golden', itemId, decidedAt: byItem.get(itemId)!.decidedAt })),
      ],
      heldOutBase: new Set(baseRows.map(exampleKey)),
      goldenItemIds: new Set(goldenRows.map((r) => r.itemId)),
    };
  }

  /** How many examples of an intent with `n` distinct examples are held out. */
  private heldOutCount(n: number): number {
    const floor = Math.min(this.baseMinPerIntent, Math.floor(n / 4));
    return Math.min(n - 1, Math.max(1, floor, Math.round(this.baseFraction * n)));
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
      added.push(...unique.slice(0, this.heldOutCount(unique.length)).map((text) => ({ text, label })));
    }
    if (added.length > 0) appendFileSync(this.basePath, jsonl(added));
    return [...rows, ...added];
  }

  /**
   * Keeps the golden file in step with the review decisions: new items join by hash, existing rows take the
   * operator's label as it is now, rows of items no longer reviewed leave (rewritten atomically only then).
   */
  private updateGolden(reviewed: readonly ReviewedExample[]): GoldenRow[] {
    const byItem = new Map(reviewed.map((e) => [e.itemId, e]));
    const stored = readJsonlRows<GoldenRow>(this.goldenPath);
    const kept = stored.filter((r) => byItem.has(r.itemId)).map((r) => this.rowOf(byItem.get(r.itemId)!));
    const changed = kept.length !== stored.length || kept.some((r, i) => r.label !== stored[i].label || r.text !== stored[i].text || r.decidedAt !== stored[i].decidedAt);
    const known = new Set(kept.map((r) => r.itemId));
    const added = reviewed.filter((e) => !known.has(e.itemId) && hashUnit(this.seed, e.itemId) < this.goldenFraction).map((e) => this.rowOf(e));
    if (changed) {
      const tmp = `${this.goldenPath}.tmp-${process.pid}`;
      writeFileSync(tmp, jsonl([...kept, ...added]));
      renameSync(tmp, this.goldenPath);
    } else if (added.length > 0) {
      appendFileSync(this.goldenPath, jsonl(added));
    }
    return [...kept, ...added];
  }

  private rowOf(e: ReviewedExample): GoldenRow {
    return { itemId: e.itemId, text: e.text, label: e.label, decidedAt: e.decidedAt.toISOString() };
  }
}
