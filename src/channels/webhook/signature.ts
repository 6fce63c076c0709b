import { createHmac, timingSafeEqual } from 'node:crypto';
import { ShopmateError } from '../../core/errors.ts';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">`. */
export const SIGNATURE_HEADER = 'x-shopmate-signature';

function hmacHex(secret: string, t: number, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${t}.`).update(rawBody).digest('hex');
}

/** What a caller (the shop backend, the chat proxy, tests, the benchmark) puts in X-Shopmate-Signature. */
export function signWebhookBody(secret: string, rawBody: Buffer | string, nowSeconds = Math.floor(Date.now() / 1000)): string {
  return `t=${nowSeconds},v1=${hmacHex(secret, nowSeconds, rawBody)}`;
}

export interface VerifyOptions {
  secret: string;
  header: string | undefined;
  rawBody: Buffer;
  nowSeconds: number;
  toleranceSeconds: number;
}

/**
 * Throws UNAUTHORIZED unless the header carries a fresh timestamp and a matching v1 HMAC. The timestamp is inside
 * the signed payload, so an attacker can neither replay an old request nor move its timestamp forward. Several v1
 * entries are accepted so the secret can be rotated without downtime (sign with both while rolling out).
 */
export function verifyWebhookSignature(options: VerifyOptions): void {
  const { header, nowSeconds, toleranceSeconds } = options;
  if (!header) throw unauthorized('missing X-Shopmate-Signature header');
  const parts = header.split(',').map((p) => p.trim().split('='));
  const tRaw = parts.find(([k]) => k === 't')?.[1];
  const signatures = parts.filter(([k, v]) => k === 'v1' && v !== undefined && /^[0-9a-f]{64}$/i.test(v)).map(([, v]) => v!);
  const t = tRaw !== undefined && /^\d{1,12}$/.test(tRaw) ? Number(tRaw) : NaN;
  if (!Number.isSafeInteger(t) || signatures.length === 0) throw unauthorized('malformed X-Shopmate-Signature header');
  if (Math.abs(nowSeconds - t) > toleranceSeconds) throw unauthorized('signature timestamp outside the tolerance window');
  const expected = Buffer.from(hmacHex(options.secret, t, options.rawBody), 'hex');
  // Check every candidate (no early exit) so timing does not reveal which entry matched.
  let ok = false;
  for (const s of signatures) ok = timingSafeEqual(expected, Buffer.from(s, 'hex')) || ok;
  if (!ok) throw unauthorized('signature does not match');
}

function unauthorized(message: string): ShopmateError {
  return new ShopmateError('UNAUTHORIZED', message);
}
