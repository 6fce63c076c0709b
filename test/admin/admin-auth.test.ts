import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ensureFirstAdmin, hashPassword, verifyPassword } from '../../src/server/admin/index.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { Client, PASSWORD, startHarness, type Harness } from './admin-harness.ts';

const PAGES = ['/admin', '/admin/review', '/admin/handoffs', '/admin/handoffs/x', '/admin/models', '/admin/analytics', '/admin/analytics/demand.csv', '/admin/privacy', '/admin/assets/chart.js', '/admin/nope'];
const APIS = ['/admin/api/analytics', '/admin/api/review', '/admin/api/handoffs', '/admin/api/models', '/admin/api/session'];

describe('admin auth', () => {
  let h: Harness;
  let c: Client;
  beforeEach(async () => {
    h = await startHarness();
    c = new Client(h.url);
  });
  afterEach(() => h.close());

  it('redirects every page to the login form and answers 401 on the API without a session', async () => {
    for (const p of PAGES) {
      const res = await c.get(p);
      expect(res.status, p).toBe(303);
      expect(res.headers.get('location'), p).toMatch(/^\/admin\/login/);
    }
    for (const p of APIS) expect((await c.get(p)).status, p).toBe(401);
    for (const p of ['/admin/review/x/decide', '/admin/models/retrain', '/admin/privacy/delete']) {
      expect((await c.request('POST', p, { form: { action: 'dismiss' } })).status, p).toBe(303);
    }
    expect((await c.request('POST', '/admin/api/review/decisions', { json: { ids: ['x'], action: 'dismiss' } })).status).toBe(401);
    expect(h.learning.retrains).toBe(0);
  });

  it('logs in with the right password and sets a strict HttpOnly session cookie', async () => {
    const res = await c.login();
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/admin/review');
    const cookie = res.headers.getSetCookie().find((x) => x.startsWith('shopmate_admin='))!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/admin/);
    expect(cookie).not.toMatch(/Secure/);
    const page = await c.get('/admin/review');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Review queue');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const unknown = await c.login('mallory', PASSWORD);
    const wrong = await c.login('alice', 'not the password');
    expect(unknown.status).toBe(401);
    expect(wrong.status).toBe(401);
    const msg = (html: string) => /role="alert">([^<]*)</.exec(html)?.[1];
    expect(msg(await unknown.text())).toBe(msg(await wrong.text()));
    expect(c.cookies.has('shopmate_admin')).toBe(false);
  });

  it('takes the password only as a plain string: an array holding the right one does not log in', async () => {
    const page = await (await c.get('/admin/login')).text();
    const token = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
    const res = await c.request('POST', '/admin/login', { json: { _csrf: token, username: 'alice', password: [PASSWORD] } });
    expect(res.status).toBe(401);
    expect(c.cookies.has('shopmate_admin')).toBe(false);
  });

  it('rejects the login form without its CSRF token', async () => {
    await c.get('/admin/login');
    const res = await c.request('POST', '/admin/login', { form: { _csrf: 'forged', username: 'alice', password: PASSWORD } });
    expect(res.status).toBe(403);
  });

  it('rejects state-changing requests with a missing or wrong CSRF token (forms and JSON API)', async () => {
    await c.login();
    expect((await c.request('POST', '/admin/models/retrain', { form: {} })).status).toBe(403);
    expect((await c.request('POST', '/admin/models/retrain', { form: { _csrf: 'wrong' } })).status).toBe(403);
    expect((await c.request('POST', '/admin/api/review/decisions', { json: { ids: ['x'], action: 'dismiss' } })).status).toBe(403);
    expect((await c.request('POST', '/admin/api/review/decisions', { json: { ids: ['x'], action: 'dismiss' } }, { 'x-csrf-token': 'wrong' })).status).toBe(403);
    expect(h.learning.retrains).toBe(0);
    expect((await c.post('/admin/models/retrain')).status).toBe(303);
    expect(h.learning.retrains).toBe(1);
  });

  it('logs out and the old session id stops working', async () => {
    await c.login();
    const sid = c.cookies.get('shopmate_admin')!;
    expect((await c.post('/admin/logout')).status).toBe(303);
    c.cookies.set('shopmate_admin', sid);
    expect((await c.get('/admin/api/session')).status).toBe(401);
  });

  it('expires idle sessions', async () => {
    await c.login();
    h.clock.now = new Date(h.clock.now.getTime() + 3 * 60 * 60_000);
    expect((await c.get('/admin/api/session')).status).toBe(401);
  });

  it('lets viewers read but not act', async () => {
    const { createOperator } = await import('../../src/server/admin/index.ts');
    await createOperator({ store: h.store, username: 'vic', password: PASSWORD, role: 'viewer' });
    await c.login('vic');
    expect((await c.get('/admin/review')).status).toBe(200);
    expect((await c.post('/admin/models/retrain')).status).toBe(403);
    expect((await c.get('/admin/privacy')).status).toBe(403);
  });
});

describe('admin cookies behind TLS', () => {
  it('marks the session cookie Secure when secureCookies is set', async () => {
    const h = await startHarness({ secureCookies: true });
    try {
      const res = await new Client(h.url).login();
      const cookie = res.headers.getSetCookie().find((x) => x.startsWith('shopmate_admin='))!;
      expect(cookie).toMatch(/; Secure/);
    } finally {
      await h.close();
    }
  });
});

describe('operator passwords', () => {
  it('hashes with salted scrypt and verifies in constant time', async () => {
    const a = await hashPassword('s3cret-enough-pw');
    const b = await hashPassword('s3cret-enough-pw');
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword('s3cret-enough-pw', a)).toBe(true);
    expect(await verifyPassword('s3cret-enough-pX', a)).toBe(false);
    expect(await verifyPassword('x', 'garbage')).toBe(false);
  });

  it('creates the first admin from the environment once', async () => {
    const store = createMemoryStore();
    const env = { SHOPMATE_ADMIN_USER: 'root', SHOPMATE_ADMIN_PASSWORD: 'a long enough password' };
    expect(await ensureFirstAdmin({ store, env: {}, logger: silentLogger })).toBe('not-configured');
    expect(await ensureFirstAdmin({ store, env, logger: silentLogger })).toBe('created');
    expect(await ensureFirstAdmin({ store, env: { ...env, SHOPMATE_ADMIN_PASSWORD: 'another long password' }, logger: silentLogger })).toBe('exists');
    const op = await store.operators.getByUsername('root');
    expect(op!.role).toBe('admin');
    expect(await verifyPassword('a long enough password', op!.passwordHash)).toBe(true);
    await expect(ensureFirstAdmin({ store: createMemoryStore(), env: { SHOPMATE_ADMIN_USER: 'root', SHOPMATE_ADMIN_PASSWORD: 'short' }, logger: silentLogger })).rejects.toThrow(/at least 12/);
  });
});
