import { createHash } from 'node:crypto';
/**
 * Small rules and error constructors shared by every implementation, so they cannot drift apart: the contract
 * suite checks error codes, and both stores must produce them from the same place.
 */
import { ShopmateError } from '../core/errors.ts';
import type { ReviewAction, ReviewStatus } from './types.ts';

/** The stored key of a rate bucket: a hash, because keys hold user ids and IP addresses. */
export function rateKey(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}

/** A token bucket's shape: `capacity` tokens at most (the burst), refilled at `perMinute`. */
export interface BucketLimit {
  perMinute: number;
  capacity: number;
}

/** The bucket refilled up to `now` (a bucket never seen is full). */
export function refilledTokens(bucket: { tokens: number; updatedAt: number } | undefined, limit: BucketLimit, now: number): number {
  if (!bucket) return limit.capacity;
  return Math.min(limit.capacity, bucket.tokens + Math.max(0, now - bucket.updatedAt) * (limit.perMinute / 60_000));
}

/**
 * One token, less a rounding crumb: a bucket refilled at 1/15 a minute for exactly 15 minutes holds 0.999999...
 * (PostgreSQL's float8 arithmetic rounds alike; postgres-rate-limit-store.ts uses the same value).
 */
export const WHOLE_TOKEN = 1 - 1e-9;

/** Token bucket arithmetic shared by every store: refill since `updatedAt`, then take one token if there is one. */
export function takeToken(bucket: { tokens: number; updatedAt: number } | undefined, limit: BucketLimit, now: number) {
  const tokens = refilledTokens(bucket, limit, now);
  if (tokens >= WHOLE_TOKEN) return { decision: { allowed: true as const }, bucket: { tokens: Math.max(0, tokens - 1), updatedAt: now } };
  return { decision: { allowed: false as const, retryAfterSeconds: retryAfterSeconds(tokens, limit.perMinute) }, bucket: { tokens, updatedAt: now } };
}

/** Seconds until a bucket holding `tokens` (< 1) holds one again. */
export function retryAfterSeconds(tokens: number, perMinute: number): number {
  return Math.max(1, Math.ceil((WHOLE_TOKEN - tokens) / (perMinute / 60_000) / 1000));
}

/** Gives `count` tokens back (an attempt that should not have counted), never beyond the capacity. */
export function refundTokens(bucket: { tokens: number; updatedAt: number } | undefined, limit: BucketLimit, count: number, now: number) {
  return { tokens: Math.min(limit.capacity, refilledTokens(bucket, limit, now) + count), updatedAt: now };
}

export function notFound(entity: string, id: string | number): ShopmateError {
  return new ShopmateError('NOT_FOUND', `${entity} "${id}" not found`, { details: { entity, id } });
}

export function conflict(message: string, details: Record<string, unknown> = {}): ShopmateError {
  return new ShopmateError('CONFLICT', message, { details });
}

export function closedStore(): ShopmateError {
  return new ShopmateError('INTERNAL', 'store is closed');
}

export function statusForDecision(action: ReviewAction): ReviewStatus {
  return action === 'dismiss' ? 'dismissed' : 'resolved';
}

/** Key of the (channel, messageId) idempotency index; NUL cannot appear in ids coming from JSON/Discord. */
export function messageKey(channel: string, messageId: string): string {
  return `${channel}\u0000${messageId}`;
}

/** Operator usernames are unique case-insensitively; SQLite's NOCASE folds ASCII only, so we do the same. */
export function usernameKey(username: string): string {
  return username.trim().replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/**
 * Wraps every method of a sub-store: rejects (never throws synchronously) once the store is closed, lets the
 * implementation translate low-level errors, and post-processes results (the memory store clones them so callers
 * cannot mutate stored records through a returned reference).
 */
export function guardMethods<T extends object>(
  target: T,
  hooks: {
    isClosed: () => boolean;
    mapError?: (e: unknown) => unknown;
    mapResult?: (v: unknown) => unknown;
    /** Runs the call and resolves only once what it wrote is durable (SQLite's group commit, see WalSync). */
    durably?: (call: () => unknown) => Promise<unknown>;
  },
): T {
  const out: Record<string, unknown> = {};
  for (const [name, fn] of Object.entries(target)) {
    if (typeof fn !== 'function') continue;
    out[name] = async (...args: unknown[]) => {
      if (hooks.isClosed()) throw closedStore();
      try {
        const call = () => fn.apply(target, args);
        const result = await (hooks.durably ? hooks.durably(call) : call());
        return hooks.mapResult ? hooks.mapResult(result) : result;
      } catch (e) {
        throw hooks.mapError ? hooks.mapError(e) : e;
      }
    };
  }
  return out as T;
}

export function badRequest(message: string, details: Record<string, unknown> = {}): ShopmateError {
  return new ShopmateError('BAD_REQUEST', message, { details });
}
