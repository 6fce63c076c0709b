import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { ShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

/** `SHOPMATE_DATA_KEY`: 64 hex characters or 44 base64 characters (32 bytes). */
export function parseDataKey(raw: string): Buffer {
  const key = /^[0-9a-f]{64}$/i.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
  if (key.length !== 32) {
    throw new ShopmateError('CONFIG_INVALID', 'SHOPMATE_DATA_KEY must be 32 bytes as 64 hex or 44 base64 characters (e.g. `openssl rand -hex 32`)');
  }
  return key;
}

/**
 * The key that seals task data in the database: from the environment when set (keep it out of database backups);
 * otherwise a key file created once in the data dir, readable by its owner only, and announced in the log so the
 * operator knows to back it up with the database. A memory store needs no lasting key.
 */
export function loadDataKey(options: { configured: string | null; keyFile: string; persistent: boolean; logger: Logger }): Buffer {
  if (options.configured) return parseDataKey(options.configured);
  if (!options.persistent) return randomBytes(32);
  if (existsSync(options.keyFile)) return parseDataKey(readFileSync(options.keyFile, 'utf8').trim());
  mkdirSync(dirname(options.keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(options.keyFile, `${key.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  chmodSync(options.keyFile, 0o600);
  options.logger.info('created a data key for sealed conversation data; back it up with the database or set SHOPMATE_DATA_KEY', { keyFile: options.keyFile });
  return key;
}
