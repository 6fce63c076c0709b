/**
 * The id of a registered channel ('webhook', 'discord', ...). Open on purpose: which ids exist is decided by the
 * channel registry at start-up (src/channels/channel-registry.ts), so a new channel needs no type or schema change.
 */
export type ChannelId = string;

/** Every channel id: a lowercase letter, then lowercase letters, digits, '-' or '_'; 32 characters at most. */
export const CHANNEL_ID_PATTERN = /^[a-z][a-z0-9_-]{0,31}$/;

/** The one internal message type every channel translates its platform events into. */

export interface IncomingMessage {
  /** Channel-assigned id; a retried delivery carries the same id (idempotency). */
  messageId: string;
  conversationId: string;
  userId: string;
  channel: ChannelId;
  text: string;
  metadata?: Record<string, unknown>;
  receivedAt: Date;
}

export interface QuickReply {
  label: string;
  /** Text sent back as the customer's next message when clicked. */
  value: string;
}

export interface ProductCard {
  productId: string;
  title: string;
  price: number;
  currency: string;
  image: string;
  url: string;
  inStock: boolean;
}

/** Structured replies: each channel renders them natively (buttons, embeds, cards). */
export type Reply =
  | { kind: 'text'; text: string }
  | { kind: 'quick_replies'; text: string; options: QuickReply[] }
  | { kind: 'product_cards'; text?: string; products: ProductCard[] }
  | { kind: 'handoff'; text: string; queuePosition?: number };

/** Plain-text rendering for channels without rich widgets (terminal, logs, fallbacks). */
export function replyToText(reply: Reply): string {
  switch (reply.kind) {
    case 'text':
      return reply.text;
    case 'handoff':
      return reply.queuePosition ? `${reply.text}\nYou are number ${reply.queuePosition} in the queue.` : reply.text;
    case 'quick_replies':
      return `${reply.text}\n${reply.options.map((o, i) => `  [${i + 1}] ${o.label}`).join('\n')}`;
    case 'product_cards':
      return [
        reply.text,
        ...reply.products.map(
          (p) => `  - ${p.title} (${p.productId}) ${p.price.toFixed(2)} ${p.currency}${p.inStock ? '' : ' (out of stock)'}`,
        ),
      ]
        .filter(Boolean)
        .join('\n');
  }
}
