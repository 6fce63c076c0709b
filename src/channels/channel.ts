import type { Router } from 'express';
import type { MessageHandler } from '../bot.ts';
import type { ChannelId, Reply } from '../core/message.ts';

/**
 * A platform adapter: translates platform events into IncomingMessage and renders Reply back. Nothing more: it never
 * reads NLU, dialogue or store internals. A channel lives in its own folder under src/channels/ and is registered in
 * the composition root (src/main.ts, createChannelRegistry); that registration is all a new channel needs.
 */
export interface Channel {
  /** Stored with every conversation and turn and the first part of every reply id; matches CHANNEL_ID_PATTERN. */
  readonly id: ChannelId;
  /** HTTP routes the channel serves (webhooks, polling endpoints), mounted at the server root; absent when none. */
  readonly routes?: Router;
  /**
   * Starts receiving: every customer message goes to `handle`, stamped with this channel's id. Resolves once the
   * channel is ready (an interactive channel such as the terminal resolves when its input ends).
   */
  start(handle: MessageHandler): Promise<void>;
  /**
   * Delivers a reply outside a request/response cycle (an operator's answer after a handoff, a proactive message).
   * Only into conversations of this channel: anything else is refused with a coded error (BAD_REQUEST, NOT_FOUND).
   */
  send(conversationId: string, reply: Reply): Promise<void>;
  /** Stops receiving and releases connections; safe to call twice. */
  stop(): Promise<void>;
}

/** What a channel may know about a stored conversation (wired to the store in the composition root). */
export type ConversationLookup = (conversationId: string) => Promise<{ channel: ChannelId; userId: string } | null>;
