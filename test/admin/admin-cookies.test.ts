import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cookieHeader, parseCookies } from '../../src/server/admin/admin-auth.ts';
import { Client, startHarness, type Harness } from './admin-harness.ts';

describe('parseCookies', () => {
  it('reads several cookies with odd spacing', () => {
    expect({ ...parseCookies('a=1;b=2 ;  c = 3 ;\td=4\t') }).toEqual({ a: '1', b: '2', c: '3', d: '4' });
    expect({ ...parseCookies(undefined) }).toEqual({});
    expect({ ...parseCookies('') }).toEqual({});
    const junk = parseCookies(';;; ; =x; novalue; e=5');
    expect(junk.e).toBe('5');
    expect(junk.novalue).toBeUndefined();
  });

  it('drops the quotes around a quoted value and keeps "=" inside a value', () => {
    expect(parseCookies('sid="abc.def"; other=a=b=c').sid).toBe('abc.def');
    expect(parseCookies('other=a=b=c').other).toBe('a=b=c');
    expect(parseCookies('q="').q).toBe('"');
  });

  it('percent-decodes and skips a badly encoded value instead of throwing', () => {
    expect(parseCookies('x=caf%C3%A9').x).toBe('café');
    expect(parseCookies('x=%E0%A4%A; y=ok').x).toBeUndefined();
    expect(parseCookies('x=%E0%A4%A; y=ok').y).toBe('ok');
    // A broken cookie of the same name (another app on the host) does not hide a good one after it.
    expect(parseCookies('sid=%ZZ; sid=good').sid).toBe('good');
  });

  it('keeps the first of two cookies with the same name', () => {
    expect(parseCookies('sid=first; sid=second').sid).toBe('first');
  });

  it('treats names like __proto__ and constructor as plain cookies', () => {
    const c = parseCookies('__proto__=p; constructor=c; hasOwnProperty=h; toString=t');
    expect(c.constructor).toBe('c');
    // Cookies named like Object's methods: their values are plain strings, never methods to call.
    /* eslint-disable @typescript-eslint/unbound-method */
    expect(c.hasOwnProperty).toBe('h');
    expect(c.toString).toBe('t');
    /* eslint-enable @typescript-eslint/unbound-method */
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('writes Set-Cookie headers that it reads back', () => {
    const header = cookieHeader('shopmate_admin', 'a b;c', { secure: true, maxAgeSeconds: 60 });
    expect(header).toMatch(/^shopmate_admin=[^;\s]+; Max-Age=60; Path=\/admin; HttpOnly; Secure; SameSite=Strict$/);
    expect(parseCookies(header.split(';')[0]).shopmate_admin).toBe('a b;c');
  });
});

describe('session cookie in odd Cookie headers', () => {
  let h: Harness;
  let sid: string;
  beforeEach(async () => {
    h = await startHarness();
    const c = new Client(h.url);
    await c.login();
    sid = c.cookies.get('shopmate_admin')!;
  });
  afterEach(() => h.close());

  const session = (cookie: string) => fetch(`${h.url}/admin/api/session`, { headers: { cookie } });

  it('finds the session among other cookies, with spaces and quotes', async () => {
    for (const cookie of [`theme=dark; shopmate_admin=${sid}; cart=%7B%7D`, `  shopmate_admin = ${sid} ;`, `shopmate_admin="${sid}"`, `broken=%E0%A4%A; shopmate_admin=${sid}`]) {
      expect((await session(cookie)).status, cookie).toBe(200);
    }
  });

  it('answers 401, never 500, for malformed or foreign session cookies', async () => {
    for (const cookie of ['shopmate_admin=%ZZ', 'shopmate_admin=', 'shopmate_admin', '=;=;', `shopmate_admin=${sid}x`, '__proto__=x; constructor=y']) {
      expect((await session(cookie)).status, cookie).toBe(401);
    }
  });
});
