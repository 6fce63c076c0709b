import { usernameKey } from '../../store/store-rules.ts';

export type LoginDecision = { allowed: true } | { allowed: false; scope: 'address' | 'account'; retryAfterSeconds: number };

/**
 * Brute-force protection of the sign-in form. Small and async on purpose: a store shared by several instances can
 * implement it later without touching the route. `address` is a client key (clientKey(req)); `account` is the
 * username as typed, known or not, so a refusal never tells which usernames exist.
 */
export interface LoginThrottle {
  /** Asked before the password is checked. An allowed attempt counts against the address until it succeeds. */
  begin(address: string, account: string): Promise<LoginDecision>;
  /** Wrong password or unknown user: one more consecutive failure for this (address, account) pair. */
  fail(address: string, account: string): Promise<void>;
  /** Signed in: the attempt no longer counts against the address, and the pair's failures are forgotten. */
  succeed(address: string, account: string): Promise<void>;
}

export interface LoginLimits {
  /** Attempts one address may make within `windowMs` (successful sign-ins excepted). Default 20 per 15 minutes. */
  perAddress?: { attempts: number; windowMs: number };
  /**
   * Consecutive failures after which this address may not try this account for `lockMs`. Default 5, 15 minutes.
   * Only the pair is locked: the owner signing in from elsewhere is not affected by an attacker's failures.
   */
  perAccount?: { failures: number; lockMs: number };
}

export const LOGIN_LIMIT_DEFAULTS = {
  perAddress: { attempts: 20, windowMs: 15 * 60_000 },
  perAccount: { failures: 5, lockMs: 15 * 60_000 },
} as const satisfies Required<LoginLimits>;

interface PairState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

/** A pair quiet for this long starts again from zero failures. */
const FORGET_PAIR_MS = 24 * 60 * 60_000;

/**
 * In-process implementation: a sliding log of attempt times per address (exact, at most `attempts` entries each) and
 * a failure counter per (address, account) pair. After a pair's lock has expired, its next failure locks it again,
 * until a success or a quiet day resets it. Memory stays bounded: stale entries are swept, then the oldest dropped.
 */
export class MemoryLoginThrottle implements LoginThrottle {
  private readonly attempts = new Map<string, number[]>();
  private readonly pairs = new Map<string, PairState>();
  private readonly perAddress: { attempts: number; windowMs: number };
  private readonly perAccount: { failures: number; lockMs: number };

  constructor(private readonly options: LoginLimits & { now: () => number; maxKeys?: number }) {
    this.perAddress = options.perAddress ?? LOGIN_LIMIT_DEFAULTS.perAddress;
    this.perAccount = options.perAccount ?? LOGIN_LIMIT_DEFAULTS.perAccount;
    if (!(this.perAddress.attempts >= 1 && this.perAccount.failures >= 1)) throw new RangeError('login limits must allow at least one attempt');
  }

  async begin(address: string, account: string): Promise<LoginDecision> {
    const now = this.options.now();
    const pair = this.pairs.get(pairKey(address, account));
    if (pair && pair.lockedUntil > now) return { allowed: false, scope: 'account', retryAfterSeconds: seconds(pair.lockedUntil - now) };
    const recent = this.recentAttempts(address, now);
    if (recent.length >= this.perAddress.attempts) {
      return { allowed: false, scope: 'address', retryAfterSeconds: seconds(recent[0]! + this.perAddress.windowMs - now) };
    }
    recent.push(now);
    this.remember(this.attempts, address, recent);
    return { allowed: true };
  }

  async fail(address: string, account: string): Promise<void> {
    const now = this.options.now();
    const key = pairKey(address, account);
    const old = this.pairs.get(key);
    const failures = old && now - old.lastFailureAt < FORGET_PAIR_MS ? old.failures + 1 : 1;
    const lockedUntil = failures >= this.perAccount.failures ? now + this.perAccount.lockMs : 0;
    this.remember(this.pairs, key, { failures, lastFailureAt: now, lockedUntil });
  }

  async succeed(address: string, account: string): Promise<void> {
    this.pairs.delete(pairKey(address, account));
    // Give the attempt back; which time stamp goes does not matter much, the newest keeps the window tight.
    this.attempts.get(address)?.pop();
  }

  private recentAttempts(address: string, now: number): number[] {
    return (this.attempts.get(address) ?? []).filter((t) => now - t < this.perAddress.windowMs);
  }

  /** Re-inserting keeps Map order = least recently touched first, which is what the size cap drops. */
  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    const maxKeys = this.options.maxKeys ?? 50_000;
    if (map.size <= maxKeys) return;
    this.sweep(this.options.now());
    for (const k of map.keys()) {
      if (map.size <= maxKeys) break;
      map.delete(k);
    }
  }

  private sweep(now: number): void {
    for (const [address, times] of this.attempts) if (!times.some((t) => now - t < this.perAddress.windowMs)) this.attempts.delete(address);
    for (const [key, p] of this.pairs) if (p.lockedUntil <= now && now - p.lastFailureAt >= FORGET_PAIR_MS) this.pairs.delete(key);
  }
}

/** Same account however its name is typed ("Alice", " alice"), like the operator store's unique usernames. */
const pairKey = (address: string, account: string) => `${address}\n${usernameKey(account)}`;
const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
