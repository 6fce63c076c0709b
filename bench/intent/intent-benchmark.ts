/** The intent benchmark itself; bench/intent/run.ts parses the command line and checks the datasets first. */
import { join } from 'node:path';
import { loadConfig } from '../../src/config/config.ts';
import { createLogger } from '../../src/core/logger.ts';
import { createEncoder } from '../../src/nlu/create-encoder.ts';
import type { Encoder } from '../../src/nlu/encoder.ts';
import { evaluateIntents } from '../../src/nlu/intent/evaluate-intents.ts';
import { OOS_LABEL, type LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import { readJsonl } from '../../src/nlu/intent/intent-data.ts';
import { trainIntentClassifier } from '../../src/nlu/intent/train-intent-classifier.ts';
import type { TrainedIntentClassifier } from '../../src/nlu/intent/trained-intent-classifier.ts';
import { cleanText } from '../../src/nlu/text-hygiene.ts';
import { UseLiteEncoder } from '../../src/nlu/use-lite-encoder.ts';
import { nlpJsPredict, trainNlpJs } from './nlpjs-baseline.ts';
import { seedSpread, seedTable, type SeedData } from './seed-spread.ts';
import { chooseValThreshold } from './val-threshold.ts';

interface Row {
  dataset: string;
  system: string;
  accuracy: number;
  macroF1: number;
  oosRecall: number | null;
  forcedAccuracy: number | null;
  threshold: number | null;
  trainSeconds: number;
  medianMs: number | null;
  p99Ms: number | null;
  /** The classifier alone, embedding excluded (null for nlp.js, which has no separate step). */
  classifyP99Ms: number | null;
  peakRssMb: number;
}

export interface BenchOptions {
  dataRoot: string;
  json: boolean;
  only?: string;
  skipNlpJs: boolean;
  /** Extra seeds for the spread table (seed-spread.ts); empty: none. */
  seeds: number[];
}
let options: BenchOptions;
/** p99 of 300 timings is the 3rd-slowest one, which one GC pause decides; 1000 gives a steadier estimate. */
const LATENCY_SAMPLE = 1000;

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const clean = (rows: LabeledText[]) => rows.map((r) => ({ text: cleanText(r.text, 1000), label: r.label }));
const load = (ds: string, split: string) => clean(readJsonl(join(options.dataRoot, ds, `${split}.jsonl`)));
const asOos = (rows: LabeledText[]) => rows.map((r) => ({ text: r.text, label: OOS_LABEL }));

function percentile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
}

/** Evenly spaced sample, so the timed messages are the same in every run. */
function sample<T>(rows: T[], n: number): T[] {
  const step = rows.length / Math.min(n, rows.length);
  return Array.from({ length: Math.min(n, rows.length) }, (_, i) => rows[Math.floor(i * step)]);
}

