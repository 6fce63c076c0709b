import { describe, expect, it } from 'vitest';
import { gate, type GateExample } from '../../src/learning/gate.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import type { LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import { seededRandom } from '../../src/core/seeded-random.ts';
import { trainIntentClassifier } from '../../src/nlu/intent/train-intent-classifier.ts';
import { BASE_INTENTS, baseExamples, GIFT_WRAP_OBJECTS, tableClassifier, topicExamples } from './learning-fixtures.ts';

const encoder = new HashingEncoder(256);
const all = baseExamples();
const regression = all.filter((_, i) => i % 6 === 0);
const train = all.filter((_, i) => i % 6 !== 0);
const next = (label: string) => BASE_INTENTS[(BASE_INTENTS.indexOf(label) + 1) % BASE_INTENTS.length];

/** `share` of the examples get a wrong label; the operator confuses each intent with the next one. */
function corrupt(examples: LabeledText[], share: number, seed: number): LabeledText[] {
  const random = seededRandom(seed);
  return examples.map((e) => (random() < share ? { ...e, label: next(e.label) } : e));
}

const golden = (rows: LabeledText[], trusted: boolean): GateExample[] => rows.map((e) => ({ ...e, source: 'golden', trusted }));
/** A checkerboard over topicExamples' object x template grid: each half sees every object and every template. */
const half = (rows: LabeledText[], parity: number) => rows.filter((_, i) => (Math.floor(i / 8) + i) % 2 === parity);

describe('regression gate on trained models', () => {
  it('accepts an equal candidate and a better one', async () => {
    const serving = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const same = await gate(serving, serving, regression, { encoder });
    expect(same.promote).toBe(true);
    expect(same.overall.delta).toBe(0);
    const weak = await trainIntentClassifier({ examples: corrupt(train, 0.45, 3), encoder, seed: 1 });
    expect((await gate(serving, weak, regression, { encoder })).promote).toBe(true);
  });

  it('promotes clean growth: the new intent counts in the overall accuracy and is not a drop', async () => {
    const serving = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const gift = topicExamples('gift_wrap', GIFT_WRAP_OBJECTS);
    const candidate = await trainIntentClassifier({ examples: [...train, ...half(gift, 0)], encoder, seed: 1 });
    const decision = await gate(candidate, serving, [...regression, ...golden(half(gift, 1), false)], { encoder });
    expect(decision.reason).toMatch(/^passed: /);
    expect(decision.newIntents).toEqual(['gift_wrap']);
    expect(decision.evaluated).toBe(regression.length + 24);
    expect(decision.untrusted).toBe(24);
    // The serving model cannot answer gift_wrap questions, the candidate can: the whole set rises by about 24/56.
    expect(decision.overall.delta!).toBeGreaterThan(0.3);
    expect(decision.perIntent.map((d) => d.intent)).not.toContain('gift_wrap');
    expect(decision.labels).toMatchObject({ newExamples: 24, referenceSource: 'intents' });
    expect(decision.labels!.gap).toBeLessThan(0.1);
  });

  describe('a relabelling stage on top of a promoted growth stage', () => {
    const gift = topicExamples('gift_wrap', GIFT_WRAP_OBJECTS);
    const accepted = [...train, ...half(gift, 0)];
    // Fresh customer wordings of the known intents, reviewed by operators; half are held out as golden examples.
    const stage = BASE_INTENTS.flatMap((i) => topicExamples(i)).map((e) => ({ ...e, text: `${e.text} today` }));
    const run = async (wrongShare: number) => {
      const reviewed = corrupt(stage, wrongShare, 11);
      const serving = await trainIntentClassifier({ examples: accepted, encoder, seed: 1 });
      const candidate = await trainIntentClassifier({ examples: [...accepted, ...half(reviewed, 0)], encoder, seed: 1 });
      const set = [...regression, ...golden(half(gift, 1), true), ...golden(half(reviewed, 1), false)];
      return gate(candidate, serving, set, { encoder });
    };

    it('promotes the stage when its labels are right', async () => {
      const decision = await run(0);
      expect(decision.reason).toMatch(/^passed: /);
      expect(decision.labels).toMatchObject({ newExamples: 96, referenceSource: 'reviewed', referenceExamples: 24 });
    });

    it('refuses it when 30 % of the relabels are wrong, and says why', async () => {
      const decision = await run(0.3);
      expect(decision.promote).toBe(false);
      expect(decision.checks.find((c) => c.rule === 'labels')?.passed).toBe(false);
      expect(decision.reason).toMatch(/^refused: .*new reviewed labels look wrong: the candidate agrees with [\d.]+ % of the 96 held-out new reviewed labels/);
      expect(decision.labels!.gap).toBeGreaterThan(0.2);
    });
  });

  it('refuses a candidate trained on wrong relabels even when no new golden example shows them', async () => {
    const serving = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const bad = await trainIntentClassifier({ examples: [...train, ...corrupt(train, 0.3, 7), ...corrupt(train, 0.3, 8)], encoder, seed: 1 });
    const decision = await gate(bad, serving, regression, { encoder });
    expect(decision.promote).toBe(false);
    expect(decision.reason).toMatch(/^refused: /);
    expect(decision.retained!.candidate).toBeLessThan(decision.retained!.serving);
    const tolerant = await gate(bad, serving, regression, { encoder, maxOverallDrop: 1, maxRetainedDrop: 1, maxIntentDrop: 1 });
    expect(tolerant.promote).toBe(true);
  });

  it('promotes the first candidate when nothing serves yet', async () => {
    const first = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const decision = await gate(first, null, regression, { encoder });
    expect(decision.promote).toBe(true);
    expect(decision.reason).toMatch(/no serving model yet/);
  });
});

