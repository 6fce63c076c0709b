import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PASSWORD, seedReviewItem, startHarness, type Harness } from './admin-harness.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[admin-browser] skipped: no Chromium at ${CHROMIUM} (install with: apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('operator dashboard in Chromium', () => {
  let h: Harness;
  let browser: Browser;
  let admin: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    h = await startHarness({ widget: true, dialogue: true });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    admin.on('pageerror', (e) => pageErrors.push(e.message));
    admin.on('dialog', (d) => void d.accept());
    mkdirSync('test-output', { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await h?.close();
  });

  const flash = () => admin.locator('.flash').first();

  it('signs in and relabels a review item', async () => {
    const { item } = await seedReviewItem(h.store);
    await admin.goto(`${h.url}/admin/review`);
    await admin.getByLabel('Username').fill('alice');
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.screenshot({ path: 'test-output/admin-login.png' });
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Review queue' }).waitFor();
    await admin.screenshot({ path: 'test-output/admin-review.png', fullPage: true });
    const card = admin.locator(`[data-review-item="${item.id}"]`);
    await card.getByLabel('Relabel to').selectOption('track_order');
    await card.getByRole('button', { name: 'Relabel' }).click();
    expect(await flash().textContent()).toBe('1 item resolved (relabel)');
    expect((await h.store.reviews.get(item.id))!.decision).toMatchObject({ action: 'relabel', label: 'track_order', operator: 'alice' });
  }, 60_000);

  it('turns a question into a FAQ entry', async () => {
    const { item } = await seedReviewItem(h.store, { conversationId: 'web:faq', userId: 'web:faq-user', text: 'do you offer gift wrapping' });
    await admin.goto(`${h.url}/admin/review`);
    const card = admin.locator(`[data-review-item="${item.id}"]`);
    await card.getByText('Turn into a FAQ entry').click();
    await card.getByLabel('Answer').fill('Yes: choose gift wrapping at checkout (3 EUR).');
    await card.getByRole('button', { name: 'Add FAQ entry' }).click();
    expect(await flash().textContent()).toContain('FAQ entry added');
    const hits = await h.knowledge.search('gift wrapping', { kinds: ['faq'], k: 1 });
    expect(hits[0]!.answer).toBe('Yes: choose gift wrapping at checkout (3 EUR).');
  }, 60_000);

  it('relabels a whole cluster of similar messages with one decision', async () => {
    const seeded = [];
    for (const [i, text] of ['my parcel never arrived', 'My parcel never arrived!', 'never arrived: my parcel'].entries()) {
      seeded.push(await seedReviewItem(h.store, { conversationId: `web:cl-${i}`, userId: `web:cl-user-${i}`, text }));
    }
    await admin.goto(`${h.url}/admin/review`);
    const cluster = admin.locator('[data-review-cluster]', { hasText: 'my parcel never arrived' });
    expect(await cluster.locator('[data-cluster-count]').textContent()).toBe('3 messages');
    await cluster.getByLabel('Relabel cluster to').selectOption('track_order');
    await admin.screenshot({ path: 'test-output/admin-review-clusters.png', fullPage: true });
    await cluster.getByRole('button', { name: 'Relabel all' }).click();
    expect(await flash().textContent()).toBe('Cluster: 3 items resolved (relabel)');
    for (const { item } of seeded) {
      expect((await h.store.reviews.get(item.id))!).toMatchObject({ status: 'resolved', decision: { action: 'relabel', label: 'track_order', operator: 'alice' } });
    }
    expect(await admin.locator('[data-review-cluster]', { hasText: 'my parcel never arrived' }).count()).toBe(0);
  }, 60_000);

  it('retrains and rolls back', async () => {
    await admin.goto(`${h.url}/admin/models`);
    await admin.getByRole('button', { name: 'Retrain now' }).click();
    expect(await flash().textContent()).toContain('Trained intent-test-1 and promoted it');
    await admin.getByRole('button', { name: 'Retrain now' }).click();
    expect(await flash().textContent()).toContain('Trained intent-test-2');
    await admin.locator('[data-model-version="intent-test-1"]').getByRole('button', { name: 'Roll back to this version' }).click();
    expect(await flash().textContent()).toBe('intent-test-1 is now the serving model');
    expect(h.learning.rollbacks).toEqual(['intent-test-1']);
    await admin.screenshot({ path: 'test-output/admin-models.png', fullPage: true });
  }, 60_000);

  it('runs the bundled dashboard script: select all, confirmation prompt, busy label', async () => {
    await seedReviewItem(h.store, { conversationId: 'web:sel-1', userId: 'web:sel-user-1' });
    await seedReviewItem(h.store, { conversationId: 'web:sel-2', userId: 'web:sel-user-2' });
    await admin.goto(`${h.url}/admin/review`);
    const boxes = admin.locator('input[type=checkbox][name="ids"]');
    expect(await boxes.count()).toBeGreaterThanOrEqual(2);
    await admin.getByLabel('Select all on this page').check();
    expect(await boxes.evaluateAll((els) => els.every((e) => (e as HTMLInputElement).checked))).toBe(true);
    await admin.getByLabel('Select all on this page').uncheck();
    expect(await boxes.evaluateAll((els) => els.some((e) => (e as HTMLInputElement).checked))).toBe(false);

    // This time the operator declines the prompt: the rollback must not be sent.
    const prompts: string[] = [];
    admin.removeAllListeners('dialog');
    admin.on('dialog', (d) => void (prompts.push(d.message()), d.dismiss()));
    await admin.goto(`${h.url}/admin/models`);
    const rollbacks = h.learning.rollbacks.length;
    await admin.locator('[data-model-version="intent-test-2"]').getByRole('button', { name: 'Roll back to this version' }).click();
    expect(prompts).toEqual(['Make intent-test-2 the serving model?']);
    expect(h.learning.rollbacks).toHaveLength(rollbacks);

    // The busy label: hold the retrain so the page shows the state while it runs.
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const retrainNow = h.learning.retrainNow.bind(h.learning);
    h.learning.retrainNow = async () => (await held, retrainNow());
    const clicking = admin.getByRole('button', { name: 'Retrain now' }).click();
    const busy = await admin.waitForFunction(() => {
      const b = document.querySelector<HTMLButtonElement>('form[data-busy] button[type=submit]');
      return b?.disabled ? b.textContent : null;
    });
    expect(await busy.jsonValue()).toBe('Training… this can take a few minutes');
    release();
    await clicking;
    await admin.locator('.flash').first().waitFor();
    h.learning.retrainNow = retrainNow;
    admin.removeAllListeners('dialog');
    admin.on('dialog', (d) => void d.accept());
  }, 60_000);

  it('draws the analytics charts by hour over one day of data, with price-demand signals and their CSV', async () => {
    // One morning of traffic (the harness clock says 2026-03-10T12:00Z): hourly buckets spanning 08:00-11:00.
    await h.store.conversations.getOrCreate({ id: 'web:analytics', channel: 'webhook', userId: 'web:analytics-user' });
    const turn = (n: number, hour: number, intent: string, text: string, productId: string) => h.store.turns.append({
      conversationId: 'web:analytics', channel: 'webhook', messageId: `analytics-${n}`, userId: 'web:analytics-user', text,
      at: new Date(Date.UTC(2026, 2, 10, hour, 15)), intents: [{ intent, score: 0.9 }],
      entities: [{ type: 'product', value: { productId, candidates: [] }, raw: productId, start: 0, end: 1, confidence: 0.9 }],
    });
    await turn(1, 8, 'product_information', 'how much is the sofa', 'sofa-oslo');
    await turn(2, 11, 'discounts_coupons', 'any discount on the lamp', 'lamp-arlo');
    await admin.goto(`${h.url}/admin/analytics?days=1`);
    await admin.locator('[data-analytics][data-ready="true"]').waitFor({ state: 'attached', timeout: 10_000 });
    expect(await admin.locator('canvas').count()).toBe(6);
    type ChartLike = { data: { labels: string[]; datasets: Array<{ label: string; data: number[] }> } };
    const chartData = (id: string) => admin.evaluate((canvasId) => {
      const chart = (window as unknown as { Chart: { getChart(c: HTMLCanvasElement): ChartLike | undefined } }).Chart.getChart(document.getElementById(canvasId) as HTMLCanvasElement);
      return chart ? { labels: chart.data.labels, datasets: chart.data.datasets.map((d) => ({ label: d.label, data: d.data })) } : null;
    }, id);
    const messages = await chartData('chart-messages');
    expect(messages?.labels).toEqual(['03-10 08:00', '03-10 09:00', '03-10 10:00', '03-10 11:00']);
    const demand = await chartData('chart-demand');
    expect(demand?.labels).toEqual(messages?.labels);
    expect(demand?.datasets.find((d) => d.label === 'price questions')?.data).toEqual([1, 0, 0, 0]);
    expect(demand?.datasets.find((d) => d.label === 'discount requests')?.data).toEqual([0, 0, 0, 1]);
    await expect.poll(() => admin.locator('[data-demand] tbody tr').count()).toBe(2);
    const [download] = await Promise.all([admin.waitForEvent('download'), admin.getByRole('link', { name: 'Download CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('shopmate-price-demand-2026-03-10-1d.csv');
    await admin.screenshot({ path: 'test-output/admin-analytics.png', fullPage: true });
  }, 60_000);

  it('answers a handed-off web chat customer, who sees the agent message in the widget', async () => {
    const shop = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    shop.on('pageerror', (e) => pageErrors.push(e.message));
    await shop.goto(`${h.url}/`);
    await shop.getByRole('button', { name: /chat with us/i }).click();
    const input = shop.getByRole('textbox', { name: 'Type your message' });
    await input.fill('I want to talk to a person');
    await input.press('Enter');
    await shop.locator('.smw-bot').first().waitFor();
    const state = await shop.evaluate(() => JSON.parse(localStorage.getItem('shopmate.widget.v1')!) as { conversationId: string; userId: string });
    // The fake bot keeps no store; record the handoff the way the real dialogue would.
    const conversationId = `web:${state.conversationId}`;
    await h.store.conversations.getOrCreate({ id: conversationId, channel: 'webhook', userId: `web:${state.userId}`, ownership: 'agent' });
    await h.store.turns.append({ conversationId, channel: 'webhook', messageId: 'browser-1', userId: `web:${state.userId}`, text: 'I want to talk to a person', replies: [{ kind: 'handoff', text: 'A colleague will be with you shortly.' }] });

    await admin.goto(`${h.url}/admin/handoffs`);
    await admin.getByRole('link', { name: conversationId }).click();
    await admin.getByLabel('Reply to the customer').fill('Hi, Sam here from the shop. How can I help?');
    await admin.getByRole('button', { name: 'Send reply' }).click();
    expect(await flash().textContent()).toBe('Reply sent to the customer');
    await admin.screenshot({ path: 'test-output/admin-handoff.png', fullPage: true });

    await shop.locator('.smw-agent').getByText('Hi, Sam here from the shop. How can I help?').waitFor({ timeout: 12_000 });
    expect(await shop.locator('.smw-agent-label').first().textContent()).toBe('Support agent');
    await shop.screenshot({ path: 'test-output/widget-agent.png' });

    await admin.getByRole('button', { name: 'Hand back to bot' }).click();
    expect((await h.store.conversations.get(conversationId))!.ownership).toBe('bot');
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('live inbox: a handoff and the customer\'s next message appear without reload; waiting resets on a reply', async () => {
    await admin.goto(`${h.url}/admin/handoffs`);
    await admin.locator('[data-live][data-connected="true"]').waitFor({ state: 'attached' });
    // Survives only as long as the page is not reloaded.
    await admin.evaluate(() => void ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    const notReloaded = () => admin.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded === true);

    const shop = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    shop.on('pageerror', (e) => pageErrors.push(e.message));
    await shop.goto(`${h.url}/`);
    await shop.getByRole('button', { name: /chat with us/i }).click();
    const input = shop.getByRole('textbox', { name: 'Type your message' });
    await input.fill('Can I speak to a person please');
    await input.press('Enter');
    await shop.locator('.smw-bot').first().waitFor();
    const state = await shop.evaluate(() => JSON.parse(localStorage.getItem('shopmate.widget.v1')!) as { conversationId: string });
    const conversationId = `web:${state.conversationId}`;

    const row = admin.locator(`tr[data-conversation="${conversationId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.textContent()).toContain('asked for a person');
    expect(await row.locator('[data-waiting]').textContent()).toBe('waiting 0 min');
    expect(await notReloaded()).toBe(true);
    await admin.screenshot({ path: 'test-output/admin-live-inbox.png', fullPage: true });

    await row.getByRole('link', { name: conversationId }).click();
    await admin.locator('[data-live][data-connected="true"]').waitFor({ state: 'attached' });
    await admin.evaluate(() => void ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    h.clock.now = new Date(h.clock.now.getTime() + 6 * 60_000);
    await input.fill('hello? this is ridiculous, where is everyone');
    await input.press('Enter');
    const live = admin.locator('[data-live]');
    await live.locator('.msg.customer', { hasText: 'this is ridiculous' }).waitFor({ timeout: 10_000 });
    expect(await live.locator('[data-waiting]').textContent()).toBe('waiting 6 min');
    expect(await live.locator('[data-sentiment]').textContent()).toBe('angry');
    expect(await notReloaded()).toBe(true);

    await admin.getByLabel('Reply to the customer').fill('Sorry for the wait, I am here now.');
    await admin.getByRole('button', { name: 'Send reply' }).click();
    expect(await flash().textContent()).toBe('Reply sent to the customer');
    expect(await admin.locator('[data-live] [data-waiting]').textContent()).toBe('answered');
    await shop.locator('.smw-agent').getByText('Sorry for the wait, I am here now.').waitFor({ timeout: 12_000 });

    // The customer answers: the clock starts again from their message, live.
    await admin.locator('[data-live][data-connected="true"]').waitFor({ state: 'attached' });
    h.clock.now = new Date(h.clock.now.getTime() + 2 * 60_000);
    await input.fill('thank you, it is about my last order');
    await input.press('Enter');
    await live.locator('.msg.customer', { hasText: 'about my last order' }).waitFor({ timeout: 10_000 });
    expect(await live.locator('[data-waiting]').textContent()).toBe('waiting 0 min');
    await admin.screenshot({ path: 'test-output/admin-live-conversation.png', fullPage: true });
    await shop.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
