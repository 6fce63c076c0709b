import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, escapeMarkdown, type MessageCreateOptions } from 'discord.js';
import type { ProductCard, QuickReply, Reply } from '../../core/message.ts';
import { quickRefId, quickReplyId, thumbsId } from './custom-ids.ts';
import { splitMessage } from './split-message.ts';

export interface RenderOptions {
  /** Makes relative product links/images absolute (Discord only accepts absolute http(s) URLs). */
  publicBaseUrl?: string;
  /** Called for quick-reply values too long for a custom id, so the click can be resolved later. */
  remember(replyId: string, index: number, value: string): void;
}

const BRAND = 0x1f5f5b;
const HANDOFF = 0xf0c36d;
// 5 action rows per message: up to 4 rows of quick replies, the last row is the thumbs.
const MAX_QUICK = 20;

function absolute(url: string, base: string | undefined): string | undefined {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

function thumbsRow(replyId: string): ActionRowBuilder<ButtonBuilder> {
  return new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(thumbsId(replyId, 'up')).setEmoji('👍').setStyle(ButtonStyle.Secondary),
    new ButtonBuilder().setCustomId(thumbsId(replyId, 'down')).setEmoji('👎').setStyle(ButtonStyle.Secondary),
  );
}

function quickRows(replyId: string, options: QuickReply[], render: RenderOptions): ActionRowBuilder<ButtonBuilder>[] {
  const buttons = options.slice(0, MAX_QUICK).map((o, i) => {
    let id = quickReplyId(replyId, o.value);
    if (!id) {
      render.remember(replyId, i, o.value);
      id = quickRefId(replyId, i);
    }
    return new ButtonBuilder().setCustomId(id).setLabel(o.label.slice(0, 80)).setStyle(ButtonStyle.Primary);
  });
  const rows: ActionRowBuilder<ButtonBuilder>[] = [];
  for (let i = 0; i < buttons.length; i += 5) rows.push(new ActionRowBuilder<ButtonBuilder>().addComponents(buttons.slice(i, i + 5)));
  return rows;
}

function productEmbed(p: ProductCard, base: string | undefined): EmbedBuilder {
  const embed = new EmbedBuilder()
    .setColor(BRAND)
    .setTitle(p.title.slice(0, 256))
    .setDescription(`**${p.price.toFixed(2)} ${p.currency}** · ${p.inStock ? 'in stock' : 'out of stock'}`)
    .setFooter({ text: p.productId });
  const url = absolute(p.url, base);
  const image = absolute(p.image, base);
  if (url) embed.setURL(url);
  if (image) embed.setThumbnail(image);
  return embed;
}

/** Text shown as typed: markdown, headings, lists and masked links escaped. */
const plain = (t: string) => escapeMarkdown(t, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });

/** One reply as one or more Discord messages; buttons and thumbs ride on the last message of the reply. */
export function renderReply(reply: Reply, replyId: string, render: RenderOptions): MessageCreateOptions[] {
  const messages: MessageCreateOptions[] = [];
  const last: MessageCreateOptions = {};
  const components: ActionRowBuilder<ButtonBuilder>[] = [];
  // Reply text can echo what a customer typed ('... about "[click](http://x)"'): never rendered as markdown, and it
  // never pings anyone.
  const text = reply.kind === 'handoff' ? undefined : reply.text && plain(reply.text);
  if (text) {
    const chunks = splitMessage(text);
    for (const chunk of chunks.slice(0, -1)) messages.push({ content: chunk });
    last.content = chunks.at(-1);
  }
  if (reply.kind === 'quick_replies') components.push(...quickRows(replyId, reply.options, render));
  if (reply.kind === 'product_cards') last.embeds = reply.products.slice(0, 10).map((p) => productEmbed(p, render.publicBaseUrl));
  if (reply.kind === 'handoff') {
    const queue = reply.queuePosition ? `\nPosition in queue: ${reply.queuePosition}` : '';
    last.embeds = [new EmbedBuilder().setColor(HANDOFF).setTitle('Connecting you with a person').setDescription(`${plain(reply.text)}${queue}`.slice(0, 4096))];
  }
  components.push(thumbsRow(replyId));
  messages.push({ ...last, components });
  return messages.map((m) => ({ ...m, allowedMentions: { parse: [] } }));
}
