import type { MessageHandler } from '../../src/bot.ts';
import { createBot } from '../../src/bot.ts';
import type { Reply } from '../../src/core/message.ts';
import type { Middleware } from '../../src/core/pipeline.ts';
import type { Turn } from '../../src/core/turn.ts';
import { MemoryTurnLog } from '../../src/feedback/turn-log.ts';
import { turnLogMiddleware } from '../../src/feedback/turn-log-middleware.ts';

/** A small FAQ the fake bot really searches, so each turn does tokenising, scoring and reply building. */
const FAQ = [
  ['where is my order shipping tracking parcel delivery', 'Your order is on its way; tracking is in your confirmation e-mail.'],
  ['return refund send back exchange', 'You can return items within 30 days for a full refund.'],
  ['cancel order change address', 'Orders can be changed or cancelled until they ship.'],
  ['payment card paypal invoice', 'We accept cards, PayPal and invoice.'],
  ['lamp light bulb lighting', 'Our lamps use standard E27 bulbs.'],
  ['sofa couch fabric clean', 'Most sofa covers are removable and machine washable at 30 degrees.'],
  ['opening hours contact phone person human', 'Our team is available Monday to Friday, 9 to 17.'],
  ['discount voucher code sale', 'Voucher codes are entered at checkout.'],
].map(([keys, answer]) => ({ keys: new Set(keys!.split(' ')), answer: answer! }));

function cheapDialogue(): Middleware<Turn> {
  return async (turn, next) => {
    const tokens = turn.message.text.toLowerCase().normalize('NFKD').split(/[^a-z0-9]+/).filter(Boolean);
    const scored = FAQ.map((f) => ({ f, score: tokens.filter((t) => f.keys.has(t)).length / Math.sqrt(f.keys.size) })).sort((a, b) => b.score - a.score);
    const best = scored[0]!;
    const replies: Reply[] = best.score > 0
      ? [{ kind: 'text', text: best.f.answer }, { kind: 'quick_replies', text: 'Anything else?', options: scored.slice(1, 3).map((s) => ({ label: [...s.f.keys][0]!, value: [...s.f.keys].join(' ') })) }]
      : [{ kind: 'text', text: 'Could you rephrase that?' }];
    turn.replies = replies;
    await next();
  };
}

/**
 * `bench/webhook --transport-only`: a keyword fake (in-memory turn log + FAQ scoring) behind the real webhook channel.
 * It measures HTTP, signature checks and the pipeline plumbing only; it says nothing about the bot's own speed.
 */
export function createTransportOnlyBot(): MessageHandler {
  return createBot([turnLogMiddleware({ log: new MemoryTurnLog(), redaction: { orderIds: false } }), cheapDialogue()]).handle;
}
