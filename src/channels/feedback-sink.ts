import type { ChannelId } from '../core/message.ts';

/**
 * Where channels drop customer feedback on a rendered reply. Channels only translate a platform gesture (a thumbs
 * button, a widget click) into this record; the composition root wires it to the store, which resolves the turn.
 */
export type FeedbackKind = 'thumbs' | 'rating' | 'correction';

export interface FeedbackEvent {
  /** `<channel>:<messageId>:<index>` (see replyIdFor): which reply of which turn the feedback is about. */
  replyId: string;
  conversationId: string;
  userId: string;
  channel: ChannelId;
  kind: FeedbackKind;
  /** 'up' | 'down' for thumbs, 1-5 for a rating, free text for a correction. */
  value: number | string;
  at: Date;
}

export interface FeedbackSink {
  record(event: FeedbackEvent): Promise<void>;
}

/** Keeps feedback in memory: for tests, demos and the benchmark. */
export class MemoryFeedbackSink implements FeedbackSink {
  readonly events: FeedbackEvent[] = [];

  async record(event: FeedbackEvent): Promise<void> {
    this.events.push(event);
  }
}

/** Every rendered bot reply gets a stable id so feedback can point at it, also when a retry replays the turn. */
export function replyIdFor(channel: ChannelId, messageId: string, index: number): string {
  return `${channel}:${messageId}:${index}`;
}

/** Inverse of replyIdFor; the messageId may itself contain ':' so the index is taken from the end. */
export function parseReplyId(replyId: string): { channel: string; messageId: string; index: number } | undefined {
  const first = replyId.indexOf(':');
  const last = replyId.lastIndexOf(':');
  if (first <= 0 || last <= first + 1) return undefined;
  const index = Number(replyId.slice(last + 1));
  if (!Number.isInteger(index) || index < 0) return undefined;
  return { channel: replyId.slice(0, first), messageId: replyId.slice(first + 1, last), index };
}