async function latency(classify: (text: string) => Promise<unknown>, texts: string[]): Promise<{ medianMs: number; p99Ms: number }> {
  for (const t of texts.slice(0, 20)) await classify(t + ' ?'); // warm-up on variants that stay out of the timed set
  const times: number[] = [];
  for (const t of texts) {
    const started = performance.now();
    await classify(t);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { medianMs: percentile(times, 0.5), p99Ms: percentile(times, 0.99) };
}

/** p99 of classify alone on precomputed embeddings: what the classifier adds to the encoder's time. */
async function classifyOnlyP99(model: TrainedIntentClassifier, raw: Encoder, texts: string[]): Promise<number> {
  const vectors = await raw.embed(texts);
  const byText = new Map(texts.map((t, i) => [t, vectors[i]]));
  // Warm-up variants are not in the map; any vector does for them.
  const { p99Ms } = await latency(async (t) => model.classify(byText.get(t) ?? vectors[0], t), texts);
  return p99Ms;
}

async function oursRows(ds: string, model: TrainedIntentClassifier, encoder: Encoder, raw: Encoder, test: LabeledText[], oos: boolean, extra: Partial<Row>): Promise<Row> {
  const m = await evaluateIntents({ classifier: model, encoder, test });
  const timed = sample(test, LATENCY_SAMPLE).map((r) => r.text);
  const lat = await latency(async (t) => model.classify((await raw.embed([t]))[0], t), timed);
  const classifyP99Ms = await classifyOnlyP99(model, raw, timed);
  return {
    dataset: ds, system: 'shopmate', accuracy: m.accuracy, macroF1: m.macroF1, oosRecall: oos ? m.oosRecall : null,
    forcedAccuracy: oos ? m.forcedAccuracy : null, threshold: model.threshold, trainSeconds: model.trainSeconds, ...lat, classifyP99Ms, peakRssMb: peakRssMb(), ...extra,
  };
}

async function nlpJsRow(ds: string, train: LabeledText[], test: LabeledText[], oos: boolean): Promise<Row> {
  const { manager, seconds } = await trainNlpJs(train);
  const preds: Array<{ label: string; forced: string }> = [];
  for (const r of test) preds.push(await nlpJsPredict(manager, r.text));
  const inIdx = test.flatMap((r, i) => (r.label === OOS_LABEL ? [] : [i]));
  const oosIdx = test.flatMap((r, i) => (r.label === OOS_LABEL ? [i] : []));
  const labels = [...new Set(test.map((r) => r.label))];
  const f1s = labels.map((l) => {
    const tp = test.filter((r, i) => r.label === l && preds[i].label === l).length;
    const p = tp / Math.max(1, preds.filter((x) => x.label === l).length);
    const rc = tp / Math.max(1, test.filter((r) => r.label === l).length);
    return p + rc === 0 ? 0 : (2 * p * rc) / (p + rc);
  });
  const lat = await latency((t) => nlpJsPredict(manager, t), sample(test, LATENCY_SAMPLE).map((r) => r.text));
  return {
    dataset: ds, system: 'nlp.js', accuracy: inIdx.filter((i) => preds[i].label === test[i].label).length / inIdx.length,
    macroF1: f1s.reduce((a, b) => a + b, 0) / f1s.length,
    oosRecall: oos ? oosIdx.filter((i) => preds[i].label === OOS_LABEL).length / oosIdx.length : null,
    forcedAccuracy: oos ? inIdx.filter((i) => preds[i].forced === test[i].label).length / inIdx.length : null,
    threshold: null, trainSeconds: seconds, ...lat, classifyP99Ms: null, peakRssMb: peakRssMb(),
  };
}

async function banking(encoder: Encoder, raw: Encoder, say: (m: string) => void): Promise<Row[]> {
  const train = load('banking77', 'train');
  const test = load('banking77', 'test');
  say(`banking77: training on ${train.length}`);
  const model = await trainIntentClassifier({ examples: train, encoder, seed: 42 });
  // BANKING77 has no out-of-scope test lines: accuracy is forced choice (no threshold applied).
  const rows = [await oursRows('banking77', model.withThreshold(0), encoder, raw, test, false, { threshold: null })];
  if (!options.skipNlpJs) rows.push(await nlpJsRow('banking77', train, test, false));
  return rows;
}

async function clinc(encoder: Encoder, raw: Encoder, say: (m: string) => void): Promise<Row[]> {
  const train = [...load('clinc150', 'train'), ...asOos(load('clinc150', 'oos_train'))];
  const val = [...load('clinc150', 'val'), ...asOos(load('clinc150', 'oos_val'))];
  const test = [...load('clinc150', 'test'), ...asOos(load('clinc150', 'oos_test'))];
  say(`clinc150: training on ${train.length} (incl. oos_train negatives)`);
  const model = await trainIntentClassifier({ examples: train, encoder, seed: 42 });
  const valVectors = await encoder.embed(val.map((r) => r.text));
  const scored = val.map((r, i) => ({ r, res: model.classify(valVectors[i], r.text) }));
  const t = chooseValThreshold(
    scored.filter((s) => s.r.label !== OOS_LABEL).map((s) => ({ score: s.res.inScopeScore, correct: s.res.ranking[0].intent === s.r.label })),
    scored.filter((s) => s.r.label === OOS_LABEL).map((s) => s.res.inScopeScore),
  );
  const rows = [
    await oursRows('clinc150', model.withThreshold(t), encoder, raw, test, true, { system: 'shopmate (val threshold)' }),
    await oursRows('clinc150', model, encoder, raw, test, true, { system: 'shopmate (train-calibrated threshold)' }),
  ];
  if (!options.skipNlpJs) rows.push(await nlpJsRow('clinc150', train, test, true));
  return rows;
}

const pct = (x: number | null) => (x === null ? '-' : (100 * x).toFixed(1));
const num = (x: number | null, d = 1) => (x === null ? '-' : x.toFixed(d));

function seedData(): SeedData {
  return {
    bankingTrain: load('banking77', 'train'),
    bankingTest: load('banking77', 'test'),
    clincTrain: [...load('clinc150', 'train'), ...asOos(load('clinc150', 'oos_train'))],
    clincVal: [...load('clinc150', 'val'), ...asOos(load('clinc150', 'oos_val'))],
    clincTest: [...load('clinc150', 'test'), ...asOos(load('clinc150', 'oos_test'))],
  };
}

function table(rows: Row[]): string {
  const head = ['dataset', 'system', 'acc %', 'macro-F1 %', 'OOS recall %', 'forced acc %', 'threshold', 'train s', 'median ms', 'p99 ms', 'classify p99 ms', 'peak RSS MB'];
  const body = rows.map((r) => [r.dataset, r.system, pct(r.accuracy), pct(r.macroF1), pct(r.oosRecall), pct(r.forcedAccuracy), num(r.threshold, 3), num(r.trainSeconds), num(r.medianMs, 2), num(r.p99Ms, 2), num(r.classifyP99Ms, 2), String(r.peakRssMb)]);
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
  const line = (cells: string[]) => '| ' + cells.map((c, i) => c.padEnd(widths[i])).join(' | ') + ' |';
  return [line(head), line(widths.map((w) => '-'.repeat(w))), ...body.map(line)].join('\n');
}

export async function runIntentBenchmark(o: BenchOptions): Promise<void> {
  options = o;
  const { json, only } = o;
  const say = (m: string) => (json ? process.stderr.write(m + '\n') : console.log(m));
  const config = loadConfig({ env: { ...process.env, SHOPMATE_LOG_LEVEL: 'warn' } });
  const logger = createLogger({ level: 'warn' });
  const encoder = await createEncoder({ config, logger });
  const raw = await UseLiteEncoder.load({ batchSize: config.nlu.batchSize });
  const rows: Row[] = [];
  if (only === undefined || only === 'banking77') rows.push(...(await banking(encoder, raw, say)));
  if (only === undefined || only === 'clinc150') rows.push(...(await clinc(encoder, raw, say)));
  const spread = o.seeds.length === 0 ? [] : await seedSpread(o.seeds, seedData(), encoder, say);
  const { cpus, loadavg } = await import('node:os');
  if (json) console.log(JSON.stringify({ rows, seeds: spread, cpus: cpus().length, loadAvg: loadavg() }));
  else {
    console.log(`${table(rows)}\n(${cpus().length} CPUs, load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
    if (spread.length > 0) console.log(`\nSame protocol over several training seeds:\n${seedTable(spread)}`);
  }
}
