import { randomUUID } from 'node:crypto';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/message.ts';
import type { Store } from '../../store/store.ts';
import type { ConversationRecord, HandoffEntry, Ownership, TurnRecord } from '../../store/types.ts';
import { redact } from '../../feedback/redact.ts';
import { OPERATOR_MESSAGE_PREFIX } from './conversation-view.ts';

export const MAX_OPERATOR_REPLY_CHARS = 2000;

export interface HandoffInboxOptions {
  store: Pick<Store, 'conversations' | 'turns'>;
  deliver: (conversationId: string, reply: Reply) => Promise<void>;
  logger: Logger;
  clock: () => Date;
}

/** The operator side of a handoff: list waiting customers, answer them through their channel, hand back or close. */
export class HandoffInbox {
  constructor(private readonly o: HandoffInboxOptions) {}

  async list(): Promise<Array<HandoffEntry & { lastTurn: TurnRecord | null }>> {
    const entries = await this.o.store.conversations.listHandoffs({ limit: 200 });
    return Promise.all(entries.map(async (e) => {
      const turns = await this.o.store.turns.listByConversation(e.conversation.id);
      return { ...e, lastTurn: turns.at(-1) ?? null };
    }));
  }

  async open(conversationId: string): Promise<{ conversation: ConversationRecord; turns: TurnRecord[] }> {
    const conversation = await this.o.store.conversations.get(conversationId);
    if (!conversation) throw new ShopmateError('NOT_FOUND', 'conversation not found');
    const turns = await this.o.store.turns.listByConversation(conversationId);
    return { conversation, turns: turns.slice(-100) };
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
    this.o.logger.info('operator replied', { conversationId, operator, chars: body.length });
  }

  async setOwnership(conversationId: string, ownership: Exclude<Ownership, 'agent'>, operator: string): Promise<void> {
    await this.open(conversationId);
    await this.o.store.conversations.update(conversationId, { ownership });
    this.o.logger.info(ownership === 'bot' ? 'conversation handed back to the bot' : 'conversation closed', { conversationId, operator });
  }
}
