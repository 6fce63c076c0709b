/**
 * Language-detection benchmark on short customer messages: eld, tinyld and franc-min (each database size), raw,
 * against shopmate's guarded detectLanguage, its other eld databases and the same with one guard switched off.
 *   node bin/run-ts.mjs bench/language/run.ts [--json] [--errors <detector name>] [--file <jsonl>]
 * A raw detector's answer is its top language (nothing/undetermined -> und). For detectLanguage the bot's decision
 * counts: a non-English code only means "non-English customer" when reliable, so "en->non-en" (English lines the bot
 * would answer as non-English) and "recall 3+" (non-English lines of 3+ words recognised, in their own language) use
 * reliable codes; "overall", "en" and the per-language table compare codes whatever their reliability.
 * Load time and heap are measured by importing the module in a fresh Node process; detectLanguage's are its database's.
 * --errors prints every line that detector got wrong (with its answer), for looking at failure modes.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

type Example = { text: string; lang: string };
type Prediction = { code: string; reliable: boolean };
type Detector = { name: string; load: { ms: number; heapMB: number }; detect: (text: string) => Prediction };

const args = process.argv.slice(2);
const option = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const json = args.includes('--json');
const file = resolve(process.cwd(), option('--file') ?? 'test/fixtures/language/short-messages.jsonl');
const LANGS = ['en', 'de', 'es', 'fr', 'nl', 'it', 'pt', 'pl', 'sv', 'da', 'und'];

// franc answers in ISO 639-3; only the languages of the set need a 639-1 name, anything else stays a (wrong) 3-letter code.
const ISO3_TO_1: Record<string, string> = {
  eng: 'en', deu: 'de', spa: 'es', fra: 'fr', nld: 'nl', ita: 'it', por: 'pt', pol: 'pl', swe: 'sv', dan: 'da', und: 'und',
};

function readExamples(path: string): Example[] {
  return readFileSync(path, 'utf8').split('\n').filter((line) => line.trim() !== '').map((line, i) => {
    const item = JSON.parse(line) as Example;
    if (typeof item.text !== 'string' || typeof item.lang !== 'string') throw new Error(`${path}:${i + 1}: expected {text, lang}`);
    return item;
  });
}

/**
 * Load cost of a module in fresh Node processes (so nothing is shared or cached): wall time of the import and the
 * heap it keeps after a full GC, median of three runs.
 */
