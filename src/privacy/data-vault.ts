import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { ShopmateError } from '../core/errors.ts';

const PREFIX = 'v1.';

/** Seals personal data before the store keeps it and opens it again (DataVault; tests may pass their own). */
export interface Sealer {
  seal(plain: string): string;
  /** Undefined when the value cannot be opened (another key, altered). */
  open(sealed: string): string | undefined;
}

/**
 * Seals the few personal values a running task must keep between messages (the email being verified, the new address
 * before it is confirmed) so the database never holds them in clear. AES-256-GCM: a copied or altered value fails to
 * open instead of decrypting to something else.
 */
export class DataVault implements Sealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new ShopmateError('CONFIG_INVALID', 'the data key must be 32 bytes');
  }

  seal(plain: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
    return PREFIX + Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  /** Undefined when the value was sealed with another key or was altered; the caller drops it. */
  open(sealed: string): string | undefined {
    if (!sealed.startsWith(PREFIX)) return undefined;
    const raw = Buffer.from(sealed.slice(PREFIX.length), 'base64');
    if (raw.length < 28) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
