import { randomUUID } from 'node:crypto';
import {
  ChannelType, Client, Events, GatewayIntentBits, MessageFlags, Partials,
  type ButtonInteraction, type ClientOptions, type Interaction, type Message, type SendableChannels,
} from 'discord.js';
import type { MessageHandler } from '../../bot.ts';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/message.ts';
import type { Channel } from '../channel.ts';
import { replyIdFor, type FeedbackSink } from '../feedback-sink.ts';
import { parseCustomId } from './custom-ids.ts';
import { renderReply } from './render-discord.ts';

export interface DiscordChannelOptions {
  /** Bot token (env DISCORD_TOKEN). */
  token: string;
  logger: Logger;
  feedback: FeedbackSink;
  /** Merged over the defaults (intents, partials); tests point `rest.api` at a fake Discord. */
  clientOptions?: Partial<ClientOptions>;
  /** Base for relative product links/images in embeds. */
  publicBaseUrl?: string;
}

const PREFIX = 'discord:';
/** Long quick-reply values remembered for button clicks; bounded so memory stays flat. */
const MAX_REMEMBERED = 5_000;

/**
 * Discord adapter: answers in DMs and when mentioned in a guild channel (opening a thread per conversation),
 * renders replies as messages/embeds/buttons and turns button clicks into messages or feedback.
 */
export class DiscordChannel implements Channel {
  readonly id = 'discord';
  private client?: Client;
  private handle?: MessageHandler;
  private readonly remembered = new Map<string, string>();

  constructor(private readonly options: DiscordChannelOptions) {
    if (!options.token) throw new ShopmateError('CONFIG_INVALID', 'DiscordChannel needs a bot token (DISCORD_TOKEN)');
  }

  async start(handle: MessageHandler): Promise<void> {
    this.handle = handle;
    const client = new Client({
      intents: [GatewayIntentBits.Guilds, GatewayIntentBits.GuildMessages, GatewayIntentBits.DirectMessages, GatewayIntentBits.MessageContent],
      // DM channels are not cached before their first message; without this partial, DMs are dropped.
      partials: [Partials.Channel],
      ...this.options.clientOptions,
    });
    this.client = client;
    client.on(Events.MessageCreate, (m) => void this.onMessage(m).catch((e) => this.fail('message', e, m.id)));
    client.on(Events.InteractionCreate, (i) => void this.onInteraction(i).catch((e) => this.fail('interaction', e, i.id)));
    const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
    await client.login(this.options.token);
    await ready;
    this.options.logger.info('discord connected', { user: client.user?.tag });
  }

  async send(conversationId: string, reply: Reply): Promise<void> {
    if (!conversationId.startsWith(PREFIX)) throw new ShopmateError('BAD_REQUEST', `not a Discord conversation: ${conversationId}`);
    const channel = await this.requireClient().channels.fetch(conversationId.slice(PREFIX.length));
    if (!channel?.isSendable()) throw new ShopmateError('NOT_FOUND', `Discord channel for ${conversationId} is not available`);
    await this.post(channel, [reply], `push-${randomUUID()}`);
  }

  async stop(): Promise<void> {
    await this.client?.destroy();
    this.client = undefined;
    this.handle = undefined;
  }

  private async onMessage(message: Message): Promise<void> {
    const me = this.client?.user;
    if (!me || message.author.bot || message.author.id === me.id || message.system) return;
    const channel = await this.conversationChannel(message, me.id);
    if (!channel) return;
    const text = message.content.replace(new RegExp(`<@!?${me.id}>`, 'g'), '').trim();
    await this.converse(channel, { messageId: message.id, userId: message.author.id, text });
  }

  /** Where the conversation lives: the DM, a thread the bot owns or is mentioned in, or a new thread. */
  private async conversationChannel(message: Message, botId: string): Promise<SendableChannels | undefined> {
    const { channel } = message;
    if (channel.type === ChannelType.DM) return channel;
    const mentioned = message.mentions.users.has(botId);
    if (channel.isThread()) return channel.ownerId === botId || mentioned ? channel : undefined;
    if (!mentioned || channel.type !== ChannelType.GuildText) return undefined;
    const name = `${message.author.username}: ${message.cleanContent.replace(/@\S+/g, '').trim() || 'conversation'}`.slice(0, 90);
    return message.startThread({ name, autoArchiveDuration: 1440 });
  }

  private async converse(channel: SendableChannels, input: { messageId: string; userId: string; text: string }): Promise<void> {
    const replies = await this.requireHandle()(
      {
        messageId: input.messageId,
        conversationId: PREFIX + channel.id,
        userId: PREFIX + input.userId,
        channel: this.id,
        text: input.text,
        receivedAt: new Date(),
      },
      { typing: () => channel.sendTyping() },
    );
    // An agent owning the conversation shows up as no replies: then the bot stays silent.
    await this.post(channel, replies, input.messageId);
  }

  private async post(channel: SendableChannels, replies: Reply[], messageId: string): Promise<void> {
    for (const [i, reply] of replies.entries()) {
      const messages = renderReply(reply, replyIdFor('discord', messageId, i), {
        publicBaseUrl: this.options.publicBaseUrl,
        remember: (replyId, index, value) => this.remember(`${replyId}#${index}`, value),
      });
      // Never let bot text ping @everyone/roles/users, whatever the reply contains.
      for (const m of messages) await channel.send({ ...m, allowedMentions: { parse: [] } });
    }
  }

  private async onInteraction(interaction: Interaction): Promise<void> {
    if (!interaction.isButton()) return;
    const action = parseCustomId(interaction.customId);
    if (!action) return;
    const conversationId = PREFIX + interaction.channelId;
    if (action.type === 'thumbs') {
      await this.options.feedback.record({
        replyId: action.replyId, conversationId, userId: PREFIX + interaction.user.id, channel: 'discord', kind: 'thumbs', value: action.value, at: new Date(),
      });
      await interaction.reply({ content: action.value === 'up' ? 'Thanks for the feedback!' : 'Thanks, we will use this to improve.', flags: MessageFlags.Ephemeral });
      return;
    }
    const value = action.type === 'quick' ? action.value : this.remembered.get(`${action.replyId}#${action.index}`) ?? labelOf(interaction);
    await interaction.deferUpdate(); // acknowledge within Discord's 3 s; the answer follows as normal messages
    const channel = interaction.channel ?? (await this.requireClient().channels.fetch(interaction.channelId));
    if (!channel?.isSendable()) return;
    await this.converse(channel, { messageId: interaction.id, userId: interaction.user.id, text: value });
  }

  private remember(key: string, value: string): void {
    this.remembered.set(key, value);
    if (this.remembered.size > MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
  }

  private fail(what: string, error: unknown, id: string): void {
    this.options.logger.error(`discord ${what} failed`, { id, error: (error as Error)?.stack ?? String(error) });
  }

  private requireClient(): Client {
    if (!this.client) throw new ShopmateError('INTERNAL', 'Discord channel is not started');
    return this.client;
  }

  private requireHandle(): MessageHandler {
    if (!this.handle) throw new ShopmateError('INTERNAL', 'Discord channel is not started');
    return this.handle;
  }
}

/** After a restart the remembered value is gone; the button's label is the closest thing the customer saw. */
function labelOf(interaction: ButtonInteraction): string {
  return 'label' in interaction.component && interaction.component.label ? interaction.component.label : '';
}
