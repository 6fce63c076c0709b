import type { FeedbackStore } from '../store.ts';
import { notFound } from '../store-rules.ts';
import { idSchema, newFeedbackSchema, parseInput } from '../store-schemas.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms, toFeedback } from './postgres-rows.ts';

export function postgresFeedbackStore({ query, transaction, now, newId }: PostgresContext): FeedbackStore {
  const list = async (column: 'turn_id' | 'conversation_id', id: string) =>
    (await query(`SELECT * FROM feedback WHERE ${column} = $1 ORDER BY at, seq`, [id])).rows.map(toFeedback);
  return {
    async add(input) {
      const f = parseInput(newFeedbackSchema, input, 'feedback');
      const id = newId();
      const at = ms(f.at ?? now());
      return transaction(async (q) => {
        const { rows: [turn] } = await q<{ conversation_id: string }>('SELECT conversation_id FROM turns WHERE id = $1', [f.turnId]);
        if (!turn) throw notFound('turn', f.turnId);
        // JSON keeps the rating a number and the thumbs/correction a string.
        const { rows: [row] } = await q(
          `INSERT INTO feedback (id, turn_id, reply_id, conversation_id, kind, value, at) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
          [id, f.turnId, f.replyId, turn.conversation_id, f.kind, JSON.stringify(f.value), at],
        );
        return toFeedback(row);
      });
    },
    async get(id) {
      const { rows: [row] } = await query('SELECT * FROM feedback WHERE id = $1', [parseInput(idSchema, id, 'feedback id')]);
      return row ? toFeedback(row) : null;
    },
    async listByTurn(turnId) {
      return list('turn_id', parseInput(idSchema, turnId, 'turn id'));
    },
    async listByConversation(conversationId) {
      return list('conversation_id', parseInput(idSchema, conversationId, 'conversation id'));
    },
  };
}
