import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadIntentFiles, readJsonl, toLabeledTexts } from '../../../src/nlu/intent/intent-data.ts';

const fixtures = join(import.meta.dirname, 'fixtures');
const temps: string[] = [];
function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'shopmate-intents-'));
  temps.push(dir);
  for (const [name, body] of Object.entries(files)) writeFileSync(join(dir, name), body);
  return dir;
}
afterEach(() => temps.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('loadIntentFiles', () => {
  it('reads only top-level yaml files, sorted, and marks the out-of-scope file', () => {
    const defs = loadIntentFiles(join(fixtures, 'intents'));
    expect(defs.map((d) => d.intent)).toEqual(['greeting', 'oos', 'return_item', 'track_order']);
    const track = defs.find((d) => d.intent === 'track_order')!;
    expect(track.responses).toEqual(['order_status']);
    expect(track.examples[0]).toBe('where is my order');
    expect(defs.find((d) => d.intent === 'oos')!.outOfScope).toBe(true);
    expect(defs.find((d) => d.intent === 'greeting')!.responses).toEqual([]);
  });

  it('labels out-of-scope examples "oos" in toLabeledTexts', () => {
    const texts = toLabeledTexts(loadIntentFiles(join(fixtures, 'intents')));
    expect(texts).toContainEqual({ text: 'tell me a joke', label: 'oos' });
    expect(texts).toContainEqual({ text: 'hello', label: 'greeting' });
    expect(texts.filter((t) => t.label === 'oos')).toHaveLength(6);
  });

  it('names the file, entry and field of an invalid example', () => {
    expect(() => loadIntentFiles(join(fixtures, 'broken'))).toThrow(
      expect.objectContaining({ code: 'TRAINING_DATA_INVALID', message: expect.stringMatching(/bad-example\.yaml.*examples\[1\].*empty/) }),
    );
  });

  it('rejects bad names, unknown fields, missing examples, oos without the flag and broken YAML', () => {
    const cases: Array<[string, RegExp]> = [
      ['intent: Track Order\nexamples: [a]\n', /intent: must be a snake_case/],
      ['intent: a\nexamples: [a]\nanswer: x\n', /answer/],
      ['intent: a\n', /examples/],
      ['intent: oos\nexamples: [a]\n', /outOfScope/],
      ['intent: a\nexamples: [a\n', /not valid YAML/],
    ];
    for (const [body, message] of cases) {
      const dir = tempDir({ 'x.yaml': body });
      expect(() => loadIntentFiles(dir)).toThrow(message);
      expect(() => loadIntentFiles(dir)).toThrow(expect.objectContaining({ code: 'TRAINING_DATA_INVALID', message: expect.stringContaining('x.yaml') }));
    }
  });

  it('rejects the same intent in two files and an empty folder', () => {
    const dir = tempDir({ 'a.yaml': 'intent: greet\nexamples: [hi]\n', 'b.yaml': 'intent: greet\nexamples: [hello]\n' });
    expect(() => loadIntentFiles(dir)).toThrow(/b\.yaml.*"greet" is already defined in a\.yaml/);
    expect(() => loadIntentFiles(tempDir({}))).toThrow(expect.objectContaining({ code: 'TRAINING_DATA_INVALID' }));
  });
});

describe('readJsonl', () => {
  it('reads {"text","label"} lines and skips blank ones', () => {
    const dir = tempDir({ 'e.jsonl': '{"text":"hi","label":"greeting"}\n\n{"text":"x","label":"oos"}\n' });
    expect(readJsonl(join(dir, 'e.jsonl'))).toEqual([
      { text: 'hi', label: 'greeting' },
      { text: 'x', label: 'oos' },
    ]);
  });

  it('names the line number of a bad line', () => {
    const dir = tempDir({ 'a.jsonl': '{"text":"hi","label":"g"}\n{oops\n', 'b.jsonl': '{"text":"hi","label":"g"}\n\n{"text":"hi"}\n' });
    expect(() => readJsonl(join(dir, 'a.jsonl'))).toThrow(expect.objectContaining({ code: 'EVAL_INPUT_INVALID', message: expect.stringContaining('a.jsonl:2') }));
    expect(() => readJsonl(join(dir, 'b.jsonl'))).toThrow(/b\.jsonl:3: expected \{"text","label"\}: label/);
    expect(() => readJsonl(join(dir, 'missing.jsonl'))).toThrow(expect.objectContaining({ code: 'EVAL_INPUT_INVALID' }));
  });
});
