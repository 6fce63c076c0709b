/**
 * Intent benchmark: our classifier vs nlp.js on BANKING77 and CLINC150 (../shared/data).
 *   node bin/run-ts.mjs bench/intent/run.ts [--json] [--only banking77|clinc150] [--skip-nlpjs] [--data <dir>] [--seeds 1,2,3]
 * --seeds adds a table of accuracy over those training seeds (the main table always uses seed 42).
 * --data points at another copy of the datasets (default ../shared/data); without them it says so and exits 0.
 * Embeddings come from the persistent cache (data/cache), so only the first run pays for the encoder; the latency
 * loop uses a second, uncached encoder on the raw test texts, so it times the real model.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const dataRoot = resolve(process.cwd(), option('--data') ?? '../shared/data');

const seeds = (option('--seeds') ?? '').split(',').filter((x) => x !== '').map(Number);
if (!seeds.every(Number.isInteger)) {
  console.error(`--seeds takes integers separated by commas, got ${option('--seeds')}`);
  process.exit(2);
}
if (!existsSync(join(dataRoot, 'banking77')) || !existsSync(join(dataRoot, 'clinc150'))) {
  console.log(`intent benchmark skipped: public datasets not found at ${dataRoot} (they are not part of a clone)`);
} else {
  // Imported only now: TensorFlow.js and the encoder take seconds to load, which the skip path should not pay.
  const { runIntentBenchmark } = await import('./intent-benchmark.ts');
  await runIntentBenchmark({ dataRoot, json: args.includes('--json'), only: option('--only'), skipNlpJs: args.includes('--skip-nlpjs'),
    seeds,
  });
}
