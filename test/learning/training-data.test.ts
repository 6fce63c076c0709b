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
    // Decisions made in the same millisecond are ordered by item id (random here), so compare as a set.
    expect(examples.map(({ text, label }) => ({ text, label })).sort((a, b) => a.text.localeCompare(b.text))).toEqual([
      { text: 'is gift wrap possible', label: 'gift_wrap' },
      { text: 'where is my parcel', label: 'track_order' },
      { text: 'who won the match', label: 'oos' },
    ]);
    expect(faqs.map((f) => f.faq.question)).toEqual(['do you ship to mars']);
  });

  it('never hands personal data to training, also from rows logged before the current redaction', async () => {
    const store = createMemoryStore();
    await review(store, 'call me on (555) 123-4567 about my sofa, my name is Anna Jansen', { action: 'relabel', label: 'contact_support' });
    const [item] = await new StoreReviewedDataSource(store).listReviewed();
    expect(item!.text).toBe('call me on [phone] about my sofa, my name is [name]');
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
    expect(perIntent).toBe(5); // 10 % of 48 rounds to 5; the floor of 5 per intent lets the gate judge each intent
    const grown = new FrozenRegressionSet({ dir }).update([...base, ...Array.from({ length: 10 }, (_, i) => ({ text: `wrap ${i}`, label: 'gift_wrap' }))], []);
    expect(grown.examples.filter((e) => e.label === 'gift_wrap')).toHaveLength(2);
    expect(grown.examples.slice(0, first.examples.length)).toEqual(first.examples);
  });

  it('keeps golden rows in step with the review decisions: operator labels, decision times, erased items gone', () => {
    const dir = tempDir();
    const reviewed = Array.from({ length: 40 }, (_, i) => ({ itemId: `r${i}`, text: `gift wrap question ${i}`, label: 'gift_wrap', decidedAt: new Date(1000 * i) }));
    const set = new FrozenRegressionSet({ dir, goldenFraction: 0.5 });
    const first = set.update([], reviewed);
    const golden = first.examples.filter((e) => e.source === 'golden');
    expect(golden.length).toBeGreaterThan(5);
    for (const e of golden) expect(e).toEqual({ ...reviewed.find((r) => r.itemId === e.itemId), source: 'golden' });
    const rows = () => readFileSync(join(dir, 'regression-golden.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows().map((r) => r.decidedAt)).toEqual(golden.map((e) => e.decidedAt!.toISOString()));
    // The first golden item's customer is erased, the second is relabelled; the rest and their order stay.
    const [gone, relabelled] = [golden[0].itemId!, golden[1].itemId!];
    const later = reviewed.filter((r) => r.itemId !== gone).map((r) => (r.itemId === relabelled ? { ...r, label: 'get_refund' } : r));
    const again = new FrozenRegressionSet({ dir, goldenFraction: 0.5 }).update([], later);
    expect(again.goldenItemIds.has(gone)).toBe(false);
    expect(rows().map((r) => r.itemId)).toEqual(golden.slice(1).map((e) => e.itemId));
    expect(rows()[0].label).toBe('get_refund');
    expect(again.examples.find((e) => e.itemId === relabelled)?.label).toBe('get_refund');
  });

  it('never trains on a text that is in the regression set, whatever its source', () => {
    const base = baseExamples();
    const split = new FrozenRegressionSet({ dir: tempDir() }).update(base, []);
    const held = split.examples[0];
    const reviewed = [{ itemId: 'dup', text: `  ${held.text.toUpperCase()} `, label: held.label, decidedAt: new Date(0) }];
    const data = buildTrainingData({ base, reviewed, split, since: null, seed: 1 });
    expect(data.summary.reviewedExamples).toBe(0);
    expect(data.examples.some((e) => e.text.toLowerCase().trim() === held.text.toLowerCase())).toBe(false);
  });
});
