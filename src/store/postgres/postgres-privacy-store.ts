import type { PrivacyStore } from '../store.ts';
import { cutoffSchema, idSchema, parseInput } from '../store-schemas.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms, REVIEW_SELECT, toConversation, toEvent, toFeedback, toReviewItem, toTurn, TURN_COLUMNS } from './postgres-rows.ts';

/** The customer's turns: their own, plus every turn in a conversation they own (e.g. an agent's replies). */
const CUSTOMER_TURN_IDS = 'SELECT id FROM turns WHERE user_id = $1 OR conversation_id IN (SELECT id FROM conversations WHERE user_id = $1)';

export function postgresPrivacyStore({ transaction, snapshot, now }: PostgresContext): PrivacyStore {
  return {
    // One snapshot: the export is consistent even while the bot keeps writing.
    async exportCustomer(userId) {
      const u = parseInput(idSchema, userId, 'user id');
      return snapshot(async (q) => {
        const all = async (sql: string) => (await q(sql, [u])).rows;
        return {
          userId: u,
          exportedAt: now(),
          conversations: (await all('SELECT * FROM conversations WHERE user_id = $1 ORDER BY created_at, seq')).map(toConversation),
          turns: (await all(`SELECT ${TURN_COLUMNS} FROM turns WHERE id IN (${CUSTOMER_TURN_IDS}) ORDER BY at, seq`)).map(toTurn),
          feedback: (await all(`SELECT * FROM feedback WHERE turn_id IN (${CUSTOMER_TURN_IDS}) ORDER BY at, seq`)).map(toFeedback),
          reviewItems: (await all(`${REVIEW_SELECT} WHERE r.turn_id IN (${CUSTOMER_TURN_IDS}) ORDER BY r.created_at, r.seq`)).map(toReviewItem),
          events: (await all('SELECT * FROM events WHERE user_id = $1 ORDER BY at, id')).map(toEvent),
        };
      });
    },
    // Dependents are deleted explicitly (not only by cascade) so each count is reported; order respects the FKs.
    async deleteCustomer(userId) {
      const u = parseInput(idSchema, userId, 'user id');
      return transaction(async (q) => {
        const count = async (sql: string) => (await q(sql, [u])).rowCount ?? 0;
        const feedback = await count(`DELETE FROM feedback WHERE turn_id IN (${CUSTOMER_TURN_IDS})`);
        const reviewItems = await count(`DELETE FROM review_items WHERE turn_id IN (${CUSTOMER_TURN_IDS})`);
        const turns = await count(`DELETE FROM turns WHERE id IN (${CUSTOMER_TURN_IDS})`);
        const conversations = await count('DELETE FROM conversations WHERE user_id = $1');
        const events = await count('DELETE FROM events WHERE user_id = $1');
        return { conversations, turns, feedback, reviewItems, events };
      });
    },
    async purgeOlderThan(cutoff) {
      const c = ms(parseInput(cutoffSchema, cutoff, 'cutoff'));
      return transaction(async (q) => {
        const count = async (sql: string) => (await q(sql, [c])).rowCount ?? 0;
        // feedback and review_items go with their turn through ON DELETE CASCADE, in the same statement.
        const turns = await count('DELETE FROM turns WHERE at < $1');
        // A conversation goes once nothing happened in it since the cutoff and none of its turns is left: its saved
        // state (history, sealed task data) goes with it.
        const conversations = await count(
          `DELETE FROM conversations c WHERE GREATEST(c.updated_at, COALESCE(c.last_message_at, 0)) < $1
             AND NOT EXISTS (SELECT 1 FROM turns t WHERE t.conversation_id = c.id)
             AND NOT EXISTS (SELECT 1 FROM feedback f WHERE f.conversation_id = c.id)`,
        );
        const events = await count('DELETE FROM events WHERE at < $1');
        // Notes of purged conversations went with them (ON DELETE CASCADE); old notes without one go by age.
        await count('DELETE FROM operator_notes WHERE created_at < $1');
        await count('DELETE FROM outbox WHERE at < $1');
        return { turns, conversations, events };
      });
    },
  };
}
