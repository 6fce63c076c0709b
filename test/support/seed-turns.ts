import type { SqliteStore } from '../../src/store/index.ts';

const DAY = 86_400_000;
export const SEEDED_PRODUCTS = ['sofa', 'lamp', 'table', 'rug', 'bed'];
const INTENTS = ['track_order', 'product_information', 'discounts_coupons', 'product_availability', 'greeting'];

/**
 * Writes `turns` turns (10 per conversation, over the 29 days before `now`) with feedback and click events straight
 * into a SQLite database, in one transaction: appending them one by one would take minutes. As in a shop's log,
 * most turns are about orders; one in five is about a product (named or shown on cards).
 */
export function seedTurns(db: SqliteStore['db'], options: { turns: number; now: number }): void {
  const TURNS = options.turns;
  const NOW = options.now;
  const conv = db.prepare("INSERT INTO conversations (id, channel, user_id, ownership, state, version, created_at, updated_at, ownership_changed_at) VALUES (?, 'webhook', ?, 'bot', '{}', 1, 0, 0, 0)");
  const turn = db.prepare(`INSERT INTO turns (id, conversation_id, channel, message_id, user_id, text, intents, top_intent, out_of_scope, in_scope_score, sentiment, entities, replies, latency_ms, model_version, at)
    VALUES (@id, @c, 'webhook', @id, @u, @text, @intents, @top, @oos, 0.8, @sentiment, @entities, @replies, 30, @model, @at)`);
  const feedback = db.prepare("INSERT INTO feedback (id, turn_id, conversation_id, kind, value, at) VALUES (?, ?, ?, 'thumbs', ?, ?)");
  const event = db.prepare("INSERT INTO events (user_id, product_id, kind, at) VALUES (?, ?, 'click', ?)");
  db.transaction(() => {
    for (let c = 0; c < TURNS / 10; c++) conv.run(`c${c}`, `u${c}`);
    for (let i = 0; i < TURNS; i++) {
      const top = INTENTS[Math.floor(i / 3) % INTENTS.length]!;
      const p = SEEDED_PRODUCTS[Math.floor(i / 10) % SEEDED_PRODUCTS.length]!;
      const at = NOW - 29 * DAY + Math.floor((i / TURNS) * 29 * DAY);
      turn.run({
        id: `t${i}`, c: `c${i % (TURNS / 10)}`, u: `u${i % (TURNS / 10)}`, at, top, oos: i % 13 === 0 ? 1 : 0, model: `v${i % 3}`,
        text: i % 7 === 0 ? `is the ${p} too expensive` : `how much is the ${p}`,
        intents: JSON.stringify([{ intent: top, score: (i % 100) / 100 }, { intent: 'greeting', score: 0.01 }]),
        sentiment: JSON.stringify({ label: 'neutral', scores: { positive: 0.2, negative: 0.1, neutral: 0.7 }, angry: false, angerScore: 0 }),
        entities: JSON.stringify(i % 10 === 0 ? [{ type: 'product', value: { productId: p, candidates: [] }, raw: p, start: 0, end: 3, confidence: 0.9 }] : []),
        replies: JSON.stringify(i % 5 === 0 ? [{ kind: 'product_cards', products: [{ productId: p, title: p, price: 10, currency: 'EUR', image: '', url: '', inStock: i % 3 !== 0 }] }] : [{ kind: 'text', text: 'Your order left our warehouse yesterday.' }]),
      });
      if (i % 40 === 0) feedback.run(`f${i}`, `t${i}`, `c${i % (TURNS / 10)}`, i % 80 === 0 ? '"up"' : '"down"', at);
      if (i % 20 === 0) event.run(`u${i}`, p, at);
    }
  })();
}