describe('regression gate rules (table classifiers)', () => {
  const intents = ['a', 'b', 'c'];
  const set = (label: string, n: number, prefix = label): GateExample[] => Array.from({ length: n }, (_, i) => ({ text: `${prefix}${i}`, label }));
  const answers = (rows: GateExample[], wrong: number, as: string) => Object.fromEntries(rows.map((e, i) => [e.text, i < wrong ? as : e.label]));
  const regression = [...set('a', 10), ...set('b', 10), ...set('c', 10)];
  const serving = tableClassifier('serving', intents, answers(regression, 0, 'a'));

  it('counts a per-intent fall only from minLostExamples lost examples on', async () => {
    const oneLost = tableClassifier('cand', intents, { ...answers(regression, 0, 'a'), b0: 'c' });
    const decision = await gate(oneLost, serving, regression, { encoder, maxOverallDrop: 1, maxRetainedDrop: 1 });
    expect(decision.perIntent).toMatchObject([{ intent: 'b', drop: 0.1, blocking: false }]);
    expect(decision.promote).toBe(true);
    const strict = await gate(oneLost, serving, regression, { encoder, maxOverallDrop: 1, maxRetainedDrop: 1, minLostExamples: 1, maxIntentDropP: 1 });
    expect(strict.promote).toBe(false);
    expect(strict.reason).toBe('refused: 1 intent(s) fell more than 5.0 %: b 100.0 % -> 90.0 % (n=10)');
  });

  it('does not refuse for a fall that retraining noise explains (sign test), but does for a real one', async () => {
    const big = [...set('a', 18), ...set('b', 18)];
    const base = tableClassifier('serving', ['a', 'b'], answers(big, 0, 'a'));
    const twoLost = tableClassifier('cand', ['a', 'b'], { ...answers(big, 0, 'a'), b0: 'a', b1: 'a' });
    const noise = await gate(twoLost, base, big, { encoder, maxOverallDrop: 1, maxRetainedDrop: 1 });
    expect(noise.perIntent).toMatchObject([{ intent: 'b', blocking: false }]);
    expect(noise.promote).toBe(true);
    const fiveLost = tableClassifier('cand', ['a', 'b'], { ...answers(big, 0, 'a'), b0: 'a', b1: 'a', b2: 'a', b3: 'a', b4: 'a' });
    const real = await gate(fiveLost, base, big, { encoder, maxOverallDrop: 1, maxRetainedDrop: 1 });
    expect(real.promote).toBe(false);
    expect(real.reason).toMatch(/b 100.0 % -> 72.2 %/);
  });

  it('judges known intents in the serving label space, but counts confusions with new intents overall', async () => {
    const newRows = set('d', 10);
    // The candidate sends 3 of a's examples to the new intent d and ranks a second there: not a drop of a...
    const grown = tableClassifier('cand', [...intents, 'd'], { ...answers(regression, 0, 'a'), ...answers(newRows, 0, 'd'), a0: 'd', a1: 'd', a2: 'd' });
    const decision = await gate(grown, serving, [...regression, ...newRows.map((e) => ({ ...e, trusted: false, source: 'golden' as const }))], { encoder, minLabelExamples: 5 });
    expect(decision.retained).toMatchObject({ candidate: 1, serving: 1, evaluated: 30 });
    expect(decision.perIntent).toEqual([]);
    // ...while the whole set sees both sides: 3 lost on a, 10 gained on d.
    expect(decision.overall.delta).toBeCloseTo((37 - 30) / 40, 10);
    expect(decision.promote).toBe(true);
  });

  it('counts out-of-scope flags on known examples in the overall rule, not as forgetting', async () => {
    const flagging = tableClassifier('cand', intents, answers(regression, 4, 'oos'));
    const decision = await gate(flagging, serving, regression, { encoder });
    expect(decision.promote).toBe(false);
    expect(decision.checks.filter((c) => !c.passed).map((c) => c.rule)).toEqual(['overall']);
    expect(decision.reason).toMatch(/^refused: overall regression accuracy 100.0 % -> 86.7 % \(-13.3 points, n=30\) fell more than the allowed 1.0 %/);
  });

  it('checks new labels only with enough new golden examples, against earlier reviewed labels when there are enough', async () => {
    const earlier = set('a', 20, 'old').map((e) => ({ ...e, source: 'golden' as const }));
    const fresh = set('b', 20, 'new').map((e) => ({ ...e, source: 'golden' as const, trusted: false }));
    const all = [...regression, ...earlier, ...fresh];
    const both = { ...answers(regression, 0, 'a'), ...answers(earlier, 0, 'a') };
    const cand = tableClassifier('cand', intents, { ...both, ...answers(fresh, 6, 'c') });
    const decision = await gate(cand, tableClassifier('serving', intents, { ...both, ...answers(fresh, 6, 'c') }), all, { encoder });
    expect(decision.labels).toEqual({ newExamples: 20, agreement: 0.7, reference: 1, referenceSource: 'reviewed', referenceExamples: 20, gap: expect.closeTo(0.3, 10) });
    expect(decision.reason).toMatch(/new reviewed labels look wrong/);
    const few = await gate(cand, serving, all, { encoder, minLabelExamples: 21 });
    expect(few.labels).toBeNull();
    expect(few.checks.find((c) => c.rule === 'labels')).toMatchObject({ passed: true, detail: expect.stringMatching(/too few/) });
  });
});
