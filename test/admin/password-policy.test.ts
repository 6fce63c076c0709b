import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import { createOperator, ensureFirstAdmin, passwordProblem } from '../../src/server/admin/index.ts';
import { createMemoryStore } from '../../src/store/index.ts';
import { runCli } from '../cli/run-cli.ts';

/** Weak passwords that are all 12+ characters, so only the new rules can refuse them, with the reason expected. */
const WEAK: Array<[string, RegExp]> = [
  ['aaaaaaaaaaaaaaaa', /one character repeated/],
  ['111111111111', /one character repeated/],
  [' aaaaaaaaaaaa ', /one character repeated/],
  ['            ', /only spaces/],
  [' \t \t \t \t \t \t', /only spaces/],
  ['password1234', /too common/],
  ['Password1234', /too common/],
  ['PASSWORD123456', /too common/],
  ['qwertyuiop123', /too common/],
  ['1q2w3e4r5t6y', /too common/],
  ['iloveyou12345', /too common/],
  ['pass word 1234', /too common/],
  ['P@ssw0rd2024!', /too common/],
  ['Sunshine2024!!', /too common/],
  ['Sunshine20242024', /too common/],
  ['michael19870612', /too common/],
  ['correcthorsebatterystaple', /too common/],
];

describe('password policy', () => {
  it.each(WEAK)('refuses %j', (password, reason) => {
    expect(passwordProblem(password)).toMatch(reason);
  });

  it('keeps the length rule and refuses a password that contains the username', () => {
    expect(passwordProblem('short')).toMatch(/at least 12 characters/);
    expect(passwordProblem('🔑🔑🔑🔑🔑🔑')).toMatch(/at least 12 characters/);
    expect(passwordProblem('my-name-is-Alice!', { username: 'alice' })).toMatch(/must not contain the username/);
  });

  it('accepts ordinary strong passwords, including a common word with a long random suffix', () => {
    for (const ok of ['correct horse battery', 'tulip-ladder-orbit-73', 'Gz8#kq2!Lw9@', 'max1938475610293', 'a long enough password']) {
      expect(passwordProblem(ok, { username: 'alice' }), ok).toBeNull();
    }
  });
});

describe('every way of setting a password applies the policy', () => {
  it('createOperator answers 400 (BAD_REQUEST) with the reason', async () => {
    const store = createMemoryStore();
    for (const [password, reason] of WEAK) {
      await expect(createOperator({ store, username: 'anna', password, role: 'agent' })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(reason) });
    }
    expect(await store.operators.list()).toEqual([]);
  });

  it('the first admin from the environment', async () => {
    const store = createMemoryStore();
    const env = { SHOPMATE_ADMIN_USER: 'root', SHOPMATE_ADMIN_PASSWORD: 'password123456' };
    await expect(ensureFirstAdmin({ store, env, logger: silentLogger })).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringMatching(/too common/) });
    await expect(ensureFirstAdmin({ store, env: { ...env, SHOPMATE_ADMIN_PASSWORD: 'zzzzzzzzzzzzzz' }, logger: silentLogger })).rejects.toThrow(/one character repeated/);
    expect(await store.operators.list()).toEqual([]);
  });

  it('shopmate admin create-user (exit code 2 and the reason on stderr)', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'shopmate-policy-'));
    for (const [password, reason] of [['qwerty123456', /too common/], ['              ', /only spaces/], ['............', /one character repeated/]] as const) {
      const r = await runCli(['--data-dir', dataDir, 'admin', 'create-user', 'bob'], { stdin: [password] });
      expect(r.code, password).toBe(2);
      expect(r.err).toMatch(reason);
    }
    const ok = await runCli(['--data-dir', dataDir, 'admin', 'create-user', 'bob'], { stdin: ['tulip-ladder-orbit-73'] });
    expect(ok.code).toBe(0);
  });
});
