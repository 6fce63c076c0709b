import { randomBytes } from 'node:crypto';
import type { Reply } from '../../core/message.ts';

export interface OutboxMessage {
  /** Opaque cursor `<epoch>-<seq>`; pass the last one seen as `after`. */
  id: string;
  reply: Reply & { replyId: string };
  at: string;
}

export interface WebOutboxOptions {
  /** Per conversation, oldest dropped first. Default 50. */
  maxPerConversation?: number;
  /** Conversations kept, least recently written dropped first. Default 10 000. */
  maxConversations?: number;
  /**
   * Who owns a conversation when this process has not seen it go through the proxy (e.g. after a restart): the
   * lead wires it to the store (`conversations.get(id)?.userId`).
   */
  ownerLookup?: (conversationId: string) => Promise<string | null>;
  now?: () => Date;
}

/**
 * Messages pushed to web-chat customers outside a request (operator replies after a handoff), held in memory until
 * the widget polls GET /chat/updates. Bounded on both axes so an abandoned chat cannot grow memory. Cursors carry a
 * per-process epoch: after a restart old cursors simply start from the beginning instead of hiding new messages.
 */
export class WebOutbox {
  private readonly queues = new Map<string, OutboxMessage[]>();
  private readonly owners = new Map<string, string>();
  private readonly epoch = randomBytes(4).toString('hex');
  private seq = 0;
  private readonly maxPer: number;
  private readonly maxConversations: number;

  constructor(private readonly options: WebOutboxOptions = {}) {
    this.maxPer = options.maxPerConversation ?? 50;
    this.maxConversations = options.maxConversations ?? 10_000;
  }

  /** Usable as the dashboard's `deliver` for webhook conversations. */
  readonly deliver = async (conversationId: string, reply: Reply): Promise<void> => {
    this.push(conversationId, reply);
  };

  push(conversationId: string, reply: Reply): OutboxMessage {
    const id = `${this.epoch}-${++this.seq}`;
    const message: OutboxMessage = { id, reply: { ...reply, replyId: `agent:${id}` }, at: (this.options.now?.() ?? new Date()).toISOString() };
    const queue = this.queues.get(conversationId) ?? [];
    this.queues.delete(conversationId); // re-insert: Map order doubles as "least recently written"
    queue.push(message);
    if (queue.length > this.maxPer) queue.splice(0, queue.length - this.maxPer);
    this.queues.set(conversationId, queue);
    this.evict(this.queues);
    return message;
  }

  /** Messages after the cursor (all of them for a missing or foreign-epoch cursor). */
  since(conversationId: string, after: string | undefined): OutboxMessage[] {
    const queue = this.queues.get(conversationId) ?? [];
    const [epoch, seq] = (after ?? '').split('-');
    if (epoch !== this.epoch || !seq) return [...queue];
    const n = Number(seq);
    return queue.filter((m) => Number(m.id.split('-')[1]) > n);
  }

  /** Records who wrote to a conversation through the proxy; the first writer owns it. */
  bindOwner(conversationId: string, userId: string): void {
    if (this.owners.has(conversationId)) return;
    this.owners.set(conversationId, userId);
    this.evict(this.owners);
  }

  async ownerOf(conversationId: string): Promise<string | null> {
    return this.owners.get(conversationId) ?? (await this.options.ownerLookup?.(conversationId)) ?? null;
  }

  private evict(map: Map<string, unknown>): void {
    while (map.size > this.maxConversations) map.delete(map.keys().next().value!);
  }
}
