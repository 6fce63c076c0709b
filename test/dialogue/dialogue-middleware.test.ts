import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.ts';
import type { Middleware } from '../../src/core/pipeline.ts';
import type { Turn } from '../../src/core/turn.ts';
import { MemoryConversationStateStore } from '../../src/dialogue/conversation-state-store.ts';
import { dialogueMiddleware } from '../../src/dialogue/dialogue-middleware.ts';
import { demoDialogueDeps, nluFor } from '../support/dialogue-deps.ts';

describe('dialogueMiddleware', () => {
  it('saves the conversation without emails, card or phone numbers in clear, and records the intent acted on', async () => {
    const { deps, catalog } = await demoDialogueDeps();
    const states = new MemoryConversationStateStore();
    const nlu: Middleware<Turn> = async (turn) => {
      turn.nlu = nluFor(turn.message.text, [['track_order', 0.95]], {}, catalog);
    };
    const bot = createBot([dialogueMiddleware({ states, deps }), nlu]);
    const turn = await bot.handleTurn({
      messageId: 'm1', conversationId: 'c1', userId: 'u1', channel: 'memory', receivedAt: new Date(),
      text: 'where is SM-100815? lukas.schneider@example.org, card 4111 1111 1111 1111, phone +31 6 1234 5678',
    });
    expect(turn.intent).toBe('track_order');
    const saved = JSON.stringify((await states.load('c1'))!.history);
    expect(saved).toContain('[email]');
    expect(saved).toContain('[card]');
    expect(saved).toContain('[phone]');
    expect(saved).not.toMatch(/lukas\.schneider|4111|1234 5678/);
  });
});

describe('dialogueMiddleware and another user', () => {
  it("refuses another user's conversation id before reading its state any further: a pending cancel stays pending", async () => {
    const { deps, catalog, orders } = await demoDialogueDeps();
    const states = new MemoryConversationStateStore();
    const ranking: Record<string, Array<[string, number]>> = { 'cancel SM-100815 lukas.schneider@example.org': [['cancel_order', 0.99]], yes: [['goodbye', 0.9]] };
    const nlu: Middleware<Turn> = async (turn) => {
      turn.nlu = nluFor(turn.message.text, ranking[turn.message.text] ?? [['oos', 1]], {}, catalog);
    };
    const bot = createBot([dialogueMiddleware({ states, deps }), nlu]);
    const message = (userId: string, text: string, n: number) => ({ messageId: `m${n}`, conversationId: 'c1', userId, channel: 'webhook' as const, receivedAt: new Date(), text });
    await bot.handle(message('victim', 'cancel SM-100815 lukas.schneider@example.org', 1));
    expect((await states.load('c1'))!.task).toMatchObject({ name: 'cancel_order', step: 'confirm' });
    await expect(bot.handle(message('attacker', 'yes', 2))).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await states.load('c1'))!.task).toMatchObject({ name: 'cancel_order', step: 'confirm' });
    expect((await orders.get('SM-100815'))!.status).toBe('pending');
  });
});

describe('dialogueMiddleware marks answers to the bot\'s own questions', () => {
  it('marks order ids, emails and yes/no a task asked for as slot answers, and a new question as none', async () => {
    const { deps, catalog } = await demoDialogueDeps();
    const states = new MemoryConversationStateStore();
    const ranking: Record<string, Array<[string, number]>> = {
      'I want to cancel my order': [['cancel_order', 0.97]],
      'SM-100815': [['track_order', 0.4]],
      'lukas.schneider@example.org': [['oos', 1]],
      yes: [['goodbye', 0.5]],
      'do you sell gift cards?': [['gift_cards', 0.9]],
    };
    const nlu: Middleware<Turn> = async (turn) => {
      turn.nlu = nluFor(turn.message.text, ranking[turn.message.text] ?? [['oos', 1]], {}, catalog);
    };
    const bot = createBot([dialogueMiddleware({ states, deps }), nlu]);
    let n = 0;
    const say = async (text: string) => (await bot.handleTurn({ messageId: `m${++n}`, conversationId: 'c1', userId: 'u1', channel: 'webhook', receivedAt: new Date(), text })).slotAnswer;
    expect(await say('I want to cancel my order')).toBe(false);
    expect(await say('SM-100815')).toBe(true);
    expect(await say('lukas.schneider@example.org')).toBe(true);
    expect(await say('yes')).toBe(true);
    expect(await say('do you sell gift cards?')).toBe(false);
  });
});
