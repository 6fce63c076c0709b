import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

describe('shopmate CLI arguments', () => {
  it('lists every command in --help and exits 0', async () => {
    const r = await runCli(['--help']);
    expect(r.code).toBe(0);
    for (const cmd of ['serve', 'train', 'eval', 'chat']) expect(r.out).toContain(cmd);
  });

  it('documents each command', async () => {
    const r = await runCli(['eval', '--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/--train <file>/);
    expect(r.out).toMatch(/--oos <file>/);
    expect(r.out).toMatch(/--task <task>/);
  });

  it('exits 2 with a clear message for an unknown command', async () => {
    const r = await runCli(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/unknown command 'frobnicate'/);
  });

  it('exits 2 when eval misses --test', async () => {
    const r = await runCli(['eval', '--train', 'x.jsonl']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/required option '--test <file>' not specified/);
  });

  it('exits 2 when the intent eval misses --train', async () => {
    const r = await runCli(['eval', '--test', 'x.jsonl']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/needs --train/);
  });

  it('rejects an unknown task', async () => {
    const r = await runCli(['eval', '--task', 'vibes', '--test', 'x.jsonl']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/Allowed choices are intent, sentiment/);
  });

  it('names the missing file and the bad line of an eval file', async () => {
    const missing = await runCli(['eval', '--train', '/nonexistent/train.jsonl', '--test', '/nonexistent/test.jsonl']);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/\/nonexistent\/train\.jsonl/);
    const dir = mkdtempSync(join(tmpdir(), 'shopmate-cli-'));
    writeFileSync(join(dir, 'bad.jsonl'), '{"text": "hi", "label": "greeting"}\n{"text": "oops"\n');
    const bad = await runCli(['eval', '--train', join(dir, 'bad.jsonl'), '--test', join(dir, 'bad.jsonl')]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/bad\.jsonl:2/);
  });

  it('rejects invalid configuration from the environment', async () => {
    const r = await runCli(['train'], { env: { SHOPMATE_TF_BACKEND: 'quantum' } });
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/CONFIG_INVALID.*nlu\.backend/);
  });
});
