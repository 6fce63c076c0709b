import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/core/logger.ts';
import { HashingEncoder } from '../../../src/nlu/hashing-encoder.ts';
import { binaryLabel, evaluateSentiment } from '../../../src/nlu/sentiment/evaluate-sentiment.ts';
import type { SentimentModel } from '../../../src/nlu/sentiment/sentiment-model.ts';
import { trainSentimentModel } from '../../../src/nlu/sentiment/train-sentiment-model.ts';
import { TINY_EXAMPLES, TOY_OPTIONS } from './sentiment-fixtures.ts';

const encoder = new HashingEncoder(128);

describe('evaluateSentiment', () => {
  let model: SentimentModel;
  beforeAll(async () => {
    model = await trainSentimentModel({ examples: TINY_EXAMPLES, encoder, seed: 3, logger: silentLogger, options: TOY_OPTIONS });
  });

  it('scores three-way test sets with per-class precision, recall and a confusion matrix', async () => {
    const test = [
      { text: 'love it, great', label: 'positive' },
      { text: 'where is my lamp', label: 'neutral' },
      { text: 'broken and disappointing', label: 'negative' },
      { text: 'what time do you open', label: 'positive' },
    ];
    const r = await evaluateSentiment({ model, encoder, test });
    expect(r.binary).toBe(false);
    expect(r.n).toBe(4);
    expect(r.accuracy).toBeCloseTo(0.75);
    expect(r.confusion.positive).toEqual({ negative: 0, neutral: 1, positive: 1 });
    expect(r.perClass.positive).toEqual({ precision: 1, recall: 0.5, support: 2 });
    expect(r.perClass.neutral.precision).toBeCloseTo(0.5);
  });

  it('never predicts neutral on a binary (positive/negative only) test set', async () => {
    const test = [
      { text: 'where is my order', label: 'positive' },
      { text: 'love it', label: 'positive' },
      { text: 'sadly broken', label: 'negative' },
    ];
    const r = await evaluateSentiment({ model, encoder, test });
    expect(r.binary).toBe(true);
    expect(Object.keys(r.confusion)).toEqual(['negative', 'positive']);
    expect(r.confusion.positive.negative + r.confusion.positive.positive).toBe(2);
    const [neutralMessage] = model.predict(await encoder.embed(['where is my order']), ['where is my order']);
    expect(['negative', 'positive']).toContain(binaryLabel(neutralMessage));
  });

  it('rejects unknown labels and empty input with EVAL_INPUT_INVALID', async () => {
    await expect(evaluateSentiment({ model, encoder, test: [] })).rejects.toMatchObject({ code: 'EVAL_INPUT_INVALID' });
    await expect(evaluateSentiment({ model, encoder, test: [{ text: 'hi', label: 'happy' }] })).rejects.toThrow(/label "happy"/);
    await expect(evaluateSentiment({ model, encoder, test: [{ text: ' ', label: 'positive' }] })).rejects.toThrow(/no text/);
  });
});
