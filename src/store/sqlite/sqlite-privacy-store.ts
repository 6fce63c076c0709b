import type { PrivacyStore } from '../store.ts';
import { cutoffSchema, idSchema, parseInput } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toConversation, toEvent, toFeedback, toReviewItem, toTurn, TURN_COLUMNS } from './sqlite-rows.ts';

/** The customer's turns: their own, plus every turn in a conversation they own (e.g. an agent's replies). */
const CUSTOMER_TURN_IDS = `SELECT id FROM turns WHERE user_id = @u OR conversation_id IN (SELECT id FROM conversations WHERE user_id = @u)`;

export function sqlitePrivacyStore({ db, now }: SqliteContext): PrivacyStore {
  const conversations = db.prepare('SELECT * FROM conversations WHERE user_id = @u ORDER BY created_at, rowid');
  const turns = db.prepare(`SELECT ${TURN_COLUMNS} FROM turns WHERE id IN (${CUSTOMER_TURN_IDS}) ORDER BY at, seq`);
  const feedback = db.prepare(`SELECT * FROM feedback WHERE turn_id IN (${CUSTOMER_TURN_IDS}) ORDER BY at, seq`);
  const reviews = db.prepare(
    `SELECT r.*, t.top_intent AS intent FROM review_items r JOIN turns t ON t.id = r.turn_id
     WHERE r.turn_id IN (${CUSTOMER_TURN_IDS}) ORDER BY r.created_at, r.seq`,
  );
  const events = db.prepare('SELECT * FROM events WHERE user_id = @u ORDER BY at, id');

  const delFeedback = db.prepare(`DELETE FROM feedback WHERE turn_id IN (${CUSTOMER_TURN_IDS})`);
  const delReviews = db.prepare(`DELETE FROM review_items WHERE turn_id IN (${CUSTOMER_TURN_IDS})`);
  const delTurns = db.prepare(`DELETE FROM turns WHERE id IN (${CUSTOMER_TURN_IDS})`);
  const delConversations = db.prepare('DELETE FROM conversations WHERE user_id = @u');
  const delEvents = db.prepare('DELETE FROM events WHERE user_id = @u');
  const purgeTurns = db.prepare('DELETE FROM turns WHERE at < @c');
  // A conversation goes once nothing happened in it since the cutoff and none of its turns is left: its saved state
  // (history, sealed task data) goes with it.
  const purgeConversations = db.prepare(
    `DELETE FROM conversations WHERE MAX(updated_at, COALESCE(last_message_at, 0)) < @c
       AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = conversations.id)
       AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.conversation_id = conversations.id)`,
  );
  const purgeEvents = db.prepare('DELETE FROM events WHERE at < @c');
  const purgeNotes = db.prepare('DELETE FROM operator_notes WHERE created_at < @c');
  const purgeOutbox = db.prepare('DELETE FROM outbox WHERE at < @c');
  // feedback and review_items go with their turn through ON DELETE CASCADE, in the same statement.
  const purgeTx = db.transaction((c: number) => {
    const counts = { turns: purgeTurns.run({ c }).changes, conversations: purgeConversations.run({ c }).changes, events: purgeEvents.run({ c }).changes };
    purgeNotes.run({ c });
    purgeOutbox.run({ c });
    return counts;
  });

  // One read transaction: the export is a consistent snapshot even while the bot keeps writing.
  const exportTx = db.transaction((u: string) => ({
    userId: u,
    exportedAt: now(),
    conversations: conversations.all({ u }).map(toConversation),
    turns: turns.all({ u }).map(toTurn),
    feedback: feedback.all({ u }).map(toFeedback),
    reviewItems: reviews.all({ u }).map(toReviewItem),
    events: events.all({ u }).map(toEvent),
  }));

  // Dependents are deleted explicitly (not only by cascade) so each count is reported; order respects the FKs.
  const deleteTx = db.transaction((u: string) => {
    const feedbackN = delFeedback.run({ u }).changes;
    const reviewN = delReviews.run({ u }).changes;
    const turnN = delTurns.run({ u }).changes;
    return {
      feedback: feedbackN,
      reviewItems: reviewN,
      turns: turnN,
      conversations: delConversations.run({ u }).changes,
      events: delEvents.run({ u }).changes,
    };
  });

  return {
    async exportCustomer(userId) {
      return exportTx(parseInput(idSchema, userId, 'user id'));
    },
    async deleteCustomer(userId) {
      return deleteTx.immediate(parseInput(idSchema, userId, 'user id'));
    },
    async purgeOlderThan(cutoff) {
      return purgeTx.immediate(ms(parseInput(cutoffSchema, cutoff, 'cutoff')));
    },
  };
}
