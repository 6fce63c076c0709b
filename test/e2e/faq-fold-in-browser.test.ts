import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { serve, type RunningBot } from '../../src/serve.ts';
import { createOperator } from '../../src/server/admin/index.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`[faq-fold-in-browser] skipped: no Chromium at ${CHROMIUM} (install with: apt-get install -y chromium)`);

const PASSWORD = 'a long enough password';
const ANSWER = 'Yes: we engrave names or a short text on wooden boards for 7.50 EUR. Add a note at checkout.';

/**
 * The operator loop on a real server with trained models: a question the bot cannot answer reaches the review queue,
 * the operator turns it into a FAQ entry in the dashboard, and the widget customer then gets the new answer for the
 * same question and for a paraphrase, without a restart.
 */
describe.skipIf(!hasChromium)('FAQ fold-in: dashboard entry answers in the widget', () => {
  let bot: RunningBot;
  let browser: Browser;
  let shop: Page;
  let admin: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const trained = await prepareTrainedModels();
    const config = { ...trained, server: { ...trained.server, port: 0, host: '127.0.0.1', webhookSecret: 'faq-fold-in-secret-0123456789' }, store: { kind: 'memory' as const, path: '' } };
    bot = await serve({ config, logger: silentLogger });
    await createOperator({ store: bot.app.store, username: 'olga', password: PASSWORD, role: 'agent' });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
    });
    shop = await browser.newPage({ viewport: { width: 1000, height: 760 } });
    admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    for (const p of [shop, admin]) p.on('pageerror', (e) => pageErrors.push(e.message));
    mkdirSync('test-output', { recursive: true });
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await bot?.stop();
  });

  const ask = async (text: string) => {
    const before = await shop.locator('.smw-bot').count();
    const input = shop.getByRole('textbox', { name: 'Type your message' });
    await input.fill(text);
    await input.press('Enter');
    await expect.poll(() => shop.locator('.smw-bot').count(), { timeout: 20_000 }).toBeGreaterThan(before);
    await shop.locator('.smw-typing').waitFor({ state: 'hidden' });
    return (await shop.locator('.smw-bot').allTextContents()).slice(before).join('\n');
  };

  it('turns a review item into a FAQ entry that answers the question and a paraphrase at once', async () => {
    await shop.goto(`${bot.http.url}/`);
    await shop.getByRole('button', { name: /chat with us/i }).click();
    expect(await ask('do you offer engraving?')).not.toContain('we engrave');

    await admin.goto(`${bot.http.url}/admin/review`);
    await admin.getByLabel('Username').fill('olga');
    await admin.getByLabel('Password').fill(PASSWORD);
    await admin.getByRole('button', { name: 'Sign in' }).click();
    await admin.getByRole('heading', { name: 'Review queue' }).waitFor();
    const card = admin.locator('[data-review-item]', { hasText: 'do you offer engraving?' }).first();
    await card.getByText('Turn into a FAQ entry').click();
    await card.getByLabel('Answer').fill(ANSWER);
    await card.getByRole('button', { name: 'Add FAQ entry' }).click();
    expect(await admin.locator('.flash').first().textContent()).toContain('FAQ entry added');

    expect(await ask('do you offer engraving?')).toContain(ANSWER);
    expect(await ask('is engraving something you offer?')).toContain(ANSWER);
    await shop.screenshot({ path: 'test-output/widget-faq-fold-in.png' });
    expect(pageErrors).toEqual([]);
  }, 120_000);
});
