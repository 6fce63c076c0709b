import { randomUUID } from 'node:crypto';
import type { ActivityBus } from '../../activity/activity-bus.ts';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/message.ts';
import type { Store } from '../../store/store.ts';
import type { ConversationRecord, HandoffEntry, Ownership, TurnRecord } from '../../store/types.ts';
import { redact } from '../../feedback/redact.ts';
import { conversationFacts, latestSentiment, waitingSince, type TurnSentiment } from './conversation-facts.ts';
import { OPERATOR_MESSAGE_PREFIX } from './conversation-view.ts';
import type { CustomerInsight } from './customer-insight.ts';
import type { CustomerInsights } from './customer-insights.ts';

export const MAX_OPERATOR_REPLY_CHARS = 2000;
/** The inbox shows at most this many waiting customers, and this many turns of a conversation. */
const INBOX_LIMIT = 200;
const TRANSCRIPT_TURNS = 100;

export interface HandoffInboxOptions {
  store: Pick<Store, 'conversations' | 'turns'>;
  insights: CustomerInsights;
  activity: ActivityBus;
  deliver: (conversationId: string, reply: Reply) => Promise<void>;
  logger: Logger;
  clock: () => Date;
}

/** What an operator sees of one handed-off conversation before opening it. */
export interface HandoffDetails {
  conversation: ConversationRecord;
  handoffReason: string | null;
  verifiedOrderIds: string[];
  /** Read from the shop by verified order id at display time; never stored. */
  emails: string[];
  sentiment: TurnSentiment | null;
  /** Since when the customer waits for an answer; null once an operator replied and the customer has not written since. */
  awaitingReplySince: Date | null;
  churn: CustomerInsight['churn'];
}

export type InboxEntry = HandoffEntry & HandoffDetails & { lastTurn: TurnRecord | null };

/** The operator side of a handoff: list waiting customers, answer them through their channel, hand back or close. */
export class HandoffInbox {
  constructor(private readonly o: HandoffInboxOptions) {}

  async list(): Promise<InboxEntry[]> {
    const entries = await this.o.store.conversations.listHandoffs({ limit: INBOX_LIMIT });
    return Promise.all(entries.map(async (e) => {
      // Only the newest turns: enough for the preview and the waiting time, never the whole history.
      const turns = await this.o.store.turns.recentByConversation(e.conversation.id, 20);
      return { ...e, ...(await this.details(e.conversation, turns)), lastTurn: turns.at(-1) ?? null };
    }));
  }

  async open(conversationId: string): Promise<{ conversation: ConversationRecord; turns: TurnRecord[] }> {
    const conversation = await this.o.store.conversations.get(conversationId);
    if (!conversation) throw new ShopmateError('NOT_FOUND', 'conversation not found');
    return { conversation, turns: await this.o.store.turns.recentByConversation(conversationId, TRANSCRIPT_TURNS) };
  }

  async details(conversation: ConversationRecord, turns: TurnRecord[]): Promise<HandoffDetails> {
    const facts = conversationFacts(conversation.state);
    const [emails, insight] = await Promise.all([this.o.insights.emailsOf(facts.verifiedOrderIds), this.o.insights.forUser(conversation.userId)]);
    return {
      conversation,
      handoffReason: facts.handoffReason,
      verifiedOrderIds: facts.verifiedOrderIds,
      emails,
      sentiment: latestSentiment(turns),
      awaitingReplySince: waitingSince(conversation, turns),
      churn: insight.churn,
    };
  }

  /**
   * Delivers first, then logs: a reply the customer never got must not appear as sent. The log is a turn without
   * customer text whose messageId names the operator, so the transcript, privacy export and delete all include it.
   */
  async reply(conversationId: string, text: string, operator: string): Promise<void> {
    const body = text.trim();
    if (!body) throw new ShopmateError('BAD_REQUEST', 'write a reply first');
    if (body.length > MAX_OPERATOR_REPLY_CHARS) throw new ShopmateError('BAD_REQUEST', `replies are limited to ${MAX_OPERATOR_REPLY_CHARS} characters`);
    const { conversation } = await this.open(conversationId);
    if (conversation.ownership !== 'agent') throw new ShopmateError('CONFLICT', 'this conversation is not waiting for an agent any more');
    const reply: Reply = { kind: 'text', text: body };
    try {
      await this.o.deliver(conversationId, reply);
    } catch (e) {
      this.o.logger.error('operator reply not delivered', { conversationId, channel: conversation.channel, error: (e as Error).message });
      throw new ShopmateError('CONFLICT', `the reply could not be delivered through ${conversation.channel}; please try again`);
    }
    // The customer got the reply as typed; the log keeps it without the personal data an operator may quote.
    await this.o.store.turns.append({
      conversationId, channel: conversation.channel, userId: conversation.userId, text: '', replies: [{ kind: 'text', text: redact(body) }],
      messageId: `${OPERATOR_MESSAGE_PREFIX}${operator}:${randomUUID()}`, at: this.o.clock(),
    });
    this.o.activity.publish({ type: 'operator_reply', conversationId, operator, at: this.o.clock().toISOString() });
    this.o.logger.info('operator replied', { conversationId, operator, chars: body.length });
  }

  async setOwnership(conversationId: string, ownership: Exclude<Ownership, 'agent'>, operator: string): Promise<void> {
    await this.open(conversationId);
    await this.o.store.conversations.update(conversationId, { ownership });
    this.o.activity.publish({ type: 'released', conversationId, ownership, at: this.o.clock().toISOString() });
    this.o.logger.info(ownership === 'bot' ? 'conversation handed back to the bot' : 'conversation closed', { conversationId, operator });
  }
}
