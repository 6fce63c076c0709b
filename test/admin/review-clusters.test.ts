import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, seedReviewItem, startHarness, type Harness } from './admin-harness.ts';

describe('review queue clusters and sentiment corrections over HTTP', () => {
  let h: Harness;
  let c: Client;
  beforeEach(async () => {
    h = await startHarness();
    c = new Client(h.url);
    await c.login();
  });
  afterEach(() => h.close());

  const flash = async (res: Response) => {
    expect(res.status).toBe(303);
    const page = await (await c.get(res.headers.get('location')!)).text();
    return /class="flash (ok|warning|error)"[^>]*>([^<]*)</.exec(page)?.slice(1) ?? [];
  };
  const seedAsking = (n: number, text: string) => seedReviewItem(h.store, { conversationId: `web:k${n}`, userId: `web:u${n}`, text });

  it('clusters similar messages with a count and examples, and a cluster decision resolves every member', async () => {
    const same = [await seedAsking(1, 'where is my parcel'), await seedAsking(2, 'Where is my parcel??'), await seedAsking(3, 'my parcel, where is it')];
    const other = await seedAsking(4, 'do you sell gift cards');
    const api = (await (await c.get('/admin/api/review/clusters')).json()) as { clusters: Array<{ count: number; examples: string[]; itemIds: string[] }> };
    expect(api.clusters).toHaveLength(1);
    expect(api.clusters[0]!.count).toBe(3);
    expect(api.clusters[0]!.examples[0]).toBe('where is my parcel');
    expect(new Set(api.clusters[0]!.itemIds)).toEqual(new Set(same.map((s) => s.item.id)));

    const page = await (await c.get('/admin/review')).text();
    expect(page).toContain('data-cluster-count="3"');

    const members = same.map((s) => s.item.id);
    const [kind, text] = await flash(await c.post('/admin/review/cluster', { action: 'relabel', label: 'track_order', members }));
    expect([kind, text]).toEqual(['ok', 'Cluster: 3 items resolved (relabel)']);
    for (const s of same) {
      expect((await h.store.reviews.get(s.item.id))!).toMatchObject({ status: 'resolved', decision: { action: 'relabel', label: 'track_order', operator: 'alice' } });
    }
    expect((await h.store.reviews.get(other.item.id))!.status).toBe('open');
    const after = (await (await c.get('/admin/api/review/clusters')).json()) as { clusters: unknown[] };
    expect(after.clusters).toEqual([]);
  });

  it('refuses a cluster decision with an unknown label or no members, deciding nothing', async () => {
    const a = await seedAsking(1, 'where is my parcel');
    const b = await seedAsking(2, 'where is my parcel');
    expect((await flash(await c.post('/admin/review/cluster', { action: 'relabel', label: 'weather', members: [a.item.id, b.item.id] })))[0]).toBe('error');
    expect((await flash(await c.post('/admin/review/cluster', { action: 'dismiss' })))).toEqual(['error', 'select at least one item']);
    for (const x of [a, b]) expect((await h.store.reviews.get(x.item.id))!.status).toBe('open');
  });

  it('records an operator sentiment correction, and refuses anger on a calm reading', async () => {
    const { item } = await seedReviewItem(h.store);
    const bad = await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'sentiment', sentiment: 'positive', angry: 'on' }));
    expect(bad).toEqual(['error', 'only a negative message can be angry']);
    expect((await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'sentiment', sentiment: 'furious' })))[0]).toBe('error');
    expect((await h.store.reviews.get(item.id))!.status).toBe('open');
    const ok = await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'sentiment', sentiment: 'negative', angry: 'on' }));
    expect(ok).toEqual(['ok', 'Sentiment corrected: it trains the next sentiment model']);
    expect((await h.store.reviews.get(item.id))!.decision).toMatchObject({ action: 'sentiment', sentiment: { label: 'negative', angry: true }, operator: 'alice' });
  });
});
