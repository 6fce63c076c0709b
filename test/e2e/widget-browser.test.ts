import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
import { WebhookChannel } from '../../src/channels/webhook/webhook-channel.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { createServer, startServer, type RunningServer } from '../../src/server/index.ts';
import { fakeBot } from '../channels/fake-bot.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[widget-browser] skipped: no Chromium at ${CHROMIUM} (install with: apt-get install -y chromium)`);

describe.skipIf(!hasChromium)('chat widget in Chromium', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const feedback = new MemoryFeedbackSink();

  beforeAll(async () => {
    const web = new WebhookChannel({ webhook: { secret: 'e2e-secret' }, feedback, logger: silentLogger });
    await web.start(fakeBot({ delayMs: 150 }).handle);
    const { app } = createServer({
      logger: silentLogger,
      channels: [web],
      staticRoutes: { productImage: (id) => (id === 'lamp-01' ? { title: 'Oak Table Lamp', category: 'Lighting' } : undefined) },
    });
    server = await startServer(app, 0, '127.0.0.1');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    page = await browser.newPage({ viewport: { width: 1200, height: 800 } });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const visible = (text: string) => page.getByText(text, { exact: false }).first().waitFor({ state: 'visible', timeout: 10_000 });

  it('chats, renders rich replies, sends feedback and keeps history across a reload', async () => {
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await page.goto(server.url + '/');
    await visible('Calm, well-made things');

    await page.getByRole('button', { name: /chat with us/i }).click();
    const input = page.getByRole('textbox', { name: 'Type your message' });
    expect(await input.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);
    await input.fill('where is my order');
    await input.press('Enter');
    await page.locator('.smw-typing:not([hidden])').waitFor({ state: 'visible' });
    await visible('Order NW-1042 shipped yesterday');
    await visible('Oak Table Lamp');
    expect(await page.locator('.smw-card img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    expect(await page.locator('.smw-typing').isHidden()).toBe(true);

    await page.getByRole('button', { name: 'Track parcel' }).click();
    await visible('Tracking: parcel is at the local depot.');

    await page.getByRole('button', { name: 'Not helpful' }).first().click();
    await expect.poll(() => feedback.events.length).toBe(1);
    expect(feedback.events[0]).toMatchObject({ kind: 'thumbs', value: 'down', channel: 'webhook' });
    expect(feedback.events[0]!.replyId).toMatch(/^webhook:web-[A-Za-z0-9_-]{24}:0$/);

    mkdirSync('test-output', { recursive: true });
    await page.screenshot({ path: 'test-output/widget.png' });

    await page.reload();
    await page.getByRole('button', { name: /chat with us/i }).click();
    await visible('Tracking: parcel is at the local depot.');
    expect(await page.locator('.smw-user').allTextContents()).toEqual(['where is my order', 'track my parcel']);
    expect(await page.getByRole('button', { name: 'Not helpful' }).first().getAttribute('aria-pressed')).toBe('true');

    await page.keyboard.press('Escape');
    expect(await page.locator('.smw-panel').isHidden()).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 60_000);

  /** A fresh context (own viewport, empty localStorage) on the browser launched above, with the page opened. */
  async function freshPage(viewport: { width: number; height: number }): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
    const context = await browser.newContext({ viewport });
    context.setDefaultTimeout(5_000);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url + '/');
    await page.getByRole('button', { name: /chat with us/i }).waitFor({ state: 'visible', timeout: 10_000 });
    return { page, errors, close: () => context.close() };
  }

  const box = async (p: Page, selector: string) => {
    const b = await p.locator(selector).boundingBox();
    if (!b) throw new Error(`${selector} is not rendered`);
    return { x: Math.round(b.x), y: Math.round(b.y), width: Math.round(b.width), height: Math.round(b.height) };
  };

  it('hides the launcher while the panel is open and brings it back (with focus) when it closes', async () => {
    const { page: p, errors, close } = await freshPage({ width: 1280, height: 800 });
    try {
      const launcher = p.locator('.smw-launcher');
      const panel = p.locator('.smw-panel');

      await launcher.click();
      await panel.waitFor({ state: 'visible' });
      expect(await launcher.isHidden()).toBe(true);
      expect(await p.getByRole('button', { name: /chat with us/i }).count()).toBe(0);

      await p.getByRole('button', { name: 'Close chat' }).click();
      expect(await panel.isHidden()).toBe(true);
      expect(await launcher.isVisible()).toBe(true);
      expect(await launcher.getAttribute('aria-expanded')).toBe('false');
      expect(await launcher.evaluate((el) => el === (el.getRootNode() as ShadowRoot).activeElement)).toBe(true);

      // Escape closes too, and the launcher comes back the same way.
      await launcher.click();
      expect(await launcher.isHidden()).toBe(true);
      await p.keyboard.press('Escape');
      expect(await panel.isHidden()).toBe(true);
      expect(await launcher.isVisible()).toBe(true);

      // Desktop keeps the floating panel: smaller than the viewport, rounded, off the edges.
      await launcher.click();
      const b = await box(p, '.smw-panel');
      expect(b).not.toEqual({ x: 0, y: 0, width: 1280, height: 800 });
      expect(b.width).toBeLessThanOrEqual(380);
      expect(b.x + b.width).toBeLessThan(1280);
      expect(b.y + b.height).toBeLessThan(800);
      expect(await panel.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('16px');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 30_000);

  it('opens full-screen on a phone: covers the viewport, the log scrolls, the input stays on screen', async () => {
    const { page: p, errors, close } = await freshPage({ width: 375, height: 740 });
    try {
      await p.locator('.smw-launcher').click();
      const panel = p.locator('.smw-panel');
      await panel.waitFor({ state: 'visible' });
      expect(await box(p, '.smw-panel')).toEqual({ x: 0, y: 0, width: 375, height: 740 });
      expect(await panel.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('0px');
      expect(await p.locator('.smw-launcher').isHidden()).toBe(true);

      // Enough turns to overflow the log: the list scrolls inside the panel, the panel itself never grows.
      const input = p.getByRole('textbox', { name: 'Type your message' });
      for (const text of ['where is my order', 'hi do u sell oak side tables', 'track my parcel']) {
        await input.fill(text);
        await input.press('Enter');
        await p.locator('.smw-typing').waitFor({ state: 'hidden' });
      }
      await p.getByText('Tracking: parcel is at the local depot.').waitFor({ state: 'visible' });
      expect(await box(p, '.smw-panel')).toEqual({ x: 0, y: 0, width: 375, height: 740 });
      const log = await p.locator('.smw-log').evaluate((el) => ({ overflowY: getComputedStyle(el).overflowY, scrollHeight: el.scrollHeight, clientHeight: el.clientHeight }));
      expect(log.overflowY).toBe('auto');
      expect(log.scrollHeight).toBeGreaterThan(log.clientHeight);
      const inputBox = await box(p, '.smw-input');
      expect(inputBox.y).toBeGreaterThan(0);
      expect(inputBox.y + inputBox.height).toBeLessThanOrEqual(740);

      mkdirSync('test-output', { recursive: true });
      await p.screenshot({ path: 'test-output/widget-mobile.png' });

      // A shorter viewport (what an on-screen keyboard leaves over) shrinks the panel, the input stays visible.
      await p.setViewportSize({ width: 375, height: 420 });
      expect(await box(p, '.smw-panel')).toEqual({ x: 0, y: 0, width: 375, height: 420 });
      const shortInput = await box(p, '.smw-input');
      expect(shortInput.y + shortInput.height).toBeLessThanOrEqual(420);

      await p.getByRole('button', { name: 'Close chat' }).click();
      expect(await p.locator('.smw-launcher').isVisible()).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 30_000);

  it('renders a handoff reply as one notice, with the queue position only when there is one', async () => {
    const { page: p, errors, close } = await freshPage({ width: 1280, height: 800 });
    try {
      await p.locator('.smw-launcher').click();
      const input = p.getByRole('textbox', { name: 'Type your message' });
      await input.fill('can i talk to a person pls');
      await input.press('Enter');
      const notice = p.locator('.smw-kind-handoff .smw-handoff');
      await notice.waitFor({ state: 'visible', timeout: 10_000 });
      expect(await notice.count()).toBe(1);
      expect(await notice.locator('.smw-handoff-text').textContent()).toBe('A colleague will take over shortly.');
      expect(await notice.locator('.smw-handoff-queue').textContent()).toBe('You are number 2 in the queue.');
      expect(await notice.textContent()).not.toMatch(/position in queue/i);
      // Text and queue line sit in the same box, one under the other.
      const [text, queue, whole] = await Promise.all([box(p, '.smw-handoff-text'), box(p, '.smw-handoff-queue'), box(p, '.smw-handoff')]);
      expect(queue.y).toBeGreaterThanOrEqual(text.y + text.height);
      expect(queue.y + queue.height).toBeLessThanOrEqual(whole.y + whole.height);
      mkdirSync('test-output', { recursive: true });
      await p.locator('.smw-panel').screenshot({ path: 'test-output/widget-handoff.png' });

      // A handoff without queuePosition (restored from history) shows no queue line at all.
      await p.evaluate(() => {
        const key = 'shopmate.widget.v1';
        const state = JSON.parse(localStorage.getItem(key) ?? '{}');
        state.history = [{ role: 'bot', reply: { kind: 'handoff', text: 'Someone from the team will pick this up.', replyId: 'webhook:seeded:0' } }];
        localStorage.setItem(key, JSON.stringify(state));
      });
      await p.reload();
      await p.locator('.smw-launcher').click();
      const seeded = p.locator('.smw-handoff');
      await seeded.waitFor({ state: 'visible' });
      expect(await seeded.textContent()).toBe('Someone from the team will pick this up.');
      expect(await p.locator('.smw-handoff-queue').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  }, 30_000);
});
