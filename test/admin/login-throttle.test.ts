import { afterEach, describe, expect, it } from 'vitest';
import { StoreLoginThrottle, type LoginLimits } from '../../src/server/admin/index.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { addressKey } from '../../src/server/client-address.ts';
import { Client, PASSWORD, startHarness, type Harness } from './admin-harness.ts';

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

async function harness(loginLimits?: LoginLimits): Promise<Harness> {
  h = await startHarness({ loginLimits });
  return h;
}

/** A client at one address with the sign-in form loaded once, so many attempts can go out at the same time. */
async function signInForm(url: string, address: string) {
  const client = new Client(url, address);
  const page = await (await client.get('/admin/login')).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page)![1]!;
  return (username: string, password: string) => client.request('POST', '/admin/login', { form: { _csrf: csrf, username, password } });
}

const alert = async (res: Response) => /role="alert">([^<]*)</.exec(await res.text())?.[1];
const advance = (h: Harness, ms: number) => void (h.clock.now = new Date(h.clock.now.getTime() + ms));

describe('sign-in throttling per address', () => {
  it('answers 429 with Retry-After to a burst from one address, before any password is checked', async () => {
    // The pair lock is set out of reach here, so only the per-address limit can stop the burst.
    const h = await harness({ perAddress: { attempts: 10, windowMs: 60_000 }, perAccount: { failures: 1000, lockMs: 60_000 } });
    const attempt = await signInForm(h.url, '203.0.113.7');
    const burst = await Promise.all(Array.from({ length: 300 }, (_, i) => attempt('alice', `guess-${i}`)));
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(10);
    expect(statuses.filter((s) => s === 429)).toHaveLength(290);
    // 10 a minute: the next attempt is allowed in 6 seconds.
    const refused = burst.find((r) => r.status === 429)!;
    expect(refused.headers.get('retry-after')).toBe('6');
    expect(await alert(refused)).toBe('Too many sign-in attempts from your address. Try again in 6 seconds.');
    // The right password is refused too, and only the 10 admitted attempts ever reached the password check.
    expect((await attempt('alice', PASSWORD)).status).toBe(429);
    expect((await h.store.operators.getByUsername('alice'))!.failedLogins).toBe(10);
    // Another address is not affected; the first one may try again once a token is back, and only once.
    expect((await (await signInForm(h.url, '198.51.100.4'))('alice', PASSWORD)).status).toBe(303);
    advance(h, 6_000);
    expect((await attempt('alice', 'wrong again')).status).toBe(401);
    expect((await attempt('alice', PASSWORD)).status).toBe(429);
    advance(h, 6_000);
    expect((await attempt('alice', PASSWORD)).status).toBe(303);
  });

  it('does not count successful sign-ins', async () => {
    const h = await harness({ perAddress: { attempts: 3, windowMs: 60_000 } });
    // A success ends the form (its token cookie is cleared), hence a fresh form each time.
    for (let i = 0; i < 8; i++) expect((await (await signInForm(h.url, '203.0.113.8'))('alice', PASSWORD)).status).toBe(303);
    const again = await signInForm(h.url, '203.0.113.8');
    for (let i = 0; i < 3; i++) expect((await again('alice', `wrong-${i}`)).status).toBe(401);
    expect((await again('alice', PASSWORD)).status).toBe(429);
  });

  it('counts an IPv6 client by its /64 network', async () => {
    const h = await harness({ perAddress: { attempts: 2, windowMs: 60_000 } });
    for (const address of ['2001:db8:1:2::a', '2001:db8:1:2::b']) expect((await (await signInForm(h.url, address))('alice', 'wrong')).status).toBe(401);
    expect((await (await signInForm(h.url, '2001:db8:1:2:ffff::1'))('alice', PASSWORD)).status).toBe(429);
    expect((await (await signInForm(h.url, '2001:db8:1:3::a'))('alice', PASSWORD)).status).toBe(303);
    expect((await (await signInForm(h.url, '::ffff:192.0.2.1'))('alice', 'wrong')).status).toBe(401);
    expect(addressKey('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(addressKey('2001:db8:1:2::a')).toBe(addressKey('2001:0db8:0001:0002:ffff::1'));
  });
});

describe('failed sign-ins lock only the (address, account) pair', () => {
  it('after 5 failures from address A, A may not try that account for 15 minutes but the owner at B signs in', async () => {
    const h = await harness();
    const attacker = await signInForm(h.url, '203.0.113.9');
    for (let i = 0; i < 5; i++) expect((await attacker('alice', `wrong-${i}`)).status).toBe(401);
    const locked = await attacker('alice', PASSWORD);
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBe('900');
    expect(await alert(locked)).toBe('Too many failed sign-ins to this account from your address. Try again in 15 minutes.');
    expect((await h.store.operators.getByUsername('alice'))!.lockedUntil).toBeNull();

    const owner = new Client(h.url, '198.51.100.20');
    expect((await owner.login('alice', PASSWORD)).status).toBe(303);
    expect((await owner.get('/admin/review')).status).toBe(200);

    advance(h, 14 * 60_000);
    expect((await attacker('alice', PASSWORD)).status).toBe(429);
    advance(h, 60_000);
    expect((await attacker('alice', PASSWORD)).status).toBe(303);
  });

  it('treats unknown usernames the same way, so the lock reveals nothing about which accounts exist', async () => {
    const h = await harness();
    const attempt = await signInForm(h.url, '203.0.113.10');
    for (let i = 0; i < 5; i++) {
      expect((await attempt('mallory', `wrong-${i}`)).status).toBe(401);
      expect((await attempt('alice', `wrong-${i}`)).status).toBe(401);
    }
    const [unknown, known] = [await attempt('mallory', 'x'), await attempt('ALICE', 'x')];
    expect([unknown.status, known.status]).toEqual([429, 429]);
    expect(await alert(unknown)).toBe(await alert(known));
  });
});

describe('StoreLoginThrottle', () => {
  it('locks a pair again on its next failure after the lock expired, until a success resets it', async () => {
    const clock = { t: Date.parse('2026-03-10T12:00:00Z') };
    const store = createMemoryStore({ now: () => new Date(clock.t) });
    const t = new StoreLoginThrottle(store.rateLimits, { perAccount: { failures: 2, lockMs: 1000 }, perAddress: { attempts: 100, windowMs: 60_000 } });
    expect(await t.begin('a', 'alice')).toEqual({ allowed: true });
    expect(await t.begin('a', ' Alice')).toEqual({ allowed: true });
    expect(await t.begin('a', 'alice')).toEqual({ allowed: false, scope: 'account', retryAfterSeconds: 1 });
    expect(await t.begin('b', 'alice')).toEqual({ allowed: true });
    clock.t += 1000;
    expect(await t.begin('a', 'alice')).toEqual({ allowed: true });
    expect((await t.begin('a', 'alice')).allowed).toBe(false);
    clock.t += 1000;
    expect(await t.begin('a', 'alice')).toEqual({ allowed: true });
    await t.succeed('a', 'alice');
    expect(await t.begin('a', 'alice')).toEqual({ allowed: true });
    expect(await t.begin('a', 'alice')).toEqual({ allowed: true });
    expect((await t.begin('a', 'alice')).allowed).toBe(false);
  });

  it('shares its counts between throttles on one store (two instances)', async () => {
    const store = createMemoryStore();
    const limits = { perAddress: { attempts: 3, windowMs: 60_000 } };
    const [onA, onB] = [new StoreLoginThrottle(store.rateLimits, limits), new StoreLoginThrottle(store.rateLimits, limits)];
    const decisions = [];
    for (const t of [onA, onB, onA, onB]) decisions.push(await t.begin('203.0.113.5', `user-${decisions.length}`));
    expect(decisions.map((d) => d.allowed)).toEqual([true, true, true, false]);
    expect(decisions[3]).toEqual({ allowed: false, scope: 'address', retryAfterSeconds: 20 });
  });
});
