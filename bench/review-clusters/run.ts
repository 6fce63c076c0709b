/**
 * Review-queue clustering benchmark on real customer messages (../shared/data):
 *   node bin/run-ts.mjs bench/review-clusters/run.ts [--json] [--size 400] [--seeds 1,2,3]
 * A queue is simulated by a seeded sample of `size` messages from our shop evaluation fixture (label = intent),
 * StackFAQ's paraphrased queries (label = the FAQ they ask) and BANKING77's test split (label = intent). Each method clusters the queue; reported per method:
 * pairwise precision (two messages put together ask the same thing), pairwise recall (two messages asking the same
 * thing are put together) and decisions (clusters per 100 items: what the operator has to decide). Methods: the
 * lexical key (no encoder) and lexical key + USE-lite complete-link cosine at several thresholds (the serving encoder; embeddings cached).
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { permutation, seededRandom } from '../../src/core/seeded-random.ts';
import { clusterMessages, type Embed } from '../../src/feedback/cluster-messages.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';

const json = process.argv.includes('--json');
const option = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const root = resolve(process.cwd(), option('--data') ?? '../shared/data');
const SIZE = Number(option('--size') ?? 400);
const SEEDS = (option('--seeds') ?? '1,2,3').split(',').map(Number);
const THRESHOLDS = [0.75, 0.8, 0.85, 0.9];

interface Labeled {
  text: string;
  label: string;
}

const readJsonl = (path: string): Labeled[] => readFileSync(path, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Labeled);

function score(labels: string[], clusters: string[][]): { precision: number; recall: number; decisions: number } {
  let together = 0, togetherSame = 0;
  for (const c of clusters) {
    for (let i = 0; i < c.length; i++) {
      for (let j = i + 1; j < c.length; j++) {
        together++;
        if (c[i] === c[j]) togetherSame++;
      }
    }
  }
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(l, (counts.get(l) ?? 0) + 1);
  const samePairs = [...counts.values()].reduce((s, n) => s + (n * (n - 1)) / 2, 0);
  return { precision: together ? togetherSame / together : 1, recall: samePairs ? togetherSame / samePairs : 1, decisions: (100 * clusters.length) / labels.length };
}

async function main(): Promise<void> {
  const sets: Record<string, string> = {
    shop: resolve(import.meta.dirname, '..', '..', 'test', 'fixtures', 'shop-intents-eval.jsonl'),
    stackfaq: join(root, 'stackfaq', 'queries.jsonl'),
    banking77: join(root, 'banking77', 'test.jsonl'),
  };
  if (!Object.values(sets).every(existsSync)) {
    console.log(`review-clusters benchmark skipped: ${root} has no stackfaq/banking77 (the shared datasets are not part of a clone)`);
    return;
  }
  const config = loadConfig({ env: { ...process.env, SHOPMATE_LOG_LEVEL: 'warn' } });
  const encoder = await createEncoder({ config, logger: createLogger({ level: 'warn' }) });
  const embed: Embed = (texts) => encoder.embed(texts);
  const rows: Array<{ dataset: string; method: string; precision: number; recall: number; decisions: number }> = [];
  for (const [dataset, path] of Object.entries(sets)) {
    const all = readJsonl(path);
    const totals = new Map<string, { precision: number; recall: number; decisions: number }>();
    for (const seed of SEEDS) {
      const sample = permutation(all.length, seededRandom(seed)).slice(0, SIZE).map((i) => all[i]!);
      const items = sample.map((s, i) => ({ id: String(i), text: s.text }));
      const methods: Array<[string, Promise<Array<{ ids: string[] }>>]> = [
        ['lexical key', clusterMessages(items)],
        ...THRESHOLDS.map((t) => [`cosine ${t}`, clusterMessages(items, { embed, threshold: t })] as [string, Promise<Array<{ ids: string[] }>>]),
      ];
      for (const [method, run] of methods) {
        const clusters = (await run).map((c) => c.ids.map((id) => sample[Number(id)]!.label));
        const s = score(sample.map((x) => x.label), clusters);
        const t = totals.get(method) ?? { precision: 0, recall: 0, decisions: 0 };
        totals.set(method, { precision: t.precision + s.precision / SEEDS.length, recall: t.recall + s.recall / SEEDS.length, decisions: t.decisions + s.decisions / SEEDS.length });
      }
    }
    for (const [method, t] of totals) rows.push({ dataset, method, ...t });
  }
  if (json) return void console.log(JSON.stringify({ size: SIZE, seeds: SEEDS, rows }, null, 2));
  console.log(`Review-queue clustering: ${SIZE} messages per queue, mean over seeds ${SEEDS.join(',')}`);
  console.log('dataset    method        pair precision  pair recall  decisions/100 items');
  for (const r of rows) {
    console.log(`${r.dataset.padEnd(10)} ${r.method.padEnd(13)} ${(100 * r.precision).toFixed(1).padStart(14)} ${(100 * r.recall).toFixed(1).padStart(12)} ${r.decisions.toFixed(1).padStart(20)}`);
  }
}

await main();
