import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.ts';
import type { Middleware } from '../../src/core/pipeline.ts';
import type { Turn } from '../../src/core/turn.ts';
import { conversationLockMiddleware } from '../../src/dialogue/conversation-lock-middleware.ts';
import { createMemoryStore } from '../../src/store/index.ts';

describe('conversationLockMiddleware', () => {
  it('processes one conversation\'s messages one at a time in arrival order, other conversations alongside', async () => {
    const store = createMemoryStore();
    const log: string[] = [];
    // A slow inner layer (the NLU and dialogue): the first message takes longest.
    const slow: Middleware<Turn> = async (turn) => {
      log.push(`start ${turn.message.text}`);
      await new Promise((resolve) => setTimeout(resolve, turn.message.text === 'a1' ? 60 : 5));
      log.push(`end ${turn.message.text}`);
    };
    const bot = createBot([conversationLockMiddleware((id, work) => store.withConversationLock(id, work)), slow]);
    const message = (conversationId: string, text: string) => ({ messageId: text, conversationId, userId: 'u', channel: 'memory', receivedAt: new Date(), text });
    await Promise.all([bot.handle(message('c-a', 'a1')), bot.handle(message('c-a', 'a2')), bot.handle(message('c-b', 'b1'))]);
    expect(log.indexOf('start a2')).toBeGreaterThan(log.indexOf('end a1'));
    expect(log.indexOf('end b1')).toBeLessThan(log.indexOf('end a1')); // another conversation did not wait
  });
});
