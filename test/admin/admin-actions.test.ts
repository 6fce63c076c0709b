import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Client, seedReviewItem, startHarness, type Harness } from './admin-harness.ts';

describe('admin actions', () => {
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

  it('shows a review item with its conversation and predicted ranking, escaped', async () => {
    await seedReviewItem(h.store, { text: '<script>alert(1)</script> gift wrap?' });
    const page = await (await c.get('/admin/review')).text();
    expect(page).toContain('hello there');
    expect(page).toContain('thanks');
    expect(page).toMatch(/return_item<\/span><span class="bar"><span style="width:31%">/);
    expect(page).not.toContain('<script>alert(1)');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('filters and pages the queue', async () => {
    for (let i = 0; i < 12; i++) await seedReviewItem(h.store, { conversationId: `web:c${i}`, userId: `web:u${i}`, at: new Date(Date.UTC(2026, 2, 1 + i)) });
    const page1 = await (await c.get('/admin/review')).text();
    expect(page1).toContain('12 open items');
    expect(page1.match(/data-review-item=/g)).toHaveLength(10);
    expect(page1).toContain('Page 1 of 2');
    const page2 = await (await c.get('/admin/review?page=2')).text();
    expect(page2.match(/data-review-item=/g)).toHaveLength(2);
    const ranged = await (await c.get('/admin/review?from=2026-03-03&to=2026-03-04')).text();
    expect(ranged).toContain('2 open items');
    expect(await (await c.get('/admin/review?reason=thumbs_down')).text()).toContain('0 open items');
    expect((await c.get('/admin/review?reason=bogus')).status).toBe(400);
  });

  it('relabels an item and records the operator', async () => {
    const { item } = await seedReviewItem(h.store);
    const [kind, text] = await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'relabel', label: 'track_order' }));
    expect(kind).toBe('ok');
    expect(text).toMatch(/1 item resolved/);
    const after = await h.store.reviews.get(item.id);
    expect(after!.status).toBe('resolved');
    expect(after!.decision).toMatchObject({ action: 'relabel', label: 'track_order', operator: 'alice' });
  });

  it('refuses unknown labels and badly named new intents, leaving the item open', async () => {
    const { item } = await seedReviewItem(h.store);
    expect((await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'relabel', label: 'made_up' })))[0]).toBe('error');
    expect((await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'new_intent', label: 'Gift Wrap' })))[0]).toBe('error');
    expect((await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'new_intent', label: 'track_order' })))[0]).toBe('error');
    expect((await h.store.reviews.get(item.id))!.status).toBe('open');
    await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'new_intent', label: 'gift_wrapping' }));
    expect((await h.store.reviews.get(item.id))!.decision).toMatchObject({ action: 'new_intent', label: 'gift_wrapping', operator: 'alice' });
  });

  it('turns a question into a FAQ entry that is searchable at once', async () => {
    const { item } = await seedReviewItem(h.store);
    const before = await h.knowledge.search('can I get it gift wrapped', { kinds: ['faq'], k: 1 });
    expect(before[0]?.id).toBe('faq-shipping');
    const [kind] = await flash(await c.post(`/admin/review/${item.id}/decide`, { action: 'new_faq', question: 'Can I get my order gift wrapped?', answer: 'Yes, gift wrapping costs 3 EUR at checkout.' }));
    expect(kind).toBe('ok');
    const hits = await h.knowledge.search('can I get it gift wrapped', { kinds: ['faq'], k: 1 });
    expect(hits[0]).toMatchObject({ id: `faq-review-${item.id}`, answer: 'Yes, gift wrapping costs 3 EUR at checkout.' });
    expect((await h.store.reviews.get(item.id))!.decision).toMatchObject({ action: 'new_faq', operator: 'alice', faq: { question: 'Can I get my order gift wrapped?' } });
  });

  it('applies a bulk action to the selected items only', async () => {
    const a = await seedReviewItem(h.store, { conversationId: 'web:a', userId: 'web:ua' });
    const b = await seedReviewItem(h.store, { conversationId: 'web:b', userId: 'web:ub' });
    const other = await seedReviewItem(h.store, { conversationId: 'web:c', userId: 'web:uc' });
    const [kind, text] = await flash(await c.post('/admin/review/bulk', { action: 'mark_oos', ids: [a.item.id, b.item.id], label: '' }));
    expect([kind, text]).toEqual(['ok', '2 items resolved (mark oos)']);
    for (const x of [a, b]) expect((await h.store.reviews.get(x.item.id))!.decision).toMatchObject({ action: 'mark_oos', operator: 'alice' });
    expect((await h.store.reviews.get(other.item.id))!.status).toBe('open');
  });

  it('decides through the JSON API with the CSRF header', async () => {
    const { item } = await seedReviewItem(h.store);
    const res = await c.request('POST', '/admin/api/review/decisions', { json: { ids: [item.id], action: 'dismiss' } }, { 'x-csrf-token': c.csrf });
    expect(res.status).toBe(200);
    expect((await h.store.reviews.get(item.id))!).toMatchObject({ status: 'dismissed', decision: { operator: 'alice' } });
    const again = await c.request('POST', '/admin/api/review/decisions', { json: { ids: [item.id], action: 'dismiss' } }, { 'x-csrf-token': c.csrf });
    expect(again.status).toBe(409);
  });

  it('replies to a handed-off customer through deliver, logs it, and hands back to the bot', async () => {
    const { conversationId } = await seedReviewItem(h.store);
    await h.store.conversations.update(conversationId, { ownership: 'agent' });
    h.clock.now = new Date(h.clock.now.getTime() + 5 * 60_000);
    const inbox = await (await c.get('/admin/handoffs')).text();
    expect(inbox).toContain(conversationId);
    expect(inbox).toContain('5 min');
    const path = `/admin/handoffs/${encodeURIComponent(conversationId)}`;
    expect((await flash(await c.post(`${path}/reply`, { text: 'Hi, Sam here. Yes, we can gift wrap it!' })))[0]).toBe('ok');
    expect(h.delivered).toEqual([{ conversationId, reply: { kind: 'text', text: 'Hi, Sam here. Yes, we can gift wrap it!' } }]);
    const turns = await h.store.turns.listByConversation(conversationId);
    expect(turns.at(-1)).toMatchObject({ messageId: expect.stringMatching(/^operator:alice:/), text: '', replies: [{ kind: 'text', text: 'Hi, Sam here. Yes, we can gift wrap it!' }] });
    expect(await (await c.get(path)).text()).toContain('alice (operator)');
    await flash(await c.post(`${path}/hand-back`));
    expect((await h.store.conversations.get(conversationId))!.ownership).toBe('bot');
    expect((await flash(await c.post(`${path}/reply`, { text: 'too late' })))[0]).toBe('error');
    expect(h.delivered).toHaveLength(1);
  });

  it('closes a handoff', async () => {
    const { conversationId } = await seedReviewItem(h.store);
    await h.store.conversations.update(conversationId, { ownership: 'agent' });
    await flash(await c.post(`/admin/handoffs/${encodeURIComponent(conversationId)}/close`));
    expect((await h.store.conversations.get(conversationId))!.ownership).toBe('closed');
    expect(await (await c.get('/admin/handoffs')).text()).toContain('Nobody is waiting');
  });

  it('retrains and rolls back through AdminLearning', async () => {
    const [, text] = await flash(await c.post('/admin/models/retrain'));
    expect(text).toBe('Trained intent-test-1 and promoted it: no regression');
    await flash(await c.post('/admin/models/retrain'));
    const page = await (await c.get('/admin/models')).text();
    expect(page).toContain('Roll back to this version');
    expect(page).toContain('forced accuracy');
    expect((await flash(await c.post('/admin/models/intent-test-1/rollback')))[1]).toBe('intent-test-1 is now the serving model');
    expect(h.learning.rollbacks).toEqual(['intent-test-1']);
    expect((await h.store.models.getServing('intent'))!.version).toBe('intent-test-1');
    expect((await flash(await c.post('/admin/models/intent-test-1/rollback')))[0]).toBe('error');
  });

  it('shows a refused candidate as a refusal, not a success', async () => {
    h.learning.refuseNext = true;
    const [kind, text] = await flash(await c.post('/admin/models/retrain'));
    expect(kind).toBe('warning');
    expect(text).toMatch(/^Refused: intent-test-\d+ was trained but not promoted; the serving model stays\. refused: overall regression accuracy/);
  });

  it('exports and deletes one customer after confirmation', async () => {
    const { userId } = await seedReviewItem(h.store);
    const other = await seedReviewItem(h.store, { conversationId: 'web:other', userId: 'web:other-user' });
    const summary = await (await c.get(`/admin/privacy/customer?userId=${encodeURIComponent(userId)}`)).text();
    expect(summary).toMatch(/messages<\/th><td class="num">3</);
    const exp = await c.post('/admin/privacy/export', { userId });
    expect(exp.headers.get('content-disposition')).toMatch(/attachment; filename="shopmate-export-web_user-1.json"/);
    const data = await exp.json();
    expect(data.userId).toBe(userId);
    expect(data.turns).toHaveLength(3);
    expect(data.reviewItems).toHaveLength(1);
    expect((await flash(await c.post('/admin/privacy/delete', { userId, confirm: 'web:someone-else' })))[0]).toBe('error');
    expect((await h.store.privacy.exportCustomer(userId)).turns).toHaveLength(3);
    const [kind, text] = await flash(await c.post('/admin/privacy/delete', { userId, confirm: userId }));
    expect([kind, text]).toEqual(['ok', `Deleted ${userId}: 1 conversations, 3 messages, 0 feedback, 1 review items, 0 events`]);
    expect((await h.store.privacy.exportCustomer(userId)).turns).toHaveLength(0);
    expect((await h.store.privacy.exportCustomer(other.userId)).turns).toHaveLength(3);
  });

  it('lists the notes the bot left for the team on the inbox page, escaped, and marks them done', async () => {
    await h.store.conversations.getOrCreate({ id: 'web:c-note', channel: 'webhook', userId: 'web:u-note' });
    const note = await h.store.notes.add({ conversationId: 'web:c-note', orderId: '1001', text: 'cancel order 1001 failed <b>by hand</b>' });
    const page = await (await c.get('/admin/handoffs')).text();
    expect(page).toContain('Notes from the bot');
    expect(page).toContain('cancel order 1001 failed &lt;b&gt;by hand&lt;/b&gt;');
    expect(page).toContain('/admin/handoffs/web%3Ac-note');
    expect((await (await c.get('/admin/api/notes')).json()).items).toHaveLength(1);
    const [kind] = await flash(await c.post(`/admin/notes/${note.id}/resolve`, { back: '/admin/handoffs' }));
    expect(kind).toBe('ok');
    expect(await h.store.notes.listOpen()).toEqual([]);
    expect(await (await c.get('/admin/handoffs')).text()).not.toContain('Notes from the bot');
  });
});
