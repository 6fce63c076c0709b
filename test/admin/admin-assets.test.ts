import { Script } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_SCRIPTS, buildAdminScript } from '../../src/server/admin/admin-script-bundle.ts';
import { Client, startHarness, type Harness } from './admin-harness.ts';

describe('dashboard scripts bundled from TypeScript', () => {
  let h: Harness;
  let c: Client;
  beforeAll(async () => {
    h = await startHarness();
    c = new Client(h.url);
    await c.login();
  });
  afterAll(() => h.close());

  it.each(ADMIN_SCRIPTS)('serves /admin/assets/%s.js as the esbuild bundle of browser/%s.ts, a classic script', async (name) => {
    const res = await c.get(`/admin/assets/${name}.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/javascript/);
    expect(res.headers.get('cache-control')).toBe('private, max-age=300');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const code = await res.text();
    expect(code).toBe((await buildAdminScript(name)).code);
    // A <script src> without type=module: no import/export may survive bundling, and it must parse as a script.
    expect(() => new Script(code)).not.toThrow();
    expect(code).not.toMatch(/\bimport\s*[{*"'(]|\bexport\s/);
    const etag = res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect((await c.request('GET', `/admin/assets/${name}.js`, undefined, { 'if-none-match': etag })).status).toBe(304);
  });

  it('keeps the scripts behind the session check', async () => {
    for (const name of ADMIN_SCRIPTS) expect((await new Client(h.url).get(`/admin/assets/${name}.js`)).status).toBe(303);
  });
});
