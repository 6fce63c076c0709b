import { describe, expect, it } from 'vitest';
import { HybridKnowledgeBase } from '../../src/knowledge/hybrid-knowledge-base.ts';
import { MemoryRevisionLog } from '../../src/knowledge/memory-revision-log.ts';
import type { NewRevision, Revision, RevisionLog } from '../../src/knowledge/revision-log.ts';
import { CountingEncoder, faq, policy, product, SAMPLE_ENTRIES } from './helpers.ts';

async function build(options: { log?: RevisionLog } = {}) {
  const encoder = new CountingEncoder();
  const kb = await HybridKnowledgeBase.create({
    encoder,
    revisionLog: options.log ?? new MemoryRevisionLog(),
    entries: SAMPLE_ENTRIES,
    now: () => new Date('2025-06-01T12:00:00Z'),
  });
  return { kb, encoder };
}

describe('HybridKnowledgeBase', () => {
  it('embeds only the changed entry on an edit (phrasings + answer), never the whole index', async () => {
    const { kb, encoder } = await build();
    const indexed = encoder.embedded.length;
    expect(indexed).toBeGreaterThan(SAMPLE_ENTRIES.length);
    encoder.embedded.length = 0;
    await kb.upsert(faq('faq-gift-wrap', ['Can you gift wrap my order?', 'Do you wrap presents?', 'Is gift packaging possible?'], 'Yes, for 2 EUR per item.'));
    expect(encoder.embedded).toEqual(['Can you gift wrap my order?', 'Do you wrap presents?', 'Is gift packaging possible?', 'Yes, for 2 EUR per item.']);
    encoder.embedded.length = 0;
    await kb.remove('product', 'P-2');
    expect(encoder.embedded).toEqual([]);
  });

  it('describes FAQ hits with answer, matched phrasing and the file to edit', async () => {
    const { kb } = await build();
    const [hit] = await kb.search('what are your opening hours', { k: 1 });
    expect(hit).toMatchObject({
      id: 'faq-opening-hours',
      kind: 'faq',
      title: 'When is customer service open?',
      matched: 'What are your opening hours?',
      answer: 'Our team answers Monday to Friday, 9:00 to 17:00.',
      source: { file: 'knowledge/faq.yaml', id: 'faq-opening-hours' },
    });
    const [passage] = await kb.search('return within 30 days', { kinds: ['policy'], k: 1 });
    expect(passage.source).toEqual({ file: 'knowledge/policies/returns.md', id: 'returns#return-window' });
    const [item] = await kb.search('skillet', { kinds: ['product'], k: 1 });
    expect(item.source.file).toBe('knowledge/catalog.yaml');
    expect(item.entry).toMatchObject({ price: 10, stock: 5 });
  });

  it('scores lexical matches by stemmed terms and semantic matches by the best phrasing', async () => {
    const { kb } = await build();
    const [hit] = await kb.search('Returned items', { kinds: ['policy'], k: 1 });
    expect(hit.id).toBe('returns#return-window'); // "returned" meets "returns" through the stemmer
    expect(hit.scores.lexical).toBeGreaterThan(0);
    const none = await kb.search('zyxwv qqq', { k: 3 });
    expect(none.every((h) => h.scores.lexical === 0)).toBe(true);
  });

  it('records revisions with before/after snapshots, clock and author; revert of a create deletes', async () => {
    const { kb } = await build();
    const created = await kb.upsert(policy('payment#methods', 'Methods', 'We accept cards and bank transfer.'), { author: 'ops' });
    expect(created).toEqual({
      id: 1,
      at: '2025-06-01T12:00:00.000Z',
      kind: 'policy',
      entryId: 'payment#methods',
      action: 'create',
      before: null,
      after: { id: 'payment#methods', policy: 'payment', title: 'Methods', text: 'We accept cards and bank transfer.' },
      author: 'ops',
    });
    const undo = await kb.revert(created.id);
    expect(undo).toMatchObject({ id: 2, action: 'delete', after: null, revertOf: 1 });
    expect((await kb.search('bank transfer', { k: 10 })).map((h) => h.id)).not.toContain('payment#methods');
    await expect(kb.revert(created.id)).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('keeps its state private: mutating a hit or a product copy changes nothing', async () => {
    const { kb } = await build();
    const p = (await kb.getProduct('P-1'))!;
    p.price = 0;
    const [hit] = await kb.search('coffee mug', { kinds: ['product'], k: 1 });
    (hit.entry as { price: number }).price = 0;
    expect((await kb.getProduct('P-1'))!.price).toBe(10);
  });

  it('leaves index and log untouched when the revision log fails', async () => {
    const failing: RevisionLog = {
      append: async (_r: NewRevision): Promise<Revision> => {
        throw new Error('disk full');
      },
      get: async () => undefined,
      list: async () => [],
    };
    const { kb } = await build({ log: failing });
    await expect(kb.upsert(product('P-9', 'Bamboo cutting board', 'Hard bamboo board.'))).rejects.toThrow('disk full');
    expect(await kb.getProduct('P-9')).toBeUndefined();
    await expect(kb.remove('product', 'P-1')).rejects.toThrow('disk full');
    expect(await kb.getProduct('P-1')).toBeDefined();
  });

  it('serialises concurrent edits into consecutive revisions', async () => {
    const { kb } = await build();
    const revs = await Promise.all(
      ['a', 'b', 'c', 'd'].map((s) => kb.upsert(faq(`faq-${s}`, [`question ${s}`], `answer ${s}`))),
    );
    expect(revs.map((r) => r.id)).toEqual([1, 2, 3, 4]);
    expect((await kb.search('question c', { k: 1 }))[0].id).toBe('faq-c');
  });

  it('rejects a bad k, returns nothing for an empty query and refuses duplicate ids at load', async () => {
    const { kb } = await build();
    await expect(kb.search('shipping', { k: 0 })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await kb.search('  \u200b ')).toEqual([]);
    const dup = HybridKnowledgeBase.create({ encoder: new CountingEncoder(), revisionLog: new MemoryRevisionLog(), entries: [SAMPLE_ENTRIES[0], SAMPLE_ENTRIES[0]] });
    await expect(dup).rejects.toMatchObject({ code: 'KNOWLEDGE_INVALID' });
  });
});
