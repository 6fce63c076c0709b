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

/** Token bucket arithmetic shared by every store: refill since `updatedAt`, then take one token if there is one. */
export function takeToken(bucket: { tokens: number; updatedAt: number } | undefined, perMinute: number, now: number) {
  const perMs = perMinute / 60_000;
  const tokens = bucket ? Math.min(perMinute, bucket.tokens + Math.max(0, now - bucket.updatedAt) * perMs) : perMinute;
  if (tokens >= 1) return { decision: { allowed: true as const }, bucket: { tokens: tokens - 1, updatedAt: now } };
  const retryAfterSeconds = Math.max(1, Math.ceil((1 - tokens) / perMs / 1000));
  return { decision: { allowed: false as const, retryAfterSeconds }, bucket: { tokens, updatedAt: now } };
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
