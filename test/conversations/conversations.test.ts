import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/core/logger.ts';
import type { SayStep } from '../../src/conversations/conversation-spec.ts';
import { loadConversations } from '../../src/conversations/load-conversations.ts';
import { runConversationFiles } from '../../src/conversations/run-conversation-files.ts';
import type { ConversationReport } from '../../src/conversations/run-conversations.ts';
import { loadIntentFiles } from '../../src/nlu/intent/intent-data.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const specs = loadConversations([join(ROOT, 'test', 'conversations')], { cwd: ROOT });
const says = specs.flatMap((c) => c.turns.filter((t): t is SayStep => 'say' in t));
const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();

describe('the conversation test set', () => {
  it('has at least 200 conversations over every category of the issue', () => {
    expect(specs.length).toBeGreaterThanOrEqual(200);
    const categories = new Set(specs.map((s) => s.category));
    for (const c of ['product_grounding', 'product_search', 'recommendation', 'context', 'orders', 'problem_report', 'policies', 'sentiment', 'handoff', 'languages', 'small_talk_safety']) {
      expect(categories, c).toContain(c);
    }
  });

  it('expects every intent somewhere', () => {
    const expected = new Set(says.flatMap((t) => t.intent ?? []));
    for (const d of loadIntentFiles(join(ROOT, 'intents'))) expect(expected, d.intent).toContain(d.outOfScope ? 'oos' : d.intent);
  });

  it('never reuses a training sentence from intents/ as a customer line', () => {
    const training = new Set(loadIntentFiles(join(ROOT, 'intents')).flatMap((d) => d.examples.map(norm)));
    const reused = says.map((t) => t.say).filter((s) => training.has(norm(s)));
    expect(reused).toEqual([]);
  });
});

describe('the fast conversations through the real bot', () => {
  let report: ConversationReport;
  beforeAll(async () => {
    const config = await prepareTrainedModels();
    const tmp = mkdtempSync(join(tmpdir(), 'shopmate-fast-conversations-'));
    try {
      report = await runConversationFiles({ config, logger: silentLogger, specs: specs.filter((s) => s.fast), databasePath: join(tmp, 'shopmate.db') });
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  it('passes every turn and says nothing harmful', () => {
    const failing = report.failures.map((f) => `${f.file} · ${f.conversation} · turn ${f.turn + 1}: ${f.problems.join('; ')} (bot: ${f.reply.slice(0, 160)})`);
    expect(report.turns).toBeGreaterThan(100);
    expect(report.harmful).toBe(0);
    expect(failing).toEqual([]);
  });
});
