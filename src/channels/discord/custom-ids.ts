/**
 * Button custom ids (max 100 characters) carry what a click means, so clicks work without server-side state:
 *   thumbs:       sm|t|<up|down>|<replyId>
 *   quick reply:  sm|q|<replyId>|<value>
 *   long value:   sm|k|<index>|<replyId>   (value kept in memory by the channel; see quickRefId)
 * replyIds contain ':' but never '|'; the value is everything after the third '|'.
 */
export const CUSTOM_ID_MAX = 100;

export type ButtonAction =
  | { type: 'thumbs'; value: 'up' | 'down'; replyId: string }
  | { type: 'quick'; replyId: string; value: string }
  | { type: 'quickRef'; replyId: string; index: number };

export function thumbsId(replyId: string, value: 'up' | 'down'): string {
  return `sm|t|${value}|${replyId}`;
}

/** Undefined when the value does not fit; the caller then remembers it by key (see DiscordChannel). */
export function quickReplyId(replyId: string, value: string): string | undefined {
  const id = `sm|q|${replyId}|${value}`;
  return id.length <= CUSTOM_ID_MAX ? id : undefined;
}

/** For quick-reply values too long for a custom id: the option is named by its index instead. */
export function quickRefId(replyId: string, index: number): string {
  return `sm|k|${index}|${replyId}`;
}

export function parseCustomId(customId: string): ButtonAction | undefined {
  const parts = customId.split('|');
  if (parts[0] !== 'sm' || parts.length < 4) return undefined;
  if (parts[1] === 't' && (parts[2] === 'up' || parts[2] === 'down')) return { type: 'thumbs', value: parts[2], replyId: parts.slice(3).join('|') };
  if (parts[1] === 'k' && /^\d+$/.test(parts[2]!)) return { type: 'quickRef', index: Number(parts[2]), replyId: parts.slice(3).join('|') };
  if (parts[1] === 'q') return { type: 'quick', replyId: parts[2]!, value: parts.slice(3).join('|') };
  return undefined;
}
