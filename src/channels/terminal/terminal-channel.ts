import type { MessageHandler } from '../../bot.ts';
import { isShopmateError, ShopmateError } from '../../core/errors.ts';
import { replyToText, type Reply } from '../../core/message.ts';
import type { Channel } from '../channel.ts';

export interface TerminalIo {
  out(text: string): void;
  lines(): AsyncIterable<string>;
}

export interface TerminalChannelOptions {
  io: TerminalIo;
  userId: string;
  conversationId: string;
  /** 'text' for people; 'json' prints one JSON object per turn for scripts. */
  format: 'text' | 'json';
  /** Extra per-turn fields (e.g. NLU details) supplied by the caller; the channel prints them without reading them. */
  annotate?: (messageId: string) => Record<string, unknown> | undefined;
  /** Text mode: print the annotation under each answer (`chat --show-nlu`). */
  showAnnotations?: boolean;
  prompt?: string;
}

/**
 * `shopmate chat`: one customer line in, the bot's replies out. A quick reply can be chosen by typing its number,
 * which sends its value exactly as a click in the web widget would.
 */
export class TerminalChannel implements Channel {
  readonly id = 'terminal';
  private lastOptions: Array<{ value: string }> = [];
  private counter = 0;
  private stopped = false;

  constructor(private readonly options: TerminalChannelOptions) {}

  async start(handle: MessageHandler): Promise<void> {
    const { io, format, prompt = '> ' } = this.options;
    if (format === 'text') io.out(prompt);
    for await (const raw of io.lines()) {
      if (this.stopped) break;
      const line = raw.trim();
      if (line === '') {
        if (format === 'text') io.out(prompt);
        continue;
      }
      if (format === 'text' && (line === '/quit' || line === '/exit')) break;
      await this.turn(handle, this.resolveQuickReply(line)).catch((e: unknown) => this.failed(e));
      if (format === 'text') io.out(prompt);
    }
  }

  private resolveQuickReply(line: string): string {
    const n = Number(line);
    return Number.isInteger(n) && n >= 1 && n <= this.lastOptions.length ? this.lastOptions[n - 1].value : line;
  }

  private async turn(handle: MessageHandler, text: string): Promise<void> {
    const messageId = `terminal-${process.pid}-${Date.now()}-${++this.counter}`;
    const replies = await handle({
      messageId,
      conversationId: this.options.conversationId,
      userId: this.options.userId,
      channel: this.id,
      text,
      receivedAt: new Date(),
    });
    this.lastOptions = replies.flatMap((r) => (r.kind === 'quick_replies' ? r.options : []));
    const extra = this.options.annotate?.(messageId);
    if (this.options.format === 'json') {
      this.options.io.out(JSON.stringify({ messageId, text, replies, ...extra }) + '\n');
      return;
    }
    for (const r of replies) await this.send(this.options.conversationId, r);
    if (replies.length === 0) this.options.io.out('(an agent will answer here)\n');
    if (this.options.showAnnotations && extra) this.options.io.out(`  ${JSON.stringify(extra)}\n`);
  }

  /** A turn the pipeline refused (e.g. a conversation of another user) is reported and the chat goes on. */
  private failed(e: unknown): void {
    const error = { code: isShopmateError(e) ? e.code : 'INTERNAL', message: (e as Error)?.message ?? String(e) };
    if (this.options.format === 'json') this.options.io.out(JSON.stringify({ error }) + '\n');
    else this.options.io.out(`(not answered: ${error.code} ${error.message})\n`);
  }

  /** The terminal shows one conversation: its own. */
  async send(conversationId: string, reply: Reply): Promise<void> {
    if (conversationId !== this.options.conversationId) throw new ShopmateError('NOT_FOUND', `no terminal conversation ${conversationId}`);
    this.options.io.out(`bot: ${replyToText(reply).replace(/\n/g, '\n     ')}\n`);
  }

  async stop(): Promise<void> {
    this.stopped = true;
  }
}
