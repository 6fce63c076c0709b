import { createBot, type Bot } from '../../src/bot.ts';
import type { ProductCard, Reply } from '../../src/core/message.ts';
import type { Middleware } from '../../src/core/pipeline.ts';
import type { Turn } from '../../src/core/turn.ts';
import { MemoryTurnLog } from '../../src/feedback/turn-log.ts';
import { turnLogMiddleware } from '../../src/feedback/turn-log-middleware.ts';
import { typingMiddleware } from '../../src/core/error-reply-middleware.ts';

export const LAMP: ProductCard = {
  productId: 'lamp-01',
  title: 'Oak Table Lamp',
  price: 89,
  currency: 'USD',
  image: '/images/products/lamp-01.svg',
  url: 'https://shop.example/products/lamp-01',
  inStock: true,
};

/** Paragraphs of prose, 4,500 characters: long enough that Discord must split it. */
export const LONG_TEXT = Array.from({ length: 30 }, (_, i) => `Paragraph ${i + 1}: ${'the quick brown fox jumps over the lazy dog '.repeat(3).trim()}.`)
  .join('\n\n')
  .padEnd(4500, ' and more words')
  .slice(0, 4500);

/** Plays the dialogue layer with fixed answers, so channel tests need no models. */
export function scriptedReplies(text: string): Reply[] {
  const t = text.toLowerCase();
  if (t.includes('where is my order')) {
    return [
      { kind: 'text', text: 'Order NW-1042 shipped yesterday and arrives Friday.' },
      { kind: 'quick_replies', text: 'Anything else?', options: [{ label: 'Track parcel', value: 'track my parcel' }, { label: 'Talk to a person', value: 'talk to a person' }] },
      { kind: 'product_cards', text: 'You might also like', products: [LAMP] },
    ];
  }
  if (t.includes('track my parcel')) return [{ kind: 'text', text: 'Tracking: parcel is at the local depot.' }];
  if (t.includes('talk to a person')) return [{ kind: 'handoff', text: 'A colleague will take over shortly.', queuePosition: 2 }];
  if (t.includes('long answer')) return [{ kind: 'text', text: LONG_TEXT }];
  if (t.includes('agent owns')) return [];
  return [{ kind: 'text', text: `You said: ${text}` }];
}

export interface FakeBot extends Bot {
  /** How often the dialogue layer ran (retries answered from the turn log do not count). */
  calls: () => number;
  log: MemoryTurnLog;
}

/** A real Bot (createBot + turn log + typing middleware) with a scripted middleware in place of NLU/dialogue. */
export function fakeBot(options: { delayMs?: number } = {}): FakeBot {
  let calls = 0;
  const log = new MemoryTurnLog();
  const dialogue: Middleware<Turn> = async (turn, next) => {
    calls++;
    if (options.delayMs) await new Promise((r) => setTimeout(r, options.delayMs));
    turn.replies = scriptedReplies(turn.message.text);
    await next();
  };
  const bot = createBot([turnLogMiddleware({ log, redaction: { orderIds: false } }), typingMiddleware(), dialogue]);
  return Object.assign(bot, { calls: () => calls, log });
}
