import { isShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { NoteStore } from '../store/store.ts';

/**
 * The dialogue's notes for the team, kept in the store (the dashboard's inbox lists them). A conversation that has no
 * stored record yet (its first turn) still gets its note, without the link.
 */
export function storeNoteSink(notes: NoteStore, logger: Logger) {
  return {
    async leave(note: { conversationId: string; orderId?: string; text: string }): Promise<void> {
      try {
        await notes.add(note);
      } catch (e) {
        if (!isShopmateError(e) || e.code !== 'NOT_FOUND') throw e;
        await notes.add({ orderId: note.orderId, text: `${note.text} (conversation ${note.conversationId})` });
      }
      logger.warn('note left for the team', { conversationId: note.conversationId, orderId: note.orderId });
    },
  };
}
