import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSentimentData } from '../../../src/nlu/sentiment/load-sentiment-data.ts';

const SHIPPED = join(import.meta.dirname, '..', '..', '..', 'intents', 'sentiment');

describe('loadSentimentData', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'shopmate-sentiment-data-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (name: string, body: string) => writeFileSync(join(dir, name), body);
  const fails = (pattern: RegExp) => {
    expect(() => loadSentimentData(dir)).toThrow(expect.objectContaining({ code: 'TRAINING_DATA_INVALID', message: expect.stringMatching(pattern) }));
  };

  it('loads the shipped data: 1,500+ sentences, 500+ per class, 200+ angry', () => {
    const examples = loadSentimentData(SHIPPED);
    expect(examples.length).toBeGreaterThanOrEqual(1500);
    for (const label of ['negative', 'neutral', 'positive']) {
      expect(examples.filter((e) => e.label === label).length).toBeGreaterThanOrEqual(500);
    }
    expect(examples.filter((e) => e.angry).length).toBeGreaterThanOrEqual(200);
    expect(examples.every((e) => !e.angry || e.label === 'negative')).toBe(true);
  });

  it('reads label, angry flag and examples', () => {
    write('a.yaml', 'label: negative\nangry: true\nexamples:\n  - I am furious\n');
    write('b.yml', 'label: positive\nexamples: [love it]\n');
    expect(loadSentimentData(dir)).toEqual([
      { text: 'I am furious', label: 'negative', angry: true },
      { text: 'love it', label: 'positive', angry: false },
    ]);
  });

  it('names the file, entry and field of an invalid example', () => {
    write('neg.yaml', 'label: negative\nexamples:\n  - fine\n  - "  "\n');
    fails(/neg\.yaml: examples\[1\] \(entry 2\): must not be empty/);
    write('neg.yaml', 'label: negative\nexamples:\n  - fine\n  - order: 5\n');
    fails(/neg\.yaml: examples\[1\] \(entry 2\).*expected string/);
  });

  it('rejects unknown labels, missing fields, unknown fields and bad YAML', () => {
    write('x.yaml', 'label: happy\nexamples: [yay]\n');
    fails(/x\.yaml: label/);
    write('x.yaml', 'label: positive\n');
    fails(/x\.yaml: examples/);
    write('x.yaml', 'label: positive\nexample: [yay]\n');
    fails(/x\.yaml.*example/);
    write('x.yaml', 'label: [positive\n');
    fails(/x\.yaml: not valid YAML/);
  });

  it('only allows angry on negative files', () => {
    write('x.yaml', 'label: positive\nangry: true\nexamples: [yay]\n');
    fails(/angry: true is only allowed with label negative/);
  });

  it('reports duplicates with both places, and an empty or missing folder', () => {
    write('a.yaml', 'label: positive\nexamples: [love it]\n');
    write('b.yaml', 'label: negative\nexamples: [hate it, love it]\n');
    fails(/duplicate example "love it" in b\.yaml examples\[1\].*first seen in a\.yaml examples\[0\]/);
    rmSync(join(dir, 'a.yaml'));
    rmSync(join(dir, 'b.yaml'));
    fails(/no \*\.yaml files/);
    fails(/no \*\.yaml files/);
    expect(() => loadSentimentData(join(dir, 'missing'))).toThrow(/not readable/);
  });
});
