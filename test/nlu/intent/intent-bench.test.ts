import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../../..');
const temps: string[] = [];
afterAll(() => temps.forEach((d) => rmSync(d, { recursive: true, force: true })));

function temp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'shopmate-intent-bench-'));
  temps.push(dir);
  return dir;
}

/** A miniature copy of the two datasets' layout, in our own words (never the public sentences). */
function miniDatasets(): string {
  const dir = temp();
  const lines = (rows: Array<[string, string]>) => rows.map(([text, label]) => JSON.stringify({ text, label })).join('\n') + '\n';
  const card = (n: number): Array<[string, string]> => [[`my card number ${n} was blocked`, 'card_blocked'], [`send me a new pin code ${n}`, 'new_pin']];
  const write = (ds: string, split: string, rows: Array<[string, string]>) => {
    mkdirSync(join(dir, ds), { recursive: true });
    writeFileSync(join(dir, ds, `${split}.jsonl`), lines(rows));
  };
  const train = [1, 2, 3, 4, 5, 6].flatMap(card);
  write('banking77', 'train', train);
  write('banking77', 'test', [7, 8].flatMap(card));
  write('clinc150', 'train', train);
  write('clinc150', 'val', card(9));
  write('clinc150', 'test', card(10));
  for (const split of ['oos_train', 'oos_val', 'oos_test']) write('clinc150', split, [['what colour is the sky on mars', 'oos'], ['sing me a lullaby', 'oos']]);
  return dir;
}

const bench = (args: string[], env: Record<string, string> = {}) =>
  run(process.execPath, ['bin/run-ts.mjs', 'bench/intent/run.ts', ...args], { cwd: root, env: { ...process.env, ...env }, timeout: 120_000 });

describe.concurrent('intent benchmark script', () => {
  it('says the datasets are missing and exits 0', async () => {
    const { stdout } = await bench(['--data', join(temp(), 'nothing')]);
    expect(stdout).toMatch(/intent benchmark skipped: public datasets not found at .*nothing/);
  }, 60_000);

  it('prints one JSON document with both systems on both datasets', async () => {
    // A private data dir keeps the test's embeddings out of the project's persistent cache.
    const { stdout } = await bench(['--json', '--data', miniDatasets()], { SHOPMATE_DATA_DIR: temp() });
    const report = JSON.parse(stdout);
    const keys = report.rows.map((r: { dataset: string; system: string }) => `${r.dataset}/${r.system}`);
    expect(keys).toEqual(['banking77/shopmate', 'banking77/nlp.js', 'clinc150/shopmate (val threshold)', 'clinc150/shopmate (train-calibrated threshold)', 'clinc150/nlp.js']);
    for (const row of report.rows) {
      expect(row).toMatchObject({ accuracy: expect.any(Number), macroF1: expect.any(Number), trainSeconds: expect.any(Number), medianMs: expect.any(Number), p99Ms: expect.any(Number), peakRssMb: expect.any(Number) });
    }
    expect(report.rows.filter((r: { dataset: string }) => r.dataset === 'clinc150').every((r: { oosRecall: unknown; forcedAccuracy: unknown }) => typeof r.oosRecall === 'number' && typeof r.forcedAccuracy === 'number')).toBe(true);
  }, 120_000);
});
