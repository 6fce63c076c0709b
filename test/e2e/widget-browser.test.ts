import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryFeedbackSink } from '../../src/channels/feedback-sink.ts';
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
    const { app } = createServer({
      bot: fakeBot({ delayMs: 150 }).handle,
      feedback,
      logger: silentLogger,
      webhook: { secret: 'e2e-secret' },
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
});
