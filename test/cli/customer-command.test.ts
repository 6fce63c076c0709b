import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/index.ts';
import { runCli } from './run-cli.ts';

async function seeded(): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'shopmate-privacy-'));
  const store = await openSqliteStore({ path: join(dataDir, 'shopmate.db') });
  await store.conversations.getOrCreate({ id: 'c-anna', channel: 'webhook', userId: 'anna' });
  await store.turns.append({ conversationId: 'c-anna', channel: 'webhook', messageId: 'm1', userId: 'anna', text: 'where is my order [email]', at: new Date() });
  await store.turns.append({ conversationId: 'c-anna', channel: 'webhook', messageId: 'm0', userId: 'anna', text: 'an old message', at: new Date(Date.now() - 400 * 86_400_000) });
  await store.conversations.getOrCreate({ id: 'c-bob', channel: 'webhook', userId: 'bob' });
  await store.turns.append({ conversationId: 'c-bob', channel: 'webhook', messageId: 'm2', userId: 'bob', text: 'hello', at: new Date() });
  await store.close();
  return dataDir;
}

describe('privacy commands', () => {
  it('exports everything about one customer and nothing about others', async () => {
    const dataDir = await seeded();
    const r = await runCli(['--data-dir', dataDir, 'customer', 'export', 'anna']);
    expect(r.code).toBe(0);
    const data = JSON.parse(r.out);
    expect(JSON.stringify(data)).toContain('where is my order');
    expect(JSON.stringify(data)).not.toContain('c-bob');
  });

  it('deletes a customer only with --yes', async () => {
    const dataDir = await seeded();
    const refused = await runCli(['--data-dir', dataDir, 'customer', 'delete', 'anna']);
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/--yes/);
    const r = await runCli(['--data-dir', dataDir, 'customer', 'delete', 'anna', '--yes']);
    expect(r.code).toBe(0);
    const after = await runCli(['--data-dir', dataDir, 'customer', 'export', 'anna']);
    expect(after.out).not.toContain('where is my order');
    const bob = await runCli(['--data-dir', dataDir, 'customer', 'export', 'bob']);
    expect(bob.out).toContain('hello');
  });

  it('purges turns older than the retention period', async () => {
    const dataDir = await seeded();
    const r = await runCli(['--data-dir', dataDir, 'purge'], { env: { SHOPMATE_RETENTION_DAYS: '365' } });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.out).purgedTurns).toBe(1);
    const after = await runCli(['--data-dir', dataDir, 'customer', 'export', 'anna']);
    expect(after.out).not.toContain('an old message');
    expect(after.out).toContain('where is my order');
  });
});

describe('admin create-user', () => {
  it('creates an operator from a password on stdin and refuses weak or duplicate ones', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shopmate-admin-'));
    const ok = await runCli(['--data-dir', dataDir, 'admin', 'create-user', 'anna', '--role', 'agent'], { stdin: ['a-long-enough-password'] });
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.out)).toEqual({ created: 'anna', role: 'agent' });
    const weak = await runCli(['--data-dir', dataDir, 'admin', 'create-user', 'bob'], { stdin: ['short'] });
    expect(weak.code).toBe(2);
    expect(weak.err).toMatch(/at least 12 characters/);
    const dup = await runCli(['--data-dir', dataDir, 'admin', 'create-user', 'ANNA'], { stdin: ['another-long-password'] });
    expect(dup.code).toBe(1);
    expect(dup.err).toMatch(/CONFLICT/);
  });
});
