import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createMemoryStore } from '../../src/store/index.ts';
import { SwappableIntentModel } from '../../src/nlu/load-serving-models.ts';
import { loadIntentArtifact } from '../../src/nlu/intent/intent-artifact.ts';
import type { IntentClassifier } from '../../src/nlu/intent/intent-classifier.ts';
import { FrozenRegressionSet } from '../../src/learning/frozen-regression-set.ts';
import { GIFT_WRAP_OBJECTS, review, tempDir, testLoop, topicExamples } from './learning-fixtures.ts';

const predict = async (m: IntentClassifier, encoder: { embed(t: string[]): Promise<Float32Array[]> }, texts: string[]) => {
  const vectors = await encoder.embed(texts);
  return texts.map((t, i) => m.classify(vectors[i], t).ranking[0].intent);
};

describe('LearningLoop', () => {
  it('promotes the first candidate, then learns a new intent from reviews while keeping the old data', async () => {
    const { loop, store, encoder, dir } = testLoop();
    const first = await loop.runOnce({ reason: 'test' });
    expect(first.promoted).toBe(true);
    expect(first.gate.reason).toMatch(/no serving model yet/);
    expect(first.data.reviewedExamples).toBe(0);
    for (const e of topicExamples('gift_wrap', GIFT_WRAP_OBJECTS)) await review(store, e.text, { action: 'new_intent', label: 'gift_wrap' });
    await review(store, 'who won the football match', { action: 'mark_oos' });
    const second = await loop.runOnce({ reason: 'test' });
    expect(second.newReviewedExamples).toBe(49);
    expect(second.data.baseExamples).toBe(first.data.baseExamples); // replay: intents/ is still all there
    expect(second.gate.newIntents).toEqual(['gift_wrap']);
    expect(second.promoted).toBe(true);
    const serving = await store.models.getServing('intent');
    expect(serving?.version).toBe(second.version);
    expect(JSON.parse(readFileSync(join(dir, 'models', 'intent', 'current.json'), 'utf8')).version).toBe(second.version);
    const model = await loadIntentArtifact(serving!.artifactDir);
    expect(await predict(model, encoder, ['can you check a gift box', 'where is my parcel'])).toEqual(['gift_wrap', 'track_order']);
    const third = await loop.runOnce();
    expect(third.newReviewedExamples).toBe(0);
    expect(third.data.reviewedExamples).toBe(second.data.reviewedExamples);
  });

  it('grows the golden set from each stage, never trains on it, and trusts a stage once it was promoted', async () => {
    const dir = tempDir();
    const { loop, store } = testLoop({ regression: new FrozenRegressionSet({ dir, goldenFraction: 0.5 }) });
    await loop.runOnce();
    for (const e of topicExamples('gift_wrap', GIFT_WRAP_OBJECTS)) await review(store, e.text, { action: 'new_intent', label: 'gift_wrap' });
    const grow = await loop.runOnce();
    const golden = () => readFileSync(join(dir, 'regression-golden.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const afterGrow = golden();
    expect(afterGrow.length).toBeGreaterThan(10);
    expect(new Set(afterGrow.map((r) => r.label))).toEqual(new Set(['gift_wrap']));
    expect(grow.gate.untrusted).toBe(afterGrow.length); // this stage's labels are the ones under judgement
    expect(grow.data.reviewedExamples).toBe(48 - afterGrow.length);
    expect(grow.gate.reason).toMatch(/^passed: /);
    // A second stage: relabels of fresh refund wordings. The gift_wrap rows are trusted now (only the new rows are
    // judged as new labels), unchanged, and still not trained on.
    for (const e of topicExamples('get_refund', ['a refund today', 'my money back today'])) await review(store, e.text, { action: 'relabel', label: 'get_refund' });
    const relabel = await loop.runOnce();
    const afterRelabel = golden();
    expect(afterRelabel.slice(0, afterGrow.length)).toEqual(afterGrow);
    expect(afterRelabel.slice(afterGrow.length).every((r) => r.label === 'get_refund')).toBe(true);
    expect(relabel.gate.untrusted).toBe(afterRelabel.length - afterGrow.length);
    expect(relabel.data.reviewedExamples).toBe(48 + 16 - afterRelabel.length);
  });

  it('refuses a candidate trained on systematically wrong relabels and records the reason', async () => {
    // A quarter of intents/ held out: 12 examples per intent, so the damage is more than one flipped example.
    const { loop, store } = testLoop({ regression: new FrozenRegressionSet({ dir: tempDir(), baseFraction: 0.25 }) });
    await loop.runOnce();
    // An operator files 30 % of a fresh batch of refund messages as password questions, many times over.
    const texts = topicExamples('get_refund', ['my money back', 'a refund', 'the reimbursement', 'my refund cash']).map((e) => e.text);
    let n = 0;
    for (const text of [...texts, ...texts.map((t) => t + ' today'), ...texts.map((t) => t + ' asap')]) {
      await review(store, text, { action: 'relabel', label: n++ % 10 < 7 ? 'forgot_password' : 'get_refund' });
    }
    const report = await loop.runOnce();
    expect(report.gate.reason).toMatch(/^refused: /);
    expect(report.promoted).toBe(false);
    expect(report.gate.reason).toMatch(/^refused: /);
    const record = await store.models.get(report.version);
    expect(record?.status).toBe('rejected');
    expect(record?.gate?.reason).toBe(report.gate.reason);
    expect((await store.models.getServing('intent'))?.version).not.toBe(report.version);
  });

  it('swaps the serving model atomically while messages are being classified, and rolls back', async () => {
    const seed = testLoop();
    const v1 = await seed.loop.runOnce();
    const slot = new SwappableIntentModel(await loadIntentArtifact(join(seed.dir, 'models', 'intent', v1.version)));
    const { loop, store, encoder } = testLoop({ slot, store: seed.store });
    for (const e of topicExamples('gift_wrap', GIFT_WRAP_OBJECTS)) await review(store, e.text, { action: 'new_intent', label: 'gift_wrap' });
    const texts = ['can you check a gift box', 'where is my parcel', 'my money back now', 'tell me about the shop hours please'];
    const vectors = await encoder.embed(texts);
    const before = await predict(slot.current(), encoder, texts);
    const seen = new Set<string>();
    let stop = false;
    let classified = 0;
    const traffic = (async () => {
      while (!stop) {
        const model = slot.current();
        const results = texts.map((t, i) => model.classify(vectors[i], t));
        // A result always comes from one complete model: its ranking lists exactly that model's intents.
        for (const r of results) expect(r.ranking.map((s) => s.intent).sort()).toEqual([...model.intents].sort());
        seen.add(model.version);
        classified++;
        await new Promise((r) => setImmediate(r));
      }
    })();
    const v2 = await loop.runOnce();
    await new Promise((r) => setTimeout(r, 20));
    stop = true;
    await traffic;
    expect(v2.promoted).toBe(true);
    expect(classified).toBeGreaterThan(0);
    expect(seen).toEqual(new Set([v1.version, v2.version]));
    expect(slot.current().version).toBe(v2.version);
    expect((await predict(slot.current(), encoder, texts))[0]).toBe('gift_wrap');

    const back = await loop.rollback(v1.version);
    expect(back).toEqual({ version: v1.version, previous: v2.version });
    expect(slot.current().version).toBe(v1.version);
    expect(await predict(slot.current(), encoder, texts)).toEqual(before);
    expect((await store.models.getServing('intent'))?.version).toBe(v1.version);
    const versions = await loop.listVersions();
    expect(versions.map((v) => [v.version, v.status])).toEqual([
      [v2.version, 'retired'],
      [v1.version, 'serving'],
    ]);
    await expect(loop.rollback('intent-nope')).rejects.toThrow(/no intent model version/);
  });

  it('applies approved FAQ entries to the knowledge base and feeds shop events to the recommender once', async () => {
    const upserts: unknown[] = [];
    const knowledge = { upsert: async (e: unknown) => (upserts.push(e), { id: upserts.length } as never), search: async () => [] };
    const recorded: string[] = [];
    const recommender = { recordEvent: (e: { productId: string; kind: string }) => void recorded.push(`${e.kind}:${e.productId}`) };
    const store = createMemoryStore();
    const withEvents = testLoop({ knowledge, recommender, store, events: store.events });
    await review(store, 'do you ship to mars', { action: 'new_faq', faq: { question: 'do you ship to mars', answer: 'Not yet.' } });
    await store.events.record({ userId: 'u1', productId: 'p1', kind: 'purchase' });
    await store.events.record({ userId: 'u1', productId: 'p2', kind: 'click' });
    const first = await withEvents.loop.runOnce();
    expect(first.faqsApplied).toBe(1);
    expect(first.eventsApplied).toBe(2);
    expect(upserts).toEqual([{ kind: 'faq', entry: { id: expect.stringMatching(/^faq-review-/), questions: ['do you ship to mars'], answer: 'Not yet.', tags: ['reviewed'] } }]);
    await store.events.record({ userId: 'u2', productId: 'p1', kind: 'purchase' });
    const second = await withEvents.loop.runOnce();
    expect(second.faqsApplied).toBe(0);
    expect(second.eventsApplied).toBe(1);
    expect(recorded).toEqual(['purchase:p1', 'click:p2', 'purchase:p1']);
  });
});
