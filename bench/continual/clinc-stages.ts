import { join } from 'node:path';
import { OOS_LABEL, type LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import { readJsonl } from '../../src/nlu/intent/intent-data.ts';
import { seededRandom, shuffleInPlace } from '../../src/core/seeded-random.ts';
import { cleanText } from '../../src/nlu/text-hygiene.ts';

export interface ClincStages {
  /** Intent groups in arrival order: groups[0] is the initial intents/ data, then one group per stage. */
  groups: string[][];
  train: LabeledText[];
  /** Official test split, in-scope only (the benchmark measures forgetting, not out-of-scope detection). */
  test: LabeledText[];
  val: LabeledText[];
  /** oos_train, shipped with the initial data as out-of-scope negatives (like intents/out-of-scope.yaml). */
  oosTrain: LabeledText[];
}

/** Splits CLINC150's 150 intents into a fixed-seed random order of groups of `groupSize`. */
export function loadClincStages(root: string, options: { groupSize: number; seed: number }): ClincStages {
  const load = (split: string) => readJsonl(join(root, `${split}.jsonl`)).map((r) => ({ text: cleanText(r.text, 1000), label: r.label }));
  const train = load('train').filter((r) => r.label !== OOS_LABEL);
  const intents = [...new Set(train.map((r) => r.label))].sort();
  shuffleInPlace(intents, seededRandom(options.seed));
  const groups: string[][] = [];
  for (let i = 0; i < intents.length; i += options.groupSize) groups.push(intents.slice(i, i + options.groupSize));
  return {
    groups,
    train,
    test: load('test').filter((r) => r.label !== OOS_LABEL),
    val: load('val').filter((r) => r.label !== OOS_LABEL),
    oosTrain: load('oos_train').map((r) => ({ text: r.text, label: OOS_LABEL })),
  };
}

export const ofIntents = (rows: readonly LabeledText[], intents: readonly string[]): LabeledText[] => {
  const set = new Set(intents);
  return rows.filter((r) => set.has(r.label));
};
