import { describe, expect, it } from 'vitest';
import type { KbEntry, KnowledgeBase } from '../../src/knowledge/knowledge-base.ts';
import { faq, product, SAMPLE_ENTRIES } from './helpers.ts';

/**
 * The behaviour every KnowledgeBase implementation must show. Call it from a test file with a factory that builds a
 * fresh instance holding `entries` (see hybrid-knowledge-base.contract.test.ts); a SQLite-backed or remote
 * implementation runs the same suite.
 */
export function knowledgeBaseContract(name: string, create: (entries: KbEntry[]) => Promise<KnowledgeBase>): void {
  describe(`KnowledgeBase contract: ${name}`, () => {
    it('returns hits sorted by score, at most k, with both component scores', async () => {
      const kb = await create(SAMPLE_ENTRIES);
      const hits = await kb.search('how much is shipping', { k: 3 });
      expect(hits.length).toBeGreaterThan(0);
      expect(hits.length).toBeLessThanOrEqual(3);
      expect(hits[0]).toMatchObject({ id: 'faq-shipping-cost', kind: 'faq', source: { id: 'faq-shipping-cost' } });
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1].score).toBeGreaterThanOrEqual(hits[i].score);
      for (const h of hits) {
        expect(Number.isFinite(h.scores.semantic) && Number.isFinite(h.scores.lexical)).toBe(true);
        expect(h.title.length).toBeGreaterThan(0);
      }
    });

    it('filters by kind and by minimum score', async () => {
      const kb = await create(SAMPLE_ENTRIES);
      const products = await kb.search('coffee mug', { kinds: ['product'], k: 10 });
      expect(products.every((h) => h.kind === 'product')).toBe(true);
      expect(products[0].id).toBe('P-1');
      const all = await kb.search('coffee mug', { k: 10 });
      const cut = (all[0].score + all[all.length - 1].score) / 2;
      const strong = await kb.search('coffee mug', { k: 10, minScore: cut });
      expect(strong.length).toBeGreaterThan(0);
      expect(strong.every((h) => h.score >= cut)).toBe(true);
      expect(strong.length).toBeLessThan(all.length);
    });

    it('makes an upserted entry searchable at once and records a revision', async () => {
      const kb = await create(SAMPLE_ENTRIES);
      const rev = await kb.upsert(faq('faq-loyalty', ['Do you have a loyalty programme?', 'Can I collect points?', 'Are there member rewards?'], 'Members collect one point per euro.'), { author: 'tester' });
      expect(rev).toMatchObject({ kind: 'faq', entryId: 'faq-loyalty', action: 'create', before: null, author: 'tester' });
      expect((await kb.search('collect loyalty points', { k: 1 }))[0].id).toBe('faq-loyalty');
      const edited = await kb.upsert(faq('faq-loyalty', ['Do you have a loyalty programme?', 'Can I collect points?', 'Are there member rewards?'], 'Members collect two points per euro.'));
      expect(edited.action).toBe('update');
      expect(edited.id).toBeGreaterThan(rev.id);
      expect((await kb.search('collect loyalty points', { k: 1 }))[0].text).toContain('two points');
    });

    it('removes entries and reverts any revision, recording the revert as a new revision', async () => {
      const kb = await create(SAMPLE_ENTRIES);
      const removed = await kb.remove('faq', 'faq-gift-wrap');
      expect(removed).toMatchObject({ action: 'delete', after: null });
      expect((await kb.search('gift wrap my order', { k: 10 })).map((h) => h.id)).not.toContain('faq-gift-wrap');
      const undo = await kb.revert(removed.id);
      expect(undo).toMatchObject({ action: 'create', revertOf: removed.id, entryId: 'faq-gift-wrap' });
      expect((await kb.search('gift wrap my order', { k: 1 }))[0].id).toBe('faq-gift-wrap');
      const revisions = await kb.listRevisions();
      expect(revisions.map((r) => r.id)).toEqual([removed.id, undo.id]);
    });

    it('restores the previous version of an updated entry', async () => {
      const kb = await create(SAMPLE_ENTRIES);
      const update = await kb.upsert(product('P-2', 'Cast iron skillet', 'Pre-seasoned pan.', { price: 49 }));
      expect((await kb.getProduct('P-2'))?.price).toBe(49);
      const undo = await kb.revert(update.id);
      expect(undo.action).toBe('update');
      expect((await kb.getProduct('P-2'))?.price).toBe(10);
      expect((await kb.listProducts()).map((p) => p.id).sort()).toEqual(['P-1', 'P-2']);
    });

    it('rejects invalid entries, unknown entries and unknown revisions with coded errors', async () => {
      const kb = await create(SAMPLE_ENTRIES);
      await expect(kb.upsert(faq('faq-empty', [], 'x'))).rejects.toMatchObject({ code: 'KNOWLEDGE_INVALID' });
      await expect(kb.remove('product', 'P-404')).rejects.toMatchObject({ code: 'NOT_FOUND' });
      await expect(kb.revert(999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(await kb.getProduct('P-404')).toBeUndefined();
      expect(await kb.listRevisions()).toEqual([]);
    });
  });
}
