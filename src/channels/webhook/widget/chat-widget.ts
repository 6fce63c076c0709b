import { h, icon } from './dom.ts';
import { renderReply } from './render-reply.ts';
import type { WidgetApi } from './widget-api.ts';
import { WIDGET_CSS } from './widget-styles.ts';
import { newId, saveState, type HistoryEntry, type WidgetState } from './widget-state.ts';

export interface ChatWidgetOptions {
  api: WidgetApi;
  state: WidgetState;
  storage: Storage | undefined;
  title: string;
  /** How often operator replies are polled while the panel is open. Default 4000 ms. */
  pollMs?: number;
}

/** The launcher button and chat panel, in an open shadow root attached to `host`. */
export class ChatWidget {
  private readonly launcher = h('button', { type: 'button', class: 'smw-launcher', 'aria-expanded': 'false', 'aria-controls': 'smw-panel' }, [icon('chat', { size: 18 }), 'Chat with us']);
  private readonly log = h('div', { class: 'smw-log', role: 'log', 'aria-live': 'polite', 'aria-label': 'Conversation' });
  private readonly typing = h('div', { class: 'smw-typing', hidden: true, role: 'status', 'aria-label': 'Assistant is typing' }, [h('span'), h('span'), h('span')]);
  private readonly input = h('input', { class: 'smw-input', type: 'text', 'aria-label': 'Type your message', placeholder: 'Ask about orders, returns, products…', autocomplete: 'off', maxlength: '1000' });
  private readonly panel: HTMLElement;
  private busy = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;

  constructor(host: HTMLElement, private readonly options: ChatWidgetOptions) {
    const root = host.attachShadow({ mode: 'open' });
    const close = h('button', { type: 'button', class: 'smw-close', 'aria-label': 'Close chat' }, ['\u00d7']);
    const form = h('form', { class: 'smw-form' }, [this.input, h('button', { type: 'submit', class: 'smw-send', 'aria-label': 'Send message' }, ['Send'])]);
    this.panel = h('section', { id: 'smw-panel', class: 'smw-panel', role: 'dialog', 'aria-label': options.title, hidden: true }, [
      h('header', { class: 'smw-header' }, [h('div', {}, [h('h2', {}, [options.title]), h('p', {}, ['We usually answer right away'])]), close]),
      this.log,
      form,
    ]);
    root.append(h('style', {}, [WIDGET_CSS]), this.launcher, this.panel);
    this.launcher.addEventListener('click', () => (this.panel.hidden ? this.open() : this.close()));
    close.addEventListener('click', () => this.close());
    this.panel.addEventListener('keydown', (e) => e.key === 'Escape' && this.close());
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.send(this.input.value);
    });
    for (const entry of options.state.history) this.log.append(this.renderEntry(entry));
    this.log.append(this.typing);
  }

  // The launcher hides while the panel is open (the header's close button and Escape close it), so it never
  // overlaps the input on a phone or sits under the panel on a desktop.
  open(): void {
    this.panel.hidden = false;
    this.launcher.hidden = true;
    this.launcher.setAttribute('aria-expanded', 'true');
    this.scrollToEnd();
    this.input.focus();
    this.startPolling();
  }

  close(): void {
    this.stopPolling();
    this.panel.hidden = true;
    this.launcher.hidden = false;
    this.launcher.setAttribute('aria-expanded', 'false');
    this.launcher.focus();
  }

  async send(raw: string): Promise<void> {
    const text = raw.trim();
    if (!text || this.busy) return;
    this.busy = true;
    this.input.value = '';
    this.push({ role: 'user', text });
    this.typing.hidden = false;
    this.scrollToEnd();
    const { conversationId, userId } = this.options.state;
    try {
      const replies = await this.options.api.send({ messageId: newId(), conversationId, userId, text });
      for (const reply of replies) this.push({ role: 'bot', reply });
    } catch {
      this.push({ role: 'error', text: 'Sorry, we could not reach the shop assistant. Please try again.' });
    } finally {
      this.typing.hidden = true;
      this.busy = false;
      this.input.focus();
    }
  }

  // Polls only while the panel is open and only once the customer has written (before that no person can answer).
  private startPolling(): void {
    if (this.pollTimer !== undefined) return;
    void this.poll();
    this.pollTimer = setInterval(() => void this.poll(), this.options.pollMs ?? 4000);
  }

  private stopPolling(): void {
    clearInterval(this.pollTimer);
    this.pollTimer = undefined;
  }

  private async poll(): Promise<void> {
    const state = this.options.state;
    if (this.polling || !state.history.some((e) => e.role === 'user')) return;
    this.polling = true;
    try {
      const messages = await this.options.api.updates({ conversationId: state.conversationId, userId: state.userId, after: state.updatesCursor });
      const seen = new Set(state.history.flatMap((e) => (e.role === 'agent' ? [e.id] : [])));
      for (const m of messages) {
        if (!seen.has(m.id)) this.push({ role: 'agent', id: m.id, reply: m.reply });
        state.updatesCursor = m.id;
      }
      if (messages.length > 0) saveState(this.options.storage, state);
    } catch {
      // Offline or not yet known to the server: the next tick tries again.
    } finally {
      this.polling = false;
    }
  }

  private push(entry: HistoryEntry): void {
    this.options.state.history.push(entry);
    saveState(this.options.storage, this.options.state);
    this.log.insertBefore(this.renderEntry(entry), this.typing);
    this.scrollToEnd();
  }

  private renderEntry(entry: HistoryEntry): HTMLElement {
    if (entry.role === 'agent') {
      const text = 'text' in entry.reply && entry.reply.text ? entry.reply.text : '';
      return h('div', { class: 'smw-msg smw-agent', 'data-agent-id': entry.id }, [
        h('span', { class: 'smw-agent-label' }, [icon('person', { size: 12 }), 'Support agent']),
        h('div', { class: 'smw-bubble' }, [text]),
      ]);
    }
    if (entry.role !== 'bot') return h('div', { class: `smw-msg smw-${entry.role}` }, [h('div', { class: 'smw-bubble' }, [entry.text])]);
    return renderReply(entry.reply, entry.feedback, {
      onQuickReply: (value) => void this.send(value),
      onFeedback: (replyId, value) => void this.giveFeedback(entry, replyId, value),
    });
  }

  private async giveFeedback(entry: HistoryEntry & { role: 'bot' }, replyId: string, value: 'up' | 'down'): Promise<void> {
    const { conversationId, userId } = this.options.state;
    entry.feedback = value;
    saveState(this.options.storage, this.options.state);
    const row = this.log.querySelector(`[data-reply-id="${CSS.escape(replyId)}"]`);
    row?.querySelectorAll<HTMLButtonElement>('.smw-thumb').forEach((b) => b.setAttribute('aria-pressed', String(b.dataset.value === value)));
    await this.options.api.feedback({ replyId, conversationId, userId, kind: 'thumbs', value }).catch(() => undefined);
  }

  private scrollToEnd(): void {
    this.log.scrollTop = this.log.scrollHeight;
  }
}
