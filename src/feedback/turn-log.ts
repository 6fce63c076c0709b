import type { ChannelId, Reply } from '../core/message.ts';
import type { IntentScore } from '../nlu/intent/intent-classifier.ts';
import type { EntityRef, SentimentResult } from '../nlu/nlu-result.ts';
import type { TurnOutcome } from '../dialogue/dialogue-input.ts';

/** The shape every channel's turns are logged in (redacted text; the same for Discord, webhook and terminal). */
export interface TurnRecord {
  messageId: string;
  conversationId: string;
  userId: string;
  channel: ChannelId;
  text: string;
  intent: IntentScore[];
  outOfScope: boolean;
  inScopeScore: number | null;
  sentiment: SentimentResult | null;
  entities: EntityRef[];
  replies: Reply[];
  latencyMs: number;
  modelVersion: string | null;
  /** ISO 639-1 language detected for the message (`und` when unclear), null when it was never analysed. */
  language: string | null;
  at: string;
  error: { code: string; message: string } | null;
  /** How the dialogue handled the turn (null when it never got there, e.g. an error). */
  outcome: TurnOutcome | null;
  /** The message answered the bot's own question (a slot value); such turns never enter the review queue. */
  slotAnswer: boolean;
}

export interface TurnLog {
  /** A turn already answered for this channel message (a retried delivery), if any. */
  findByMessage(channel: ChannelId, messageId: string): Promise<TurnRecord | undefined>;
  /** Resolves only once the record is durable: an acknowledged turn is never lost. */
  append(record: TurnRecord): Promise<void>;
}

export class MemoryTurnLog implements TurnLog {
  readonly records: TurnRecord[] = [];
  // Indexed by channel + messageId: the lookup runs on every request, so it must not scan the log.
  private readonly byMessage = new Map<string, TurnRecord>();

  async findByMessage(channel: ChannelId, messageId: string): Promise<TurnRecord | undefined> {
    return this.byMessage.get(`${channel}\u0000${messageId}`);
  }

  async append(record: TurnRecord): Promise<void> {
    const key = `${record.channel}\u0000${record.messageId}`;
    if (this.byMessage.has(key)) return;
    const copy = structuredClone(record);
    this.byMessage.set(key, copy);
    this.records.push(copy);
  }
}
