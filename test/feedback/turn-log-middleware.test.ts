import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Middleware } from '../../src/core/pipeline.ts';
import type { Turn } from '../../src/core/turn.ts';
import { StoreTurnLog } from '../../src/feedback/store-turn-log.ts';
import { turnLogMiddleware } from '../../src/feedback/turn-log-middleware.ts';
import { createMemoryStore } from '../../src/store/index.ts';

describe('turnLogMiddleware retries', () => {
  const setup = () => {
    const store = createMemoryStore();
    const log = new StoreTurnLog({ store, logger: silentLogger, lowConfidenceBelow: 0.45 });
    let runs = 0;
    const brain: Middleware<Turn> = async (turn) => {
      runs += 1;
      turn.replies = [{ kind: 'text', text: `answer for ${turn.message.conversationId}: ${turn.message.text}` }];
    };
    const bot = createBot([turnLogMiddleware({ log, redaction: { orderIds: false } }), brain]);
    const send = (conversationId: string, userId: string, text: string) =>
      bot.handle({ messageId: 'm-1', conversationId, userId, channel: 'webhook', text, receivedAt: new Date() });
    return { send, runs: () => runs };
  };

  it('answers a retry of the same message from the log, without running the bot again', async () => {
    const { send, runs } = setup();
    const first = await send('c-a', 'u-a', 'where is SM-100648');
    expect(await send('c-a', 'u-a', 'where is SM-100648')).toEqual(first);
    expect(runs()).toBe(1);
  });

  it("never gives another conversation's replies to a reused messageId, nor to the same id with other text", async () => {
    const { send, runs } = setup();
    await send('c-a', 'u-a', 'where is SM-100648');
    await expect(send('c-b', 'u-b', 'where is SM-100648')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(send('c-a', 'u-a', 'cancel it')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(runs()).toBe(1);
  });
});
