/**
 * Accuracy over several training seeds (bench/intent/run.ts --seeds 42,1,2,3,4): one seed's figure moves by about
 * +-0.3 points with the seed alone (shuffling order, the held-out split), which is the size of the gaps the targets
 * are judged on, so the spread is reported beside the fixed-seed table. No latency here; the main table has it.
 */
import type { Encoder } from '../../src/nlu/encoder.ts';
import { evaluateIntents } from '../../src/nlu/intent/evaluate-intents.ts';
import { OOS_LABEL, type LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import { trainIntentClassifier } from '../../src/nlu/intent/train-intent-classifier.ts';
import { chooseValThreshold } from './val-threshold.ts';

export interface SeedRow {
  seed: number;
  banking77: number;
  clincForced: number;
  clincInScope: number;
  clincOosRecall: number;
}

export interface SeedData {
  bankingTrain: LabeledText[];
  bankingTest: LabeledText[];
  clincTrain: LabeledText[];
  clincVal: LabeledText[];
  clincTest: LabeledText[];
}

export async function seedSpread(seeds: number[], data: SeedData, encoder: Encoder, say: (m: string) => void): Promise<SeedRow[]> {
  const rows: SeedRow[] = [];
  const valVectors = await encoder.embed(data.clincVal.map((r) => r.text));
  for (const seed of seeds) {
    say(`seed ${seed}: banking77 and clinc150`);
    const bank = await trainIntentClassifier({ examples: data.bankingTrain, encoder, seed });
    const b = await evaluateIntents({ classifier: bank.withThreshold(0), encoder, test: data.bankingTest });
    const clinc = await trainIntentClassifier({ examples: data.clincTrain, encoder, seed });
    const scored = data.clincVal.map((r, i) => ({ r, res: clinc.classify(valVectors[i], r.text) }));
    const t = chooseValThreshold(
      scored.filter((s) => s.r.label !== OOS_LABEL).map((s) => ({ score: s.res.inScopeScore, correct: s.res.ranking[0].intent === s.r.label })),
      scored.filter((s) => s.r.label === OOS_LABEL).map((s) => s.res.inScopeScore),
    );
    const c = await evaluateIntents({ classifier: clinc.withThreshold(t), encoder, test: data.clincTest });
    rows.push({ seed, banking77: b.accuracy, clincForced: c.forcedAccuracy, clincInScope: c.accuracy, clincOosRecall: c.oosRecall ?? 0 });
  }
  return rows;
}

const KEYS = ['banking77', 'clincForced', 'clincInScope', 'clincOosRecall'] as const;

export function seedTable(rows: SeedRow[]): string {
  const pct = (x: number) => (100 * x).toFixed(1);
  const stats = KEYS.map((k) => {
    const xs = rows.map((r) => r[k]);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, x) => a + (x - mean) ** 2, 0) / Math.max(1, xs.length - 1));
    return `${pct(mean)} +- ${pct(sd)}`;
  });
  const lines = [
    '| seed | BANKING77 acc % | CLINC150 forced % | CLINC150 in-scope % (val threshold) | CLINC150 OOS recall % |',
    '| ---- | --------------- | ----------------- | ----------------------------------- | --------------------- |',
    ...rows.map((r) => `| ${r.seed} | ${KEYS.map((k) => pct(r[k])).join(' | ')} |`),
    `| mean +- sd | ${stats.join(' | ')} |`,
  ];
  return lines.join('\n');
}
