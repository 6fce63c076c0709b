import type { ChannelId, Reply } from '../core/message.ts';
import type { IntentScore } from '../nlu/intent/intent-classifier.ts';
import type { EntityRef, SentimentResult } from '../nlu/nlu-result.ts';

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
  at: string;
  error: { code: string; message: string } | null;
}

export interface TurnLog {
  /** A turn already answered for this channel message (a retried delivery), if any. */
  findByMessage(channel: ChannelId, messageId: string): Promise<TurnRecord | undefined>;
  /** Resolves only once the record is durable: an acknowledged turn is never lost. */
  append(record: TurnRecord): Promise<void>;
}

export class MemoryTurnLog implements TurnLog {
  readonly records: TurnRecord[] = [];
  async findByMessage(channel: ChannelId, messageId: string): Promise<TurnRecord | undefined> {
    return this.records.find((r) => r.channel === channel && r.messageId === messageId);
  }
  async append(record: TurnRecord): Promise<void> {
    if (await this.findByMessage(record.channel, record.messageId)) return;
    this.records.push(structuredClone(record));
  }
}
