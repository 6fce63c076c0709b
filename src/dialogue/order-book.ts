import { ShopmateError } from '../core/errors.ts';
import { shiftOrderDates } from '../knowledge/shift-order-dates.ts';
import type { Order, OrderStatus, TrackingEvent } from '../knowledge/types.ts';

export interface ReturnRequest {
  id: string; // RMA number
  orderId: string;
  productIds: string[];
  reason: string;
  createdAt: string;
}

/** The shop's orders as the dialogue may read and change them. The demo uses the in-memory book from knowledge/. */
export interface OrderBook {
  get(orderId: string): Promise<Order | undefined>;
  /** True only when the order exists AND was placed with this email; callers must not reveal which part failed. */
  verify(orderId: string, email: string): Promise<boolean>;
  cancel(orderId: string, at: Date): Promise<Order>;
  changeAddress(orderId: string, address: string, at: Date): Promise<Order>;
  changeShippingMethod(orderId: string, method: Order['shippingMethod'], at: Date): Promise<Order>;
  createReturn(request: Omit<ReturnRequest, 'id' | 'createdAt'>, at: Date): Promise<ReturnRequest>;
  returnsFor(orderId: string): Promise<ReturnRequest[]>;
  /** All orders placed with an email (recommendations: what this customer bought). */
  byEmail(email: string): Promise<Order[]>;
  all(): Promise<Order[]>;
}

export class MemoryOrderBook implements OrderBook {
  private readonly orders = new Map<string, Order>();
  private readonly returns: ReturnRequest[] = [];
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
