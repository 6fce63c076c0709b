import type { RateLimitStore } from '../../store/store.ts';
import { usernameKey } from '../../store/store-rules.ts';

export type LoginDecision = { allowed: true } | { allowed: false; scope: 'address' | 'account'; retryAfterSeconds: number };

/**
 * Brute-force protection of the sign-in form. `address` is a client key (clientKey(req)); `account` is the username
 * as typed, known or not, so a refusal never tells which usernames exist.
 */
export interface LoginThrottle {
  /**
   * Asked before the password is checked. An allowed attempt counts against the address, and as one more consecutive
   * failure of the (address, account) pair, until it succeeds.
   */
  begin(address: string, account: string): Promise<LoginDecision>;
  /** Signed in: the attempt no longer counts against the address, and the pair's failures are forgotten. */
  succeed(address: string, account: string): Promise<void>;
}

export interface LoginLimits {
  /**
   * Attempts one address may make at once, refilled at `attempts` per `windowMs` (successful sign-ins excepted).
   * Default 20 per 15 minutes.
   */
  perAddress?: { attempts: number; windowMs: number };
  /**
   * Consecutive failures after which this address may try this account once per `lockMs`. Default 5, 15 minutes.
   * Only the pair is locked: the owner signing in from elsewhere is not affected by an attacker's failures.
   */
  perAccount?: { failures: number; lockMs: number };
}

export const LOGIN_LIMIT_DEFAULTS = {
  perAddress: { attempts: 20, windowMs: 15 * 60_000 },
  perAccount: { failures: 5, lockMs: 15 * 60_000 },
} as const satisfies Required<LoginLimits>;

/**
 * The throttle in the store's token buckets (`Store.rateLimits`, keys stored hashed), so every instance on one
 * database counts the same attempts. Per address: `attempts` tokens, refilled over `windowMs`. Per pair: `failures`
 * tokens, one back per `lockMs`, so after the lock expired the next failure locks it again, as an attacker's
 * steady state should be; a success refunds the pair in full. The pair is asked first, so an attempt refused for
 * the account does not use the address's budget.
 */
export class StoreLoginThrottle implements LoginThrottle {
  private readonly address: { perMinute: number; capacity: number };
  private readonly pair: { perMinute: number; capacity: number };

  constructor(private readonly buckets: Pick<RateLimitStore, 'take' | 'refund'>, limits: LoginLimits = {}) {
    const perAddress = limits.perAddress ?? LOGIN_LIMIT_DEFAULTS.perAddress;
    const perAccount = limits.perAccount ?? LOGIN_LIMIT_DEFAULTS.perAccount;
    if (!(perAddress.attempts >= 1 && perAccount.failures >= 1)) throw new RangeError('login limits must allow at least one attempt');
    this.address = { capacity: perAddress.attempts, perMinute: (perAddress.attempts * 60_000) / perAddress.windowMs };
    this.pair = { capacity: perAccount.failures, perMinute: 60_000 / perAccount.lockMs };
  }

  async begin(address: string, account: string): Promise<LoginDecision> {
    const pairKey = this.pairKey(address, account);
    const pair = await this.buckets.take(pairKey, this.pair.perMinute, { capacity: this.pair.capacity });
    if (!pair.allowed) return { allowed: false, scope: 'account', retryAfterSeconds: pair.retryAfterSeconds };
    const byAddress = await this.buckets.take(addressKey(address), this.address.perMinute, { capacity: this.address.capacity });
    if (byAddress.allowed) return { allowed: true };
    await this.buckets.refund(pairKey, this.pair.perMinute, { capacity: this.pair.capacity });
    return { allowed: false, scope: 'address', retryAfterSeconds: byAddress.retryAfterSeconds };
  }

  async succeed(address: string, account: string): Promise<void> {
    await this.buckets.refund(this.pairKey(address, account), this.pair.perMinute, { capacity: this.pair.capacity, tokens: this.pair.capacity });
    await this.buckets.refund(addressKey(address), this.address.perMinute, { capacity: this.address.capacity });
  }

  /** Same account however its name is typed ("Alice", " alice"), like the operator store's unique usernames. */
  private pairKey(address: string, account: string): string {
    return `login-pair:${address}\n${usernameKey(account)}`;
  }
}

const addressKey = (address: string) => `login-address:${address}`;
