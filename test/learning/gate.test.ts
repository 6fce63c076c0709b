import { describe, expect, it } from 'vitest';
import { gate } from '../../src/learning/gate.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { seededRandom } from '../../src/nlu/intent/seeded-random.ts';
import { trainIntentClassifier } from '../../src/nlu/intent/train-intent-classifier.ts';
import { BASE_INTENTS, baseExamples, topicExamples } from './learning-fixtures.ts';

const encoder = new HashingEncoder(256);
const all = baseExamples();
const regression = all.filter((_, i) => i % 6 === 0);
const train = all.filter((_, i) => i % 6 !== 0);

/** 30 % of the examples get a wrong label; the operator confuses each intent with the next one. */
function corrupt(examples: typeof train, share: number, seed: number) {
  const random = seededRandom(seed);
  return examples.map((e) => (random() < share ? { ...e, label: BASE_INTENTS[(BASE_INTENTS.indexOf(e.label) + 1) % BASE_INTENTS.length] } : e));
}

describe('regression gate', () => {
  it('accepts an equal candidate and a better one; new intents are not drops', async () => {
    const serving = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const same = await gate(serving, serving, regression, { encoder });
    expect(same.promote).toBe(true);
    expect(same.overall.delta).toBe(0);
    const weak = await trainIntentClassifier({ examples: corrupt(train, 0.45, 3), encoder, seed: 1 });
    const better = await gate(serving, weak, regression, { encoder });
    expect(better.promote).toBe(true);
    const withNew = await trainIntentClassifier({ examples: [...train, ...topicExamples('gift_wrap', ['gift wrapping', 'a gift box', 'a ribbon'])], encoder, seed: 1 });
    const decision = await gate(withNew, serving, [...regression, { text: 'i want gift wrapping', label: 'gift_wrap' }], { encoder });
    expect(decision.newIntents).toEqual(['gift_wrap']);
    expect(decision.evaluated).toBe(regression.length);
  });

  it('refuses a candidate trained on 30 %-wrong relabels and says why', async () => {
    const serving = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const bad = await trainIntentClassifier({ examples: [...train, ...corrupt(train, 0.3, 7), ...corrupt(train, 0.3, 8)], encoder, seed: 1 });
    const decision = await gate(bad, serving, regression, { encoder });
    expect(decision.promote).toBe(false);
    expect(decision.reason).toMatch(/^refused: /);
    expect(decision.perIntent.length).toBeGreaterThan(0);
    expect(decision.overall.candidate).toBeLessThan(decision.overall.serving!);
  });

  it('applies the thresholds: a tolerant gate lets a small drop through', async () => {
    const serving = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const bad = await trainIntentClassifier({ examples: [...train, ...corrupt(train, 0.3, 7), ...corrupt(train, 0.3, 8)], encoder, seed: 1 });
    const tolerant = await gate(bad, serving, regression, { encoder, maxOverallDrop: 1, maxIntentDrop: 1 });
    expect(tolerant.promote).toBe(true);
  });

  it('promotes the first candidate when nothing serves yet', async () => {
    const first = await trainIntentClassifier({ examples: train, encoder, seed: 1 });
    const decision = await gate(first, null, regression, { encoder });
    expect(decision.promote).toBe(true);
    expect(decision.reason).toMatch(/no serving model yet/);
  });
});
