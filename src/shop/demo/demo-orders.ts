import type { Logger } from '../../core/logger.ts';
import type { ReturnRequest } from '../../dialogue/order-book.ts';
import type { Order } from '../../knowledge/types.ts';
import type { Sealer } from '../../privacy/data-vault.ts';
import type { OrderChangeStore } from '../../store/store.ts';
import { ChangeFeed } from '../change-feed.ts';
import type { OrderChange, ShopOrders } from '../shop-platform.ts';
import type { MemoryOrderBook, OrderEdit } from './memory-order-book.ts';

const PLATFORM = 'demo';

/**
 * The demo shop's orders: the YAML orders in memory, and every change the bot makes written to the store's order
 * change log before it is confirmed, so a cancellation survives a restart and is seen by the next conversation (and
 * by another process on the same database after `replay`).
 */
export class DemoOrders implements ShopOrders {
  private readonly feed: ChangeFeed<OrderChange>;
  private lastSeq = 0;
  /** Changes this process stored itself: already applied, so replay skips them. */
  private readonly own = new Set<number>();

  constructor(
    readonly book: MemoryOrderBook,
    private readonly deps: { log?: OrderChangeStore; sealer: Sealer; logger: Logger },
  ) {
    this.feed = new ChangeFeed('order change', deps.logger);
  }

  /** Applies the stored changes not seen yet (at start, and before answering when other processes share the store). */
  async replay(): Promise<number> {
    if (!this.deps.log) return 0;
    const changes = await this.deps.log.list({ platform: PLATFORM, afterSeq: this.lastSeq });
    let applied = 0;
    for (const c of changes) {
      this.lastSeq = c.seq;
      if (this.own.delete(c.seq)) continue;
      const plain = this.deps.sealer.open(c.payload);
      if (plain === undefined) {
        this.deps.logger.warn('order change could not be opened (other data key?); skipped', { seq: c.seq, orderId: c.orderId });
        continue;
      }
      if (this.book.replay(c.orderId, JSON.parse(plain) as OrderEdit, c.at)) applied++;
    }
    return applied;
  }

  async get(orderId: string): Promise<Order | undefined> {
    await this.replay();
    return this.book.get(orderId);
  }

  async verify(orderId: string, email: string): Promise<boolean> {
    return this.book.verify(orderId, email);
  }

  cancel(orderId: string, at: Date): Promise<Order> {
    return this.change(orderId, { kind: 'cancel' }, at, () => this.book.cancel(orderId, at));
  }

  changeAddress(orderId: string, address: string, at: Date): Promise<Order> {
    return this.change(orderId, { kind: 'address', address }, at, () => this.book.changeAddress(orderId, address, at));
  }

  changeShippingMethod(orderId: string, method: Order['shippingMethod'], at: Date): Promise<Order> {
    return this.change(orderId, { kind: 'method', method }, at, () => this.book.changeShippingMethod(orderId, method, at));
  }

  async createReturn(request: Omit<ReturnRequest, 'id' | 'createdAt'>, at: Date): Promise<ReturnRequest> {
    let created: ReturnRequest | undefined;
    await this.change(request.orderId, (r) => ({ kind: 'return', request: r! }), at, async () => {
      created = await this.book.createReturn(request, at);
      return created;
    });
    return created!;
  }

  async note(orderId: string, text: string, at: Date): Promise<void> {
    await this.change(orderId, { kind: 'note', text }, at, async () => {
      await this.book.note(orderId, text, at);
    });
  }

  returnsFor(orderId: string): Promise<ReturnRequest[]> {
    return this.book.returnsFor(orderId);
  }

  byEmail(email: string): Promise<Order[]> {
    return this.book.byEmail(email);
  }

  all(): Promise<Order[]> {
    return this.book.all();
  }

  changes(listener: (change: OrderChange) => void): () => void {
    return this.feed.subscribe(listener);
  }

  /**
   * Applies the change in memory (which checks the shop's rules), then stores it; if storing fails the order is put
   * back and the error surfaces, so the bot never confirms a change that would be gone after a restart.
   */
  private async change<T>(orderId: string, edit: OrderEdit | ((result: T) => OrderEdit), at: Date, apply: () => Promise<T>): Promise<T> {
    await this.replay();
    const id = (await this.book.get(orderId))?.id ?? orderId;
    const undo = this.book.savepoint(orderId);
    const result = await apply();
    const data = typeof edit === 'function' ? edit(result) : edit;
    try {
      if (this.deps.log) {
        const stored = await this.deps.log.append({ platform: PLATFORM, orderId: id, kind: data.kind, payload: this.deps.sealer.seal(JSON.stringify(data)), at });
        this.own.add(stored.seq);
      }
    } catch (e) {
      undo();
      throw e;
    }
    const order = await this.book.get(orderId);
    if (order) this.feed.emit({ kind: 'updated', order });
    return result;
  }
}
