import { ShopmateError } from '../../core/errors.ts';
import type { NoteStore } from '../store.ts';
import { idSchema, newNoteSchema, noteQuerySchema, parseInput } from '../store-schemas.ts';
import type { OperatorNote } from '../types.ts';
import type { PostgresContext } from './postgres-context.ts';
import { ms } from './postgres-rows.ts';

const toNote = (r: Record<string, unknown>): OperatorNote => ({
  id: r.id as string, conversationId: r.conversation_id as string | null, orderId: r.order_id as string | null, text: r.text as string,
  createdAt: new Date(r.created_at as number), resolvedAt: r.resolved_at === null ? null : new Date(r.resolved_at as number),
});

export function postgresNoteStore({ query, transaction, now, newId }: PostgresContext): NoteStore {
  return {
    async add(input) {
      const n = parseInput(newNoteSchema, input, 'note');
      // An unknown conversation fails the foreign key, which mapPostgresError turns into NOT_FOUND.
      const { rows: [row] } = await query(
        'INSERT INTO operator_notes (id, conversation_id, order_id, text, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING *',
        [newId(), n.conversationId ?? null, n.orderId ?? null, n.text, ms(n.at ?? now())],
      );
      return toNote(row!);
    },
    async listOpen(options) {
      const o = parseInput(noteQuerySchema, options, 'note query');
      const { rows } = await query('SELECT * FROM operator_notes WHERE resolved_at IS NULL ORDER BY created_at, seq LIMIT $1', [o.limit]);
      return rows.map(toNote);
    },
    async resolve(id) {
      const noteId = parseInput(idSchema, id, 'note id');
      const at = ms(now());
      return transaction(async (q) => {
        const { rows: [row] } = await q('SELECT resolved_at FROM operator_notes WHERE id = $1 FOR UPDATE', [noteId]);
        if (!row) throw new ShopmateError('NOT_FOUND', `note ${noteId} not found`);
        if (row.resolved_at !== null) throw new ShopmateError('CONFLICT', `note ${noteId} is already resolved`);
        const { rows: [updated] } = await q('UPDATE operator_notes SET resolved_at = $2 WHERE id = $1 RETURNING *', [noteId, at]);
        return toNote(updated!);
      });
    },
  };
}
