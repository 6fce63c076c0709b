import type { OutboxMessage, OutboxQueue } from '../channels/webhook/web-outbox.ts';
import type { Reply } from '../core/message.ts';
import type { Logger } from '../core/logger.ts';
import type { Sealer } from '../privacy/data-vault.ts';
import type { OutboxStore } from '../store/store.ts';

const CURSOR = /^s(\d{1,15})$/;

/**
 * The web widget's outbox in the store, so a reply an operator sends on one instance reaches a widget polling
 * another. The reply is what the customer must read as typed (the turn log keeps a redacted copy), so it is sealed
 * with the data key and deleted with the conversation or by the retention purge.
 */
export class StoreOutboxQueue implements OutboxQueue {
  constructor(private readonly o: { store: OutboxStore; sealer: Sealer; logger: Logger }) {}

  async push(conversationId: string, reply: Reply, at: Date): Promise<OutboxMessage> {
    const record = await this.o.store.push({ conversationId, payload: this.o.sealer.seal(JSON.stringify(reply)), at });
    return this.message(record.seq, reply, record.at);
  }

  async since(conversationId: string, after: string | undefined): Promise<OutboxMessage[]> {
    const afterSeq = Number(CURSOR.exec(after ?? '')?.[1] ?? 0);
    const records = await this.o.store.listAfter(conversationId, { afterSeq });
    return records.flatMap((r) => {
      const plain = this.o.sealer.open(r.payload);
      if (plain === undefined) {
        this.o.logger.warn('outbox message could not be opened (another data key?); skipped', { conversationId, seq: r.seq });
        return [];
      }
      return [this.message(r.seq, JSON.parse(plain) as Reply, r.at)];
    });
  }

  private message(seq: number, reply: Reply, at: Date): OutboxMessage {
    const id = `s${seq}`;
    return { id, reply: { ...reply, replyId: `agent:${id}` }, at: at.toISOString() };
  }
}
