import type { ReturnRequest } from '../../dialogue/order-book.ts';
import { gmtIso, plainText } from './woo-product.ts';
import type { WooOrderNote } from './woo-types.ts';

/** How staff recognise, and returnsFor finds, the return requests the bot left on an order. */
export const RETURN_MARKER = '[shopmate] Return requested in the chat.';

/** One line without quotes or markup, so WordPress's note filters (kses, texturize) leave it readable. */
export function returnNote(productIds: string[], reason: string): string {
  const why = reason.replace(/[\r\n"<>]+/g, ' ').trim() || 'not given';
  return `${RETURN_MARKER} Products: ${productIds.join(', ')}. Reason: ${why}`;
}

/** The RMA number: the order and the note's id, stable for as long as the note exists. */
export function rmaId(orderId: string, noteId: number): string {
  return `RMA-${orderId}-${noteId}`;
}

export function parseReturnNote(orderId: string, note: WooOrderNote): ReturnRequest | undefined {
  const text = plainText(note.note);
  if (!text.startsWith(RETURN_MARKER)) return undefined;
  const m = /Products: ([^.]*)\. Reason: (.*)$/.exec(text.slice(RETURN_MARKER.length));
  if (!m) return undefined;
  return {
    id: rmaId(orderId, note.id),
    orderId,
    productIds: m[1]!.split(',').map((s) => s.trim()).filter(Boolean),
    reason: m[2]!.trim(),
    createdAt: gmtIso(note.date_created_gmt),
  };
}
