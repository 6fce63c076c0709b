import type { FeedbackStore } from '../store.ts';
import { notFound } from '../store-rules.ts';
import { idSchema, newFeedbackSchema, parseInput } from '../store-schemas.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { ms, toFeedback } from './sqlite-rows.ts';

export function sqliteFeedbackStore({ db, now, newId }: SqliteContext): FeedbackStore {
  const turn = db.prepare('SELECT conversation_id FROM turns WHERE id = ?');
  const insert = db.prepare(
    `INSERT INTO feedback (id, turn_id, reply_id, conversation_id, kind, value, at)
     VALUES (@id, @turnId, @replyId, @conversationId, @kind, @value, @at)`,
  );
  const byId = db.prepare('SELECT * FROM feedback WHERE id = ?');
  const byTurn = db.prepare('SELECT * FROM feedback WHERE turn_id = ? ORDER BY at, seq');
  const byConversation = db.prepare('SELECT * FROM feedback WHERE conversation_id = ? ORDER BY at, seq');

  const add = db.transaction((f: ReturnType<typeof newFeedbackSchema.parse>) => {
    const t = turn.get(f.turnId) as { conversation_id: string } | undefined;
    if (!t) throw notFound('turn', f.turnId);
    const id = newId();
    insert.run({
      id,
      turnId: f.turnId,
      replyId: f.replyId,
      conversationId: t.conversation_id,
      kind: f.kind,
      // JSON keeps the rating a number and the thumbs/correction a string.
      value: JSON.stringify(f.value),
      at: ms(f.at ?? now()),
    });
    return toFeedback(byId.get(id));
  });

  return {
    async add(input) {
      return add.immediate(parseInput(newFeedbackSchema, input, 'feedback'));
    },
    async get(id) {
      const row = byId.get(parseInput(idSchema, id, 'feedback id'));
      return row ? toFeedback(row) : null;
    },
    async listByTurn(turnId) {
      return byTurn.all(parseInput(idSchema, turnId, 'turn id')).map(toFeedback);
    },
    async listByConversation(conversationId) {
      return byConversation.all(parseInput(idSchema, conversationId, 'conversation id')).map(toFeedback);
    },
  };
}
