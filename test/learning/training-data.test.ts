import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildTrainingData } from '../../src/learning/build-training-data.ts';
import { exampleKey, FrozenRegressionSet } from '../../src/learning/frozen-regression-set.ts';
import { reviewExamples } from '../../src/learning/review-examples.ts';
import { StoreReviewedDataSource } from '../../src/learning/reviewed-data-source.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { baseExamples, flagTurn, review, tempDir } from './learning-fixtures.ts';

describe('reviewed data -> training data', () => {
  it('turns each decision into its effect and skips open items', async () => {
    const store = createMemoryStore();
    await review(store, 'is gift wrap possible', { action: 'new_intent', label: 'gift_wrap' });
    await review(store, 'where is my parcel', { action: 'relabel', label: 'track_order' }, 'u2');
    await review(store, 'who won the match', { action: 'mark_oos' });
    await review(store, 'asdf', { action: 'dismiss' });
    await review(store, 'do you ship to mars', { action: 'new_faq', faq: { question: 'do you ship to mars', answer: 'No.' } });
    await flagTurn(store, 'still open');
    const items = await new StoreReviewedDataSource(store).listReviewed();
    expect(items).toHaveLength(5);
    const { examples, faqs } = reviewExamples(items);
    expect(examples.map(({ text, label }) => ({ text, label }))).toEqual([
      { text: 'is gift wrap possible', label: 'gift_wrap' },
      { text: 'where is my parcel', label: 'track_order' },
      { text: 'who won the match', label: 'oos' },
    ]);
    expect(faqs.map((f) => f.faq.question)).toEqual(['do you ship to mars']);
  });

  it('replays intents/ and every reviewed example, old and new, minus the frozen regression examples', async () => {
    const dir = tempDir();
    const base = baseExamples();
    const reviewed = Array.from({ length: 30 }, (_, i) => ({ itemId: `r${i}`, text: `gift wrap question ${i}`, label: 'gift_wrap', decidedAt: new Date(1000 * i) }));
    const split = new FrozenRegressionSet({ dir }).update(base, reviewed);
    const data = buildTrainingData({ base, reviewed, split, since: new Date(1000 * 19.5), seed: 1 });
    const keys = new Set(data.examples.map(exampleKey));
    expect(split.heldOutBase.size).toBeGreaterThan(0);
    expect(split.goldenItemIds.size).toBeGreaterThan(0);
    for (const e of base) expect(keys.has(exampleKey(e))).toBe(!split.heldOutBase.has(exampleKey(e)));
    for (const r of reviewed) expect(keys.has(exampleKey(r))).toBe(!split.goldenItemIds.has(r.itemId));
    expect(data.summary.newReviewedExamples).toBe(10);
    expect(data.examples.length + data.summary.heldOutForRegression).toBe(base.length + reviewed.length);
  });

  it('keeps the regression set frozen across runs and appends new intents', () => {
    const dir = tempDir();
    const base = baseExamples();
    const first = new FrozenRegressionSet({ dir }).update(base, []);
    const file = readFileSync(join(dir, 'regression-base.jsonl'), 'utf8');
    // Another order and an extra example of a known intent: nothing already frozen changes.
    const again = new FrozenRegressionSet({ dir }).update([...base].reverse().concat({ text: 'where is my new parcel', label: 'track_order' }), []);
    expect(readFileSync(join(dir, 'regression-base.jsonl'), 'utf8')).toBe(file);
    expect(again.examples).toEqual(first.examples);
    const perIntent = first.examples.filter((e) => e.label === 'track_order').length;
    expect(perIntent).toBe(Math.round(0.15 * 48));
    const grown = new FrozenRegressionSet({ dir }).update([...base, ...Array.from({ length: 10 }, (_, i) => ({ text: `wrap ${i}`, label: 'gift_wrap' }))], []);
    expect(grown.examples.filter((e) => e.label === 'gift_wrap')).toHaveLength(2);
    expect(grown.examples.slice(0, first.examples.length)).toEqual(first.examples);
  });
});
