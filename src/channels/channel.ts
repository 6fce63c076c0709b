import type { MessageHandler } from '../bot.ts';
import type { Reply } from '../core/message.ts';

/** A platform adapter: translates platform events into IncomingMessage and renders Reply back. Nothing more. */
export interface Channel {
  readonly id: string;
  start(handle: MessageHandler): Promise<void>;
  /** Pushes a reply outside a request/response cycle (e.g. an operator's answer after a handoff). */
  send(conversationId: string, reply: Reply): Promise<void>;
  stop(): Promise<void>;
}
