import { ShopmateError } from '../../core/errors.ts';
import { shiftOrderDates } from '../../knowledge/shift-order-dates.ts';
import type { Order, OrderStatus, TrackingEvent } from '../../knowledge/types.ts';
import type { OrderBook, ReturnRequest } from '../../dialogue/order-book.ts';

/** A change to an order, as persisted and replayed (see DemoOrders). */
export type OrderEdit =
  | { kind: 'cancel' }
  | { kind: 'address'; address: string }
  | { kind: 'method'; method: Order['shippingMethod'] }
  | { kind: 'return'; request: ReturnRequest }
  | { kind: 'note'; text: string };

export class MemoryOrderBook implements OrderBook {
  private readonly orders = new Map<string, Order>();
  private readonly returns: ReturnRequest[] = [];
  private readonly notes: Array<{ orderId: string; text: string; at: string }> = [];
  private readonly initial: Order[];

  private readonly cancellable: OrderStatus[];
  private readonly changeable: OrderStatus[];

  /** The statuses come from the shop profile, so the book enforces the same rules the dialogue explains. */
  constructor(options: { orders: Order[]; cancellableStatuses: OrderStatus[]; changeableStatuses: OrderStatus[] }) {
    this.initial = options.orders.map((o) => structuredClone(o));
    this.reset(0);
    this.cancellable = options.cancellableStatuses;
    this.changeable = options.changeableStatuses;
  }

  /**
   * Back to the orders as loaded, every date moved by `shiftDays` (conversation tests start each conversation from
   * the same demo shop, at the day they play on). Returns are forgotten.
   */
  reset(shiftDays: number): void {
    this.orders.clear();
    this.returns.length = 0;
    this.notes.length = 0;
    for (const o of this.initial) this.orders.set(o.id.toUpperCase(), shiftOrderDates(structuredClone(o), shiftDays));
  }

  async get(orderId: string): Promise<Order | undefined> {
    const o = this.orders.get(orderId.toUpperCase());
    return o && structuredClone(o);
  }

  async verify(orderId: string, email: string): Promise<boolean> {
    const o = this.orders.get(orderId.toUpperCase());
    return o !== undefined && o.email.toLowerCase() === email.trim().toLowerCase();
  }

  private mutate(orderId: string, allowed: OrderStatus[], change: (o: Order) => void): Order {
    const o = this.orders.get(orderId.toUpperCase());
    if (!o) throw new ShopmateError('NOT_FOUND', `order ${orderId} not found`);
    if (!allowed.includes(o.status)) {
      throw new ShopmateError('CONFLICT', `order ${o.id} is ${o.status}; this change needs status ${allowed.join(' or ')}`);
    }
    change(o);
    return structuredClone(o);
  }

  private event(o: Order, at: Date, status: string): void {
    const e: TrackingEvent = { at: at.toISOString(), status };
    o.tracking.push(e);
  }

  async cancel(orderId: string, at: Date): Promise<Order> {
    return this.mutate(orderId, this.cancellable, (o) => {
      o.status = 'cancelled';
      this.event(o, at, 'cancelled by customer');
    });
  }

  async changeAddress(orderId: string, address: string, at: Date): Promise<Order> {
    return this.mutate(orderId, this.changeable, (o) => {
      o.shippingAddress = address;
      this.event(o, at, 'shipping address changed');
    });
  }

  async changeShippingMethod(orderId: string, method: Order['shippingMethod'], at: Date): Promise<Order> {
    return this.mutate(orderId, this.changeable, (o) => {
      o.shippingMethod = method;
      this.event(o, at, `shipping method changed to ${method}`);
    });
  }

  async createReturn(request: Omit<ReturnRequest, 'id' | 'createdAt'>, at: Date): Promise<ReturnRequest> {
    const order = this.orders.get(request.orderId.toUpperCase());
    if (!order) throw new ShopmateError('NOT_FOUND', `order ${request.orderId} not found`);
    const ret: ReturnRequest = {
      ...request,
      orderId: order.id,
      id: `RMA-${order.id.replace(/\D/g, '')}-${this.returns.filter((r) => r.orderId === order.id).length + 1}`,
      createdAt: at.toISOString(),
    };
    this.returns.push(ret);
    this.event(order, at, `return ${ret.id} opened`);
    return structuredClone(ret);
  }

  async note(orderId: string, text: string, at: Date): Promise<void> {
    const o = this.orders.get(orderId.toUpperCase());
    if (!o) throw new ShopmateError('NOT_FOUND', `order ${orderId} not found`);
    this.notes.push({ orderId: o.id, text, at: at.toISOString() });
  }

  /** Staff notes on an order (not shown to customers). */
  notesFor(orderId: string): Array<{ text: string; at: string }> {
    return this.notes.filter((n) => n.orderId.toUpperCase() === orderId.toUpperCase()).map(({ text, at }) => ({ text, at }));
  }

  /**
   * Re-applies a change made before a restart, without the status rules (they held when it was made). Unknown orders
   * are skipped: the demo files may have changed since.
   */
  replay(orderId: string, edit: OrderEdit, at: Date): boolean {
    const o = this.orders.get(orderId.toUpperCase());
    if (!o) return false;
    if (edit.kind === 'cancel') {
      o.status = 'cancelled';
      this.event(o, at, 'cancelled by customer');
    } else if (edit.kind === 'address') {
      o.shippingAddress = edit.address;
      this.event(o, at, 'shipping address changed');
    } else if (edit.kind === 'method') {
      o.shippingMethod = edit.method;
      this.event(o, at, `shipping method changed to ${edit.method}`);
    } else if (edit.kind === 'return') {
      this.returns.push(structuredClone(edit.request));
      this.event(o, at, `return ${edit.request.id} opened`);
    } else {
      this.notes.push({ orderId: o.id, text: edit.text, at: at.toISOString() });
    }
    return true;
  }

  /** Undoes whatever happens to one order after this call (a change whose persistence failed); others are kept. */
  savepoint(orderId: string): () => void {
    const key = orderId.toUpperCase();
    const order = structuredClone(this.orders.get(key));
    const returns = new Set(this.returns);
    const notes = new Set(this.notes);
    const keep = <T extends { orderId: string }>(list: T[], had: Set<T>) => {
      const kept = list.filter((x) => had.has(x) || x.orderId.toUpperCase() !== key);
      list.splice(0, list.length, ...kept);
    };
    return () => {
      if (order) this.orders.set(key, order);
      keep(this.returns, returns);
      keep(this.notes, notes);
    };
  }

  async returnsFor(orderId: string): Promise<ReturnRequest[]> {
    return this.returns.filter((r) => r.orderId.toUpperCase() === orderId.toUpperCase()).map((r) => structuredClone(r));
  }

  async byEmail(email: string): Promise<Order[]> {
    const e = email.toLowerCase();
    return [...this.orders.values()].filter((o) => o.email.toLowerCase() === e).map((o) => structuredClone(o));
  }

  async all(): Promise<Order[]> {
    return [...this.orders.values()].map((o) => structuredClone(o));
  }
}
