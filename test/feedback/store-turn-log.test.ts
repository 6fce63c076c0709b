import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot.ts';
import { silentLogger } from '../../src/core/logger.ts';
import type { Middleware } from '../../src/core/pipeline.ts';
import type { Turn } from '../../src/core/turn.ts';
import { StoreTurnLog } from '../../src/feedback/store-turn-log.ts';
import { turnLogMiddleware } from '../../src/feedback/turn-log-middleware.ts';
import { createMemoryStore } from '../../src/store/index.ts';

/** A stand-in for NLU + dialogue: classifies by keyword so the log's review rules can be checked. */
const fakeBrain: Middleware<Turn> = async (turn) => {
  const oos = turn.message.text.includes('weather');
  const score = turn.message.text.includes('hmm') ? 0.2 : 0.9;
  turn.nlu = {
    text: turn.message.text,
    intent: { ranking: [{ intent: 'track_order', score }], outOfScope: oos, inScopeScore: oos ? 0.1 : 0.9 },
    sentiment: { label: 'neutral', scores: { negative: 0, neutral: 1, positive: 0 }, angry: false, angerScore: 0 },
    entities: [{ type: 'email', value: 'a@b.example', raw: 'a@b.example', confidence: 1 }],
    language: { code: 'en', confidence: 0.9, reliable: false },
    modelVersions: { intent: 'v1', sentiment: 's1' },
  };
  turn.outcome = turn.message.text.includes('human') ? 'handoff' : oos ? 'out_of_scope' : 'answered';
  turn.replies = [{ kind: 'text', text: 'ok' }];
};

function setup() {
  const store = createMemoryStore();
  const log = new StoreTurnLog({ store, logger: silentLogger, lowConfidenceBelow: 0.45 });
  const bot = createBot([turnLogMiddleware({ log, redaction: { orderIds: false } }), fakeBrain]);
  let n = 0;
  const say = (text: string, conversationId = 'c1') =>
    bot.handle({ messageId: `m${++n}`, conversationId, userId: 'u1', channel: 'webhook', text, receivedAt: new Date() });
  return { store, say };
}

describe('StoreTurnLog', () => {
  it('stores the redacted text, never the raw personal data', async () => {
    const { store, say } = setup();
    await say('my email is a@b.example, where is my order');
    const [turn] = await store.turns.listByConversation('c1');
    expect(turn.text).toBe('my email is [email], where is my order');
    expect(JSON.stringify(turn.entities)).not.toContain('a@b.example');
    expect(turn.modelVersion).toBe('v1');
    expect(turn.language).toBe('en'); // the language of each message is stored with its turn
  });

  it('queues out-of-scope, low-confidence and handoff turns for review, with priorities', async () => {
    const { store, say } = setup();
    // One conversation each: a handoff right after an answer is a reason of its own (see the follow-up test).
    await say('what is the weather', 'c1');
    await say('hmm', 'c2');
    await say('get me a human', 'c3');
    await say('where is my order', 'c4');
    const open = await store.reviews.listOpen();
    expect(open.items.map((i) => i.reason)).toEqual(['handoff', 'out_of_scope', 'low_confidence']);
  });
});

describe('StoreTurnLog: confidently wrong answers and slot answers', () => {
  it('queues the previous answer when the next message corrects it, repeats it or is a handoff', async () => {
    const { store, say } = setup();
    await say('do you ship to norway', 'k1');
    await say("no, that's not what I asked", 'k1');
    await say('can I pay with klarna', 'k2');
    await say('can i pay with klarna?', 'k2');
    await say('what sizes does the linen shirt come in', 'k3');
    await say('get me a human', 'k3');
    const open = (await store.reviews.listOpen()).items;
    const byText = async (reason: string) => Promise.all(open.filter((i) => i.reason === reason).map(async (i) => (await store.turns.get(i.turnId))!.text));
    expect(await byText('correction')).toEqual(['do you ship to norway']);
    expect(await byText('repeated')).toEqual(['can I pay with klarna']);
    expect(await byText('handoff_after_answer')).toEqual(['what sizes does the linen shirt come in']);
    expect(open[0]!.reason).toBe('correction'); // ranked just under a thumbs-down
  });

  it('never queues a slot answer, nor takes it as a repeated question', async () => {
    const store = createMemoryStore();
    const log = new StoreTurnLog({ store, logger: silentLogger, lowConfidenceBelow: 0.45 });
    const slotBrain: Middleware<Turn> = async (turn) => {
      turn.nlu = {
        text: turn.message.text,
        intent: { ranking: [{ intent: 'track_order', score: 0.1 }], outOfScope: true, inScopeScore: 0.1 },
        sentiment: { label: 'neutral', scores: { negative: 0, neutral: 1, positive: 0 }, angry: false, angerScore: 0 },
        entities: [],
        language: { code: 'en', confidence: 0.9, reliable: false },
        modelVersions: { intent: 'v1', sentiment: 's1' },
      };
      turn.outcome = 'answered';
      turn.slotAnswer = true;
      turn.replies = [{ kind: 'text', text: 'Thanks, and the email address?' }];
    };
    const bot = createBot([turnLogMiddleware({ log, redaction: { orderIds: false } }), slotBrain]);
    for (const [i, text] of ['SM-100231', 'SM-100231', 'yes'].entries()) {
      await bot.handle({ messageId: `s${i}`, conversationId: 'c1', userId: 'u1', channel: 'webhook', text, receivedAt: new Date() });
    }
    expect((await store.reviews.listOpen()).total).toBe(0);
    expect((await store.turns.listByConversation('c1')).map((t) => t.slotAnswer)).toEqual([true, true, true]);
  });
});
