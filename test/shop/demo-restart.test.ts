import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { MemoryChannel } from '../../src/channels/memory/memory-channel.ts';
import { replyToText } from '../../src/core/message.ts';
import { silentLogger } from '../../src/core/logger.ts';
import { buildApp } from '../../src/main.ts';
import { openSqliteStore } from '../../src/store/index.ts';
import { prepareTrainedModels } from '../support/trained-models.ts';

const dir = mkdtempSync(join(tmpdir(), 'shopmate-demo-restart-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** One bot process: the real app on the SQLite file in `dir`, closed again after the conversation. */
async function chat(conversationId: string, lines: string[], config: Awaited<ReturnType<typeof prepareTrainedModels>>): Promise<string[]> {
  const store = await openSqliteStore({ path: join(dir, 'shopmate.db') });
  const app = await buildApp({ config, logger: silentLogger, store });
  const channel = new MemoryChannel();
  await channel.start(app.bot.handle);
  const out: string[] = [];
  for (const [i, line] of lines.entries()) out.push((await channel.say(line, { conversationId, userId: 'u-restart', messageId: `${conversationId}-${i}` })).map(replyToText).join('\n'));
  await channel.stop();
  await app.close();
  await store.close();
  return out;
}

it('keeps a cancellation made in one run for the next conversation after a restart', async () => {
  const trained = await prepareTrainedModels();
  const config = { ...trained, privacy: { ...trained.privacy, dataKey: randomBytes(32).toString('hex') } };
  const first = await chat('c-first', ['I want to cancel order SM-100815', 'lukas.schneider@example.org', 'yes'], config);
  expect(first[2]).toMatch(/order SM-100815 is cancelled/);
  const second = await chat('c-second', ['what is the status of my order SM-100815?', 'lukas.schneider@example.org'], config);
  expect(second.join('\n')).toMatch(/cancelled/i);
  expect(second.join('\n')).not.toMatch(/\bpending\b/i);
});
