import { ShopmateError } from '../../core/errors.ts';
import type { NoteStore } from '../store.ts';
import { idSchema, newNoteSchema, noteQuerySchema, parseInput } from '../store-schemas.ts';
import type { OperatorNote } from '../types.ts';
import { byTime, type MemoryState } from './memory-state.ts';

export function memoryNoteStore(s: MemoryState): NoteStore {
  return {
    async add(input) {
      const n = parseInput(newNoteSchema, input, 'note');
      if (n.conversationId !== undefined && !s.conversations.has(n.conversationId)) {
        throw new ShopmateError('NOT_FOUND', `conversation ${n.conversationId} not found`);
      }
      const note: OperatorNote = { id: s.newId(), conversationId: n.conversationId ?? null, orderId: n.orderId ?? null, text: n.text, createdAt: n.at ?? s.now(), resolvedAt: null };
      s.notes.set(note.id, note);
      return note;
    },
    async listOpen(options) {
      const q = parseInput(noteQuerySchema, options, 'note query');
      return byTime([...s.notes.values()].filter((n) => n.resolvedAt === null), (n) => n.createdAt).slice(0, q.limit);
    },
    async resolve(id) {
      const note = s.notes.get(parseInput(idSchema, id, 'note id'));
      if (!note) throw new ShopmateError('NOT_FOUND', `note ${id} not found`);
      if (note.resolvedAt) throw new ShopmateError('CONFLICT', `note ${id} is already resolved`);
      note.resolvedAt = s.now();
      return note;
    },
  };
}
