import { randomBytes } from 'node:crypto';
import type { Reply } from '../../core/message.ts';

export interface OutboxMessage {
  /** Opaque cursor; pass the last one seen as `after`. */
  id: string;
  reply: Reply & { replyId: string };
  at: string;
}

/**
 * Where queued messages live. In memory for one process (default); the composition root passes a store-backed queue
 * when several instances serve one shop, so a reply queued on one instance reaches a widget polling another.
 */
export interface OutboxQueue {
  push(conversationId: string, reply: Reply, at: Date): Promise<OutboxMessage>;
  /** Messages after the cursor (all kept ones for a missing or unknown cursor), oldest first. */
  since(conversationId: string, after: string | undefined): Promise<OutboxMessage[]>;
}

export interface WebOutboxOptions {
  queue?: OutboxQueue;
  /**
   * Who owns a conversation when this process has not seen it go through the proxy (e.g. after a restart, or on
   * another instance): the lead wires it to the store (`conversations.get(id)?.userId`).
   */
  ownerLookup?: (conversationId: string) => Promise<string | null>;
  /** Owners remembered in memory, least recently bound dropped first. Default 10 000. */
  maxOwners?: number;
  now?: () => Date;
}

/**
 * Messages pushed to web-chat customers outside a request (operator replies after a handoff), held until the widget
 * polls GET /chat/updates, and who may read them.
 */
export class WebOutbox {
  private readonly owners = new Map<string, string>();
  private readonly queue: OutboxQueue;
  private readonly maxOwners: number;

  constructor(private readonly options: WebOutboxOptions = {}) {
    this.queue = options.queue ?? new MemoryOutboxQueue();
    this.maxOwners = options.maxOwners ?? 10_000;
  }

  /** Usable as the dashboard's `deliver` for webhook conversations. */
  readonly deliver = async (conversationId: string, reply: Reply): Promise<void> => {
    await this.push(conversationId, reply);
  };

  push(conversationId: string, reply: Reply): Promise<OutboxMessage> {
    return this.queue.push(conversationId, reply, this.options.now?.() ?? new Date());
  }

  since(conversationId: string, after: string | undefined): Promise<OutboxMessage[]> {
    return this.queue.since(conversationId, after);
  }

  /** Records who wrote to a conversation through the proxy; the first writer owns it. */
  bindOwner(conversationId: string, userId: string): void {
    if (this.owners.has(conversationId)) return;
    this.owners.set(conversationId, userId);
    while (this.owners.size > this.maxOwners) this.owners.delete(this.owners.keys().next().value!);
  }

  async ownerOf(conversationId: string): Promise<string | null> {
    return this.owners.get(conversationId) ?? (await this.options.ownerLookup?.(conversationId)) ?? null;
  }
}

/**
 * One process's queue, bounded on both axes so an abandoned chat cannot grow memory. Cursors carry a per-process
 * epoch: after a restart old cursors simply start from the beginning instead of hiding new messages.
 */
export class MemoryOutboxQueue implements OutboxQueue {
  private readonly queues = new Map<string, OutboxMessage[]>();
  private readonly epoch = randomBytes(4).toString('hex');
  private seq = 0;

  constructor(private readonly limits: { maxPerConversation?: number; maxConversations?: number } = {}) {}

  async push(conversationId: string, reply: Reply, at: Date): Promise<OutboxMessage> {
    const id = `${this.epoch}-${++this.seq}`;
    const message: OutboxMessage = { id, reply: { ...reply, replyId: `agent:${id}` }, at: at.toISOString() };
    const queue = this.queues.get(conversationId) ?? [];
    this.queues.delete(conversationId); // re-insert: Map order doubles as "least recently written"
    queue.push(message);
    const maxPer = this.limits.maxPerConversation ?? 50;
    if (queue.length > maxPer) queue.splice(0, queue.length - maxPer);
    this.queues.set(conversationId, queue);
    while (this.queues.size > (this.limits.maxConversations ?? 10_000)) this.queues.delete(this.queues.keys().next().value!);
    return message;
  }

  async since(conversationId: string, after: string | undefined): Promise<OutboxMessage[]> {
    const queue = this.queues.get(conversationId) ?? [];
    const [epoch, seq] = (after ?? '').split('-');
    if (epoch !== this.epoch || !seq) return [...queue];
    const n = Number(seq);
    return queue.filter((m) => Number(m.id.split('-')[1]) > n);
  }
}
