import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { isHeldOutCorrection, MIN_HELD_OUT, SentimentLearning, type TrainSentiment } from '../../src/learning/sentiment-learning.ts';
import type { ReviewedItem } from '../../src/learning/reviewed-data-source.ts';
import { HashingEncoder } from '../../src/nlu/hashing-encoder.ts';
import { saveSentimentArtifact } from '../../src/nlu/sentiment/sentiment-artifact.ts';
import type { SentimentExample } from '../../src/nlu/sentiment/sentiment-types.ts';
import { trainSentimentModel } from '../../src/nlu/sentiment/train-sentiment-model.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import type { SentimentCorrection } from '../../src/store/types.ts';

const encoder = new HashingEncoder(256);
const FAST = { epochs: 25 };
const ex = (label: SentimentExample['label'], angry: boolean, texts: string[]) => texts.map((text) => ({ text, label, angry }));
const BASE: SentimentExample[] = [
  ...ex('positive', false, ['thank you so much, great service', 'love the lamp, it is lovely', 'perfect, exactly what I wanted', 'brilliant, thanks a lot', 'the sofa is wonderful', 'very happy with my order', 'great quality and fast delivery', 'super helpful, cheers']),
  ...ex('neutral', false, ['what are your opening hours', 'I would like to change my address', 'do you ship to belgium', 'how much is shipping', 'where can I find the invoice', 'is the table in stock', 'can I pay with paypal', 'what sizes does it come in']),
  ...ex('negative', false, ['the parcel arrived damaged', 'not happy with the colour', 'the chair is wobbly', 'delivery was late again', 'disappointed with the quality', 'the lamp stopped working']),
  ...ex('negative', true, ['this is absolutely ridiculous, I am furious', 'worst service ever, I am so angry', 'unacceptable, I want my money back NOW', 'I am fed up with you people', 'this is a joke, terrible, furious']),
];

/** Reviewed sentiment decisions for `texts`, with item ids picked so `held` of them are in the held-out share. */
function corrections(train: Array<[string, SentimentCorrection]>, held: Array<[string, SentimentCorrection]>): ReviewedItem[] {
  const items: ReviewedItem[] = [];
  let n = 0;
  const next = (heldOut: boolean) => {
    for (;;) {
      const id = `item-${++n}`;
      if (isHeldOutCorrection(id) === heldOut) return id;
    }
  };
  for (const [list, heldOut] of [[train, false], [held, true]] as const) {
    for (const [text, sentiment] of list) {
      items.push({ itemId: next(heldOut), turnId: `t-${n}`, text, decision: { action: 'sentiment', sentiment, operator: 'ann', at: new Date(1_000 + n) } });
    }
  }
  return items;
}

describe('sentiment learning: operator corrections through a held-out gate', () => {
  let dir: string;
  let modelsDir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'shopmate-sentiment-learning-'));
    modelsDir = join(dir, 'models', 'sentiment');
    // First start: the serving model trained on intents/sentiment only.
    saveSentimentArtifact(await trainSentimentModel({ examples: BASE, encoder, seed: 7, logger: silentLogger, options: FAST }), modelsDir);
  }, 60_000);
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const current = () => JSON.parse(readFileSync(join(modelsDir, 'current.json'), 'utf8')).version as string;
  const setup = (items: ReviewedItem[], train?: TrainSentiment) => {
    const store = createMemoryStore();
    const seen: SentimentExample[][] = [];
    const trainer: TrainSentiment = async (examples, enc, seed) => {
      seen.push(examples);
      return train ? train(examples, enc, seed) : trainSentimentModel({ examples, encoder: enc, seed, logger: silentLogger, options: FAST });
    };
    const learning = new SentimentLearning({ registry: store.models, reviewed: { listReviewed: async () => items, countSince: async () => items.length }, baseExamples: () => BASE, encoder, modelsDir, seed: 7, train: trainer });
    return { store, learning, seen };
  };
  const angry: SentimentCorrection = { label: 'negative', angry: true };

  it('promotes a candidate that learned what operators corrected, judged on corrections neither model trained on', async () => {
    const train = Array.from({ length: 16 }, (_, i): [string, SentimentCorrection] => [`zorblax ${['again', 'still', 'now', 'today'][i % 4]} broken ${i} blarg`, angry]);
    const held = Array.from({ length: 6 }, (_, i): [string, SentimentCorrection] => [`zorblax blarg broken ${i + 100}`, angry]);
    const first = current();
    const { store, learning, seen } = setup(corrections(train, held));
    const report = await learning.runOnce();
    expect(report).toMatchObject({ corrections: 22, heldOut: 6, trained: true, promoted: true });
    expect(report.candidate!.accuracy).toBeGreaterThanOrEqual(report.serving!.accuracy);
    const trainedTexts = new Set(seen[0]!.map((e) => e.text));
    for (const [text] of held) expect(trainedTexts.has(text)).toBe(false);
    for (const [text] of train) expect(trainedTexts.has(text)).toBe(true);
    expect((await store.models.getServing('sentiment'))!.version).toBe(report.version);
    expect((await store.models.get(first))!.status).toBe('retired'); // first start's model was adopted, then replaced
    expect(current()).toBe(report.version);
  }, 120_000);

  it('refuses a candidate that is worse on the held-out corrections, and keeps serving the old model', async () => {
    const calm: SentimentCorrection = { label: 'positive', angry: false };
    const held = ['thanks so much, great service', 'love it, lovely lamp', 'perfect, very happy', 'brilliant quality, thanks', 'wonderful sofa, happy', 'super helpful service'].map((t): [string, SentimentCorrection] => [t, calm]);
    const flip: TrainSentiment = (examples, enc, seed) =>
      trainSentimentModel({ examples: examples.map((e): SentimentExample => ({ text: e.text, label: e.label === 'positive' ? 'negative' : e.label === 'negative' ? 'positive' : 'neutral', angry: false })).concat(BASE.filter((e) => e.angry)), encoder: enc, seed, logger: silentLogger, options: FAST });
    const first = current();
    const { store, learning } = setup(corrections([['the zorblax is fine', { label: 'neutral', angry: false }]], held), flip);
    const report = await learning.runOnce();
    expect(report).toMatchObject({ trained: true, promoted: false, servingVersion: first });
    expect(report.reason).toMatch(/^refused on 6 held-out corrections/);
    expect((await store.models.get(report.version!))!.status).toBe('rejected');
    expect((await store.models.getServing('sentiment'))!.version).toBe(first);
    expect(current()).toBe(first);
  }, 120_000);

  it('does not train before enough corrections are held out to judge a candidate', async () => {
    const held = Array.from({ length: MIN_HELD_OUT - 1 }, (_, i): [string, SentimentCorrection] => [`zorblax ${i}`, angry]);
    const { learning, seen } = setup(corrections([['zorblax again', angry]], held));
    const report = await learning.runOnce();
    expect(report).toMatchObject({ trained: false, promoted: false, heldOut: MIN_HELD_OUT - 1 });
    expect(seen).toHaveLength(0);
  });
});
