import type { MessageHandler } from '../../bot.ts';
import { ShopmateError } from '../../core/errors.ts';
import type { Reply } from '../../core/message.ts';
import type { Channel } from '../channel.ts';

/**
 * An in-process channel for tests and scripted conversations: `say()` plays the customer, and everything the bot
 * answers or pushes (operator replies) is recorded per conversation.
 */
export class MemoryChannel implements Channel {
  readonly id = 'memory';
  readonly sent = new Map<string, Reply[]>();
  private handle?: MessageHandler;
  private counter = 0;

  async start(handle: MessageHandler): Promise<void> {
    this.handle = handle;
  }

  /** Only conversations a customer opened with say() exist on this "platform". */
  async send(conversationId: string, reply: Reply): Promise<void> {
    const shown = this.sent.get(conversationId);
    if (!shown) throw new ShopmateError('NOT_FOUND', `no memory conversation ${conversationId}`);
    shown.push(reply);
  }

  async stop(): Promise<void> {
    this.handle = undefined;
  }

  async say(text: string, options: { conversationId?: string; userId?: string; messageId?: string } = {}): Promise<Reply[]> {
    if (!this.handle) throw new ShopmateError('UNAVAILABLE', 'memory channel is not started');
    const conversationId = options.conversationId ?? 'conv-1';
    if (!this.sent.has(conversationId)) this.sent.set(conversationId, []);
    const replies = await this.handle({
      messageId: options.messageId ?? `m-${++this.counter}`,
      conversationId,
      userId: options.userId ?? 'user-1',
      channel: this.id,
      text,
      receivedAt: new Date(),
    });
    for (const r of replies) await this.send(conversationId, r);
    return replies;
  }
}
