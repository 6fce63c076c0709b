import { ShopmateError } from '../../core/errors.ts';
import type { NoteStore } from '../store.ts';
import { idSchema, newNoteSchema, noteQuerySchema, parseInput } from '../store-schemas.ts';
import type { OperatorNote } from '../types.ts';
import type { SqliteContext } from './sqlite-context.ts';
import { date, ms } from './sqlite-rows.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a better-sqlite3 row
const toNote = (r: any): OperatorNote => ({
  id: r.id, conversationId: r.conversation_id, orderId: r.order_id, text: r.text, createdAt: date(r.created_at), resolvedAt: r.resolved_at === null ? null : date(r.resolved_at),
});

export function sqliteNoteStore({ db, now, newId }: SqliteContext): NoteStore {
  const insert = db.prepare('INSERT INTO operator_notes (id, conversation_id, order_id, text, created_at) VALUES (@id, @conversationId, @orderId, @text, @at)');
  const byId = db.prepare('SELECT * FROM operator_notes WHERE id = ?');
  const open = db.prepare('SELECT * FROM operator_notes WHERE resolved_at IS NULL ORDER BY created_at, seq LIMIT ?');
  const resolve = db.prepare('UPDATE operator_notes SET resolved_at = @at WHERE id = @id AND resolved_at IS NULL');
  return {
    async add(input) {
      const n = parseInput(newNoteSchema, input, 'note');
      const id = newId();
      // An unknown conversation fails the foreign key, which mapSqliteError turns into NOT_FOUND.
      insert.run({ id, conversationId: n.conversationId ?? null, orderId: n.orderId ?? null, text: n.text, at: ms(n.at ?? now()) });
      return toNote(byId.get(id));
    },
    async listOpen(options) {
      const q = parseInput(noteQuerySchema, options, 'note query');
      return open.all(q.limit).map(toNote);
    },
    async resolve(id) {
      const noteId = parseInput(idSchema, id, 'note id');
      if (resolve.run({ id: noteId, at: ms(now()) }).changes === 0) {
        if (!byId.get(noteId)) throw new ShopmateError('NOT_FOUND', `note ${noteId} not found`);
        throw new ShopmateError('CONFLICT', `note ${noteId} is already resolved`);
      }
      return toNote(byId.get(noteId));
    },
  };
}
