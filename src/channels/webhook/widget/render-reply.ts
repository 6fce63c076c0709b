import type { ProductCard } from '../../../core/message.ts';
import { h, icon, safeUrl } from './dom.ts';
import type { BotReply } from './widget-state.ts';

export interface ReplyActions {
  onQuickReply(value: string): void;
  onFeedback(replyId: string, value: 'up' | 'down'): void;
}

/** Renders one bot reply natively (text, buttons, cards, handoff notice) plus its thumbs row. */
export function renderReply(reply: BotReply, feedback: 'up' | 'down' | undefined, actions: ReplyActions): HTMLElement {
  const body = renderBody(reply, actions);
  return h('div', { class: `smw-msg smw-bot smw-kind-${reply.kind}`, 'data-reply-id': reply.replyId }, [body, renderThumbs(reply.replyId, feedback, actions)]);
}

function renderBody(reply: BotReply, actions: ReplyActions): HTMLElement {
  switch (reply.kind) {
    case 'text':
      return h('div', { class: 'smw-bubble' }, [reply.text]);
    case 'handoff':
      return renderHandoff(reply.text, reply.queuePosition);
    case 'quick_replies':
      return h('div', {}, [
        h('div', { class: 'smw-bubble' }, [reply.text]),
        h('div', { class: 'smw-quick', role: 'group', 'aria-label': 'Suggested replies' }, reply.options.map((o) => quickButton(o.label, o.value, actions))),
      ]);
    case 'product_cards':
      return h('div', {}, [
        reply.text ? h('div', { class: 'smw-bubble' }, [reply.text]) : null,
        h('ul', { class: 'smw-cards', 'aria-label': 'Products' }, reply.products.map(productCard)),
      ]);
  }
}

/**
 * One notice box: the bot's own sentence, then the queue position on its own line. No live region of its own: the
 * conversation log around it already announces new messages.
 */
function renderHandoff(text: string, queuePosition: number | undefined): HTMLElement {
  const queue = queueLine(queuePosition);
  return h('div', { class: 'smw-handoff' }, [
    icon('person', { size: 18 }),
    h('div', { class: 'smw-handoff-body' }, [
      text ? h('p', { class: 'smw-handoff-text' }, [text]) : null,
      queue ? h('p', { class: 'smw-handoff-queue' }, [queue]) : null,
    ]),
  ]);
}

/** Only a real 1-based position is shown (history comes from localStorage, so it is checked, not trusted). */
function queueLine(position: number | undefined): string | undefined {
  if (typeof position !== 'number' || !Number.isInteger(position) || position < 1) return undefined;
  return `You are number ${position} in the queue.`;
}

function quickButton(label: string, value: string, actions: ReplyActions): HTMLElement {
  const button = h('button', { type: 'button', class: 'smw-chip' }, [label]);
  button.addEventListener('click', () => actions.onQuickReply(value));
  return button;
}

function productCard(p: ProductCard): HTMLElement {
  const price = formatPrice(p.price, p.currency);
  const href = safeUrl(p.url);
  const image = safeUrl(p.image);
  return h('li', { class: 'smw-card' }, [
    image ? h('img', { src: image, alt: '', loading: 'lazy', width: '72', height: '72' }) : h('div', { class: 'smw-card-img' }),
    h('div', { class: 'smw-card-body' }, [
      h('div', { class: 'smw-card-title' }, [p.title]),
      h('div', { class: 'smw-card-price' }, [price, p.inStock ? '' : ' \u00b7 out of stock']),
      href ? h('a', { href, target: '_blank', rel: 'noopener noreferrer', 'aria-label': `View ${p.title}` }, ['View product']) : null,
    ]),
  ]);
}

function formatPrice(amount: number, currency: string): string {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency }).format(amount);
  } catch {
    return `${amount.toFixed(2)} ${currency}`;
  }
}

function renderThumbs(replyId: string, given: 'up' | 'down' | undefined, actions: ReplyActions): HTMLElement {
  const button = (value: 'up' | 'down', label: string) => {
    const b = h('button', { type: 'button', class: 'smw-thumb', 'aria-label': label, 'aria-pressed': String(given === value), 'data-value': value }, [icon('thumb', { flip: value === 'down', size: 14 })]);
    b.addEventListener('click', () => actions.onFeedback(replyId, value));
    return b;
  };
  return h('div', { class: 'smw-thumbs', role: 'group', 'aria-label': 'Was this helpful?' }, [
    button('up', 'Helpful'),
    button('down', 'Not helpful'),
  ]);
}
