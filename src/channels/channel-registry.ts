import type { Router } from 'express';
import type { MessageHandler } from '../bot.ts';
import { ShopmateError } from '../core/errors.ts';
import { CHANNEL_ID_PATTERN, type ChannelId, type Reply } from '../core/message.ts';
import type { Channel } from './channel.ts';

/**
 * The channels this process runs. Everything channel-specific the server needs comes from here (routes, start/stop,
 * delivery of operator replies), so adding a channel is one `register` call in the composition root and the store,
 * server and dashboard stay unaware of which channels exist.
 */
export class ChannelRegistry {
  private readonly channels = new Map<ChannelId, Channel>();
  private started: Channel[] = [];

  register(channel: Channel): this {
    if (!CHANNEL_ID_PATTERN.test(channel.id)) {
      throw new ShopmateError('CONFIG_INVALID', `channel id "${channel.id}" must be a lowercase letter, then letters, digits, "-" or "_" (32 at most)`);
    }
    if (this.channels.has(channel.id)) throw new ShopmateError('CONFIG_INVALID', `channel "${channel.id}" is registered twice`);
    this.channels.set(channel.id, channel);
    return this;
  }

  has(id: string): boolean {
    return this.channels.has(id);
  }

  get(id: string): Channel | undefined {
    return this.channels.get(id);
  }

  ids(): ChannelId[] {
    return [...this.channels.keys()];
  }

  list(): Channel[] {
    return [...this.channels.values()];
  }

  /** The HTTP routes of every channel that has some, in registration order. */
  routes(): Router[] {
    return this.list().flatMap((c) => (c.routes ? [c.routes] : []));
  }

  /**
   * Starts every channel in registration order. Each gets a handle that only accepts messages stamped with its own
   * id, so no channel can write into another channel's conversations. If one fails, the started ones are stopped.
   */
  async start(handle: MessageHandler): Promise<void> {
    for (const channel of this.channels.values()) {
      try {
        this.started.push(channel);
        await channel.start(ownMessagesOnly(channel.id, handle));
      } catch (e) {
        await this.stop();
        throw e;
      }
    }
  }

  /** Stops the started channels, last started first; one failing to stop does not keep the others running. */
  async stop(): Promise<void> {
    const failures: unknown[] = [];
    for (const channel of this.started.reverse()) await channel.stop().catch((e: unknown) => failures.push(e));
    this.started = [];
    if (failures.length > 0) throw failures[0];
  }

  /** Delivers an operator reply or proactive message through the conversation's own channel. */
  async send(channelId: ChannelId, conversationId: string, reply: Reply): Promise<void> {
    const channel = this.channels.get(channelId);
    if (!channel) throw new ShopmateError('CONFLICT', `no live channel for ${channelId} conversation ${conversationId}`);
    await channel.send(conversationId, reply);
  }
}

function ownMessagesOnly(id: ChannelId, handle: MessageHandler): MessageHandler {
  return (message, signals) => {
    if (message.channel !== id) {
      return Promise.reject(new ShopmateError('INTERNAL', `channel "${id}" handed in a message stamped "${message.channel}"`));
    }
    return handle(message, signals);
  };
}
