import type { LabeledText } from '../../src/nlu/intent/intent-classifier.ts';
import type { Store } from '../../src/store/store.ts';

/**
 * Sends each text as a customer message (a logged turn), flags it for review and resolves it with the given label,
 * the way an operator works the review queue: new intents are `new_intent`, known ones `relabel`.
 */
export async function reviewAsOperator(store: Store, rows: readonly LabeledText[], options: { known: ReadonlySet<string>; stage: string; customers?: number }): Promise<void> {
  const customers = options.customers ?? 200;
  const byLabel = new Map<string, string[]>();
  for (const [i, row] of rows.entries()) {
    const userId = `customer-${i % customers}`;
    const conversationId = `${options.stage}-${userId}`;
    await store.conversations.getOrCreate({ id: conversationId, channel: 'memory', userId });
    const { turn } = await store.turns.append({ conversationId, channel: 'memory', messageId: `${options.stage}-${i}`, userId, text: row.text });
    const item = await store.reviews.enqueue({ turnId: turn.id, reason: 'low_confidence', priority: 1 });
    byLabel.set(row.label, [...(byLabel.get(row.label) ?? []), item.id]);
  }
  for (const [label, ids] of byLabel) {
    const action = options.known.has(label) ? 'relabel' : 'new_intent';
    for (let i = 0; i < ids.length; i += 1000) await store.reviews.bulkResolve(ids.slice(i, i + 1000), { action, label, operator: 'bench' });
  }
}