function loadCost(specifier: string): { ms: number; heapMB: number } {
  const script = `gc(); const before = process.memoryUsage().heapUsed; const start = performance.now();
await import(${JSON.stringify(specifier)}); const ms = performance.now() - start; gc();
console.log(JSON.stringify({ ms, heapMB: (process.memoryUsage().heapUsed - before) / 1e6 }));`;
  const runs = [0, 1, 2].map(() => {
    const child = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script], { cwd: process.cwd(), encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`loading ${specifier} failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as { ms: number; heapMB: number };
  });
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[1];
  return { ms: median(runs.map((r) => r.ms)), heapMB: median(runs.map((r) => r.heapMB)) };
}

async function loadDetectors(): Promise<Detector[]> {
  const detectors: Detector[] = [];
  const eldCost: Record<string, { ms: number; heapMB: number }> = {};
  for (const size of ['large', 'medium', 'small', 'extrasmall'] as const) {
    const { eld } = (await import(`eld/${size}`)) as typeof import('eld');
    eldCost[size] = loadCost(`eld/${size}`);
    detectors.push({ name: `eld ${size}`, load: eldCost[size], detect: (text) => ({ code: eld.detect(text).language || 'und', reliable: true }) });
    if (size === 'large') {
      detectors.push({
        name: 'eld large, und unless isReliable()', load: eldCost[size],
        detect: (text) => {
          const r = eld.detect(text);
          return { code: r.language !== '' && r.isReliable() ? r.language : 'und', reliable: true };
        },
      });
    }
  }
  for (const size of ['normal', 'light', 'heavy'] as const) {
    const path = size === 'normal' ? 'tinyld' : `tinyld/${size}`;
    const tinyld = (await import(path)) as typeof import('tinyld');
    detectors.push({ name: `tinyld ${size}`, load: loadCost(path), detect: (text) => ({ code: tinyld.detect(text) || 'und', reliable: true }) });
  }
  const { franc } = await import('franc-min');
  detectors.push({
    name: 'franc-min', load: loadCost('franc-min'),
    detect: (text) => { const c = franc(text); return { code: ISO3_TO_1[c] ?? c, reliable: true }; },
  });

  const { detectLanguage, createLanguageDetector } = await import('../../src/nlu/language/detect-language.ts');
  detectors.push({ name: 'shopmate detectLanguage (eld small)', load: eldCost.small, detect: detectLanguage });
  for (const database of ['large', 'extrasmall'] as const) {
    detectors.push({ name: `  same on eld ${database}`, load: eldCost[database], detect: createLanguageDetector({ database }) });
  }
  const guards = ['strip', 'wordLists', 'englishMarkers', 'foreignEvidence', 'margins'] as const;
  for (const guard of guards) {
    detectors.push({ name: `  without ${guard}`, load: eldCost.small, detect: createLanguageDetector({ guards: { [guard]: false } }) });
  }
  const none = Object.fromEntries(guards.map((g) => [g, false]));
  detectors.push({ name: '  without any guard', load: eldCost.small, detect: createLanguageDetector({ guards: none }) });
  return detectors;
}

const words = (text: string) => text.trim().split(/\s+/).length;
const rate = (hits: number, n: number) => (n === 0 ? null : hits / n);

function evaluate(detector: Detector, examples: Example[]) {
  const predictions = examples.map((e) => detector.detect(e.text));
  const nonEnglish = (p: Prediction) => p.reliable && p.code !== 'en' && p.code !== 'und';
  const correct = predictions.map((p, i) => p.code === examples[i].lang);
  const pick = (keep: (e: Example) => boolean) => examples.map((e, i) => i).filter((i) => keep(examples[i]));
  const accuracyOn = (idx: number[]) => rate(idx.filter((i) => correct[i]).length, idx.length);

  const english = pick((e) => e.lang === 'en');
  const otherLong = pick((e) => e.lang !== 'en' && e.lang !== 'und' && words(e.text) >= 3);
  const perLanguage: Record<string, number | null> = {};
  for (const lang of LANGS) perLanguage[lang] = accuracyOn(pick((e) => e.lang === lang));

  // Latency: one warm-up pass, then five timed passes; the median of all single calls.
  const times: number[] = [];
  for (let pass = 0; pass < 6; pass += 1) {
    for (const e of examples) {
      const start = process.hrtime.bigint();
      detector.detect(e.text);
      const ns = Number(process.hrtime.bigint() - start);
      if (pass > 0) times.push(ns / 1000);
    }
  }
  times.sort((a, b) => a - b);

  return {
    name: detector.name,
    loadMs: Math.round(detector.load.ms),
    loadHeapMB: Math.round(detector.load.heapMB),
    accuracy: accuracyOn(pick(() => true)),
    englishAccuracy: accuracyOn(english),
    englishEnOrUnd: rate(english.filter((i) => !nonEnglish(predictions[i])).length, english.length),
    falseNonEnglish: rate(english.filter((i) => nonEnglish(predictions[i])).length, english.length),
    short: accuracyOn(pick((e) => words(e.text) <= 3)),
    long: accuracyOn(pick((e) => words(e.text) > 3)),
    otherRecall3plus: rate(otherLong.filter((i) => predictions[i].reliable && predictions[i].code === examples[i].lang).length, otherLong.length),
    medianMicros: times[Math.floor(times.length / 2)],
    perLanguage,
    errors: examples.flatMap((e, i) => (correct[i] ? [] : [{ ...e, got: predictions[i].code, reliable: predictions[i].reliable }])),
  };
}

const pct = (x: number | null) => (x === null ? '-' : (x * 100).toFixed(1));

async function main(): Promise<void> {
  const examples = readExamples(file);
  const counts: Record<string, number> = {};
  for (const e of examples) counts[e.lang] = (counts[e.lang] ?? 0) + 1;
  const results = (await loadDetectors()).map((d) => evaluate(d, examples));

  if (json) {
    console.log(JSON.stringify({ file, examples: examples.length, counts,
      results: results.map(({ errors, ...r }) => ({ ...r, errorCount: errors.length })) }));
    return;
  }
  const wordCount = (keep: (n: number) => boolean) => examples.filter((e) => keep(words(e.text))).length;
  console.log(`${examples.length} messages from ${file}`);
  console.log(`per language: ${Object.entries(counts).map(([k, v]) => `${k} ${v}`).join(', ')}; ` +
    `${wordCount((n) => n <= 3)} of 1-3 words, ${wordCount((n) => n > 3)} longer`);
  console.log('accuracy in %; "en->non-en": English lines given a (reliable) non-English code; ' +
    '"recall 3+": non-English lines of 3+ words given their language (reliably)\n');
  console.log('| detector | overall | en | en->non-en | 1-3 words | 4+ words | recall 3+ | median µs | load ms | heap MB |');
  console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  for (const r of results) {
    console.log(`| ${r.name} | ${pct(r.accuracy)} | ${pct(r.englishAccuracy)} | ${pct(r.falseNonEnglish)} | ${pct(r.short)} | ` +
      `${pct(r.long)} | ${pct(r.otherRecall3plus)} | ${r.medianMicros.toFixed(1)} | ${r.loadMs} | ${r.loadHeapMB} |`);
  }
  console.log(`\n| detector | ${LANGS.join(' | ')} |`);
  console.log(`|---|${LANGS.map(() => '---:').join('|')}|`);
  for (const r of results) console.log(`| ${r.name} | ${LANGS.map((l) => pct(r.perLanguage[l])).join(' | ')} |`);

  const show = option('--errors');
  if (show !== undefined) {
    const r = results.find((x) => x.name === show);
    if (!r) throw new Error(`--errors: no detector named "${show}" (have: ${results.map((x) => x.name).join(', ')})`);
    console.log(`\nerrors of ${r.name} (${r.errors.length}):`);
    for (const e of r.errors) console.log(`  [${e.lang} -> ${e.got}${e.reliable ? '' : ' unreliable'}] ${e.text}`);
  }
}

await main();
