import type { ActivityBus } from '../activity/activity-bus.ts';
import type { ChannelId } from '../core/message.ts';
import type { Logger } from '../core/logger.ts';
import type { Store } from '../store/store.ts';
import type { TurnRecord as StoredTurn } from '../store/types.ts';
import { followUpReasons, REVIEW_PRIORITY, reviewReasons } from './review-rules.ts';

/** A message this long after the previous one is a new visit, not a reaction to its answer. */
const FOLLOW_UP_WINDOW_MS = 30 * 60_000;
import type { TurnLog, TurnRecord } from './turn-log.ts';

/**
 * The turn log on the database: durable before the reply is acknowledged, feeding the review queue, and announcing
 * each new turn (and a handoff) on the activity bus for the operators' live inbox.
 */
export class StoreTurnLog implements TurnLog {
  constructor(private readonly options: { store: Store; logger: Logger; lowConfidenceBelow: number; activity?: ActivityBus }) {}

  async findByMessage(channel: ChannelId, messageId: string): Promise<TurnRecord | undefined> {
    const t = await this.options.store.turns.getByMessage(channel, messageId);
    if (!t) return undefined;
    return {
      messageId: t.messageId,
      conversationId: t.conversationId,
      userId: t.userId,
      channel: t.channel,
      text: t.text,
      intent: t.intents,
      outOfScope: t.outOfScope,
      inScopeScore: t.inScopeScore,
      sentiment: t.sentiment as TurnRecord['sentiment'],
      entities: t.entities as unknown as TurnRecord['entities'],
      replies: t.replies,
      latencyMs: t.latencyMs ?? 0,
      modelVersion: t.modelVersion,
      language: t.language,
      at: t.at.toISOString(),
      error: null,
      outcome: t.outcome,
      slotAnswer: t.slotAnswer,
    };
  }

  async append(record: TurnRecord): Promise<void> {
    const { store } = this.options;
    await store.conversations.getOrCreate({ id: record.conversationId, channel: record.channel, userId: record.userId });
    const { turn, created } = await store.turns.append({
      conversationId: record.conversationId,
      channel: record.channel,
      messageId: record.messageId,
      userId: record.userId,
      text: record.text,
      intents: record.intent,
      outOfScope: record.outOfScope,
      inScopeScore: record.inScopeScore,
      sentiment: record.sentiment,
      entities: record.entities,
      replies: record.replies,
      latencyMs: record.latencyMs,
      modelVersion: record.modelVersion,
      language: record.language,
      outcome: record.outcome,
      slotAnswer: record.slotAnswer,
      at: new Date(record.at),
    });
    if (!created) return;
    for (const reason of reviewReasons(record, { lowConfidenceBelow: this.options.lowConfidenceBelow })) {
      await store.reviews.enqueue({ turnId: turn.id, reason, priority: REVIEW_PRIORITY[reason] });
    }
    // Published after the turn is stored: the dialogue saved the conversation's state (and ownership) before the
    // turn log ran, so a subscriber that re-reads the store sees the handoff and the new message.
    const event = { conversationId: turn.conversationId, userId: turn.userId, at: turn.at.toISOString() };
    this.options.activity?.publish({ type: 'turn', ...event });
    if (record.outcome === 'handoff') this.options.activity?.publish({ type: 'handoff', ...event });
    const previous = await this.previousTurn(turn);
    if (!previous) return;
    for (const reason of followUpReasons(previous, record)) {
      await store.reviews.enqueue({ turnId: previous.id, reason, priority: REVIEW_PRIORITY[reason] });
    }
  }

  /** The conversation's turn just before `turn`, read from a short window so the serving path never scans history. */
  private async previousTurn(turn: StoredTurn): Promise<StoredTurn | undefined> {
    const recent = await this.options.store.turns.listByConversation(turn.conversationId, {
      from: new Date(turn.at.getTime() - FOLLOW_UP_WINDOW_MS),
      to: new Date(turn.at.getTime() + 1),
    });
    const i = recent.findIndex((t) => t.id === turn.id);
    return i > 0 ? recent[i - 1] : undefined;
  }
}
