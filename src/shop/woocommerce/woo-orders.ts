import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { ReturnRequest } from '../../dialogue/order-book.ts';
import type { Order } from '../../knowledge/types.ts';
import type { OrderChange, ShopOrders, Unsubscribe } from '../shop-platform.ts';
import type { ChangeFeed } from '../change-feed.ts';
import type { WooClient } from './woo-client.ts';
import { ACTIONABLE, isKnownStatus, toOrder } from './woo-order.ts';
import { parseReturnNote, returnNote } from './woo-return-note.ts';
import type { WooOrder, WooOrderNote } from './woo-types.ts';

/** Orders we read for all() / byEmail(): the most recent ones, so a large shop is not paged through in one turn. */
const MAX_ORDER_PAGES = 20;

/**
 * The shop's WooCommerce orders for the dialogue. Ids are WooCommerce order ids ("1234"); anything else is an unknown
 * order without a call. Actions check the order's raw status first (WooCommerce itself would let an API client cancel
 * a completed order), then ask WooCommerce, and return the order as WooCommerce stored it.
 */
export class WooOrders implements ShopOrders {
  constructor(
    private readonly client: WooClient,
    private readonly feed: ChangeFeed<OrderChange>,
    private readonly logger: Logger,
  ) {}

  private async raw(orderId: string): Promise<WooOrder | undefined> {
    const id = orderId.trim().replace(/^#/, '');
    if (!/^\d{1,12}$/.test(id)) return undefined;
    return this.client.get<WooOrder>(`order ${id}`, `orders/${id}`);
  }

  private map(o: WooOrder): Order {
    if (!isKnownStatus(o.status)) this.logger.warn('woocommerce order in a status we do not know; shown as processing, no actions', { orderId: o.id, status: o.status });
    return toOrder(o);
  }

  async get(orderId: string): Promise<Order | undefined> {
    const o = await this.raw(orderId);
    return o && this.map(o);
  }

  async verify(orderId: string, email: string): Promise<boolean> {
    const o = await this.raw(orderId);
    const want = email.trim().toLowerCase();
    return o !== undefined && want !== '' && (o.billing.email ?? '').trim().toLowerCase() === want;
  }

  /** The order, or NOT_FOUND; CONFLICT when its status no longer allows `what`. */
  private async actionable(orderId: string, what: string): Promise<WooOrder> {
    const o = await this.raw(orderId);
    if (!o) throw new ShopmateError('NOT_FOUND', `order ${orderId} not found`);
    if (!ACTIONABLE.includes(o.status)) {
      throw new ShopmateError('CONFLICT', `order ${o.id} is ${toOrder(o).status} (WooCommerce: ${o.status}); ${what} needs an order that has not shipped yet`, {
        details: { platform: 'woocommerce', status: o.status },
      });
    }
    return o;
  }

  async cancel(orderId: string, _at: Date): Promise<Order> {
    const o = await this.actionable(orderId, 'cancelling');
    // WooCommerce records the status change as an order note itself ("Order status changed from ... to Cancelled").
    const updated = await this.client.send<WooOrder>(`cancel order ${o.id}`, 'PUT', `orders/${o.id}`, { status: 'cancelled' });
    return this.map(updated);
  }

  /**
   * The customer types the new address as one line; WooCommerce stores it in fields. The line goes into address_1
   * (the other street fields cleared, names and country kept) and a private note tells the staff to check it, because
   * splitting free text into postcode and city by guesswork would print wrong labels silently.
   */
  async changeAddress(orderId: string, address: string, at: Date): Promise<Order> {
    const o = await this.actionable(orderId, 'changing the address');
    const line = address.trim();
    const shipping = { address_1: line, address_2: '', city: '', state: '', postcode: '', company: '' };
    const updated = await this.client.send<WooOrder>(`change the address of order ${o.id}`, 'PUT', `orders/${o.id}`, { shipping });
    const text = `shopmate: the customer changed the shipping address in the chat on ${at.toISOString()} to "${line}". It is stored as one line in Address line 1; please check it before shipping.`;
    try {
      await this.note(String(o.id), text, at);
    } catch (e) {
      // The address did change: the customer must hear so. The missing note is the staff's to know, via the log.
      this.logger.error('woocommerce: address changed but the note for the staff could not be written', { orderId: o.id, error: (e as Error).message });
    }
    return this.map(updated);
  }

  async changeShippingMethod(orderId: string, _method: Order['shippingMethod'], _at: Date): Promise<Order> {
    // The REST API can replace shipping lines but recalculates neither totals nor payment: a person must do it.
    throw new ShopmateError('CONFLICT', `changing the shipping method of order ${orderId} cannot be done through WooCommerce's API; a person must do it`, {
      details: { reason: 'unsupported', platform: 'woocommerce' },
    });
  }

  /**
   * WooCommerce core has no returns: a return request is a private order note that staff see on the order (status
   * unchanged; the refund stays theirs to make). The RMA number is derived from the note's id, so returnsFor can list it.
   */
  async createReturn(request: Omit<ReturnRequest, 'id' | 'createdAt'>, _at: Date): Promise<ReturnRequest> {
    const o = await this.raw(request.orderId);
    if (!o) throw new ShopmateError('NOT_FOUND', `order ${request.orderId} not found`);
    const note = await this.client.send<WooOrderNote>(`open a return on order ${o.id}`, 'POST', `orders/${o.id}/notes`, {
      note: returnNote(request.productIds, request.reason),
      customer_note: false,
    });
    const ret = parseReturnNote(String(o.id), note);
    if (!ret) throw new ShopmateError('SHOP_UNAVAILABLE', `woocommerce: the return note on order ${o.id} came back changed`, { details: { platform: 'woocommerce' } });
    return ret;
  }

  async returnsFor(orderId: string): Promise<ReturnRequest[]> {
    const id = orderId.trim().replace(/^#/, '');
    if (!/^\d{1,12}$/.test(id)) return [];
    const notes = await this.client.get<WooOrderNote[]>(`notes of order ${id}`, `orders/${id}/notes`, { type: 'internal' });
    return (notes ?? [])
      .map((n) => parseReturnNote(id, n))
      .filter((r): r is ReturnRequest => r !== undefined)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  }

  /** Retried like every call: a timeout after WooCommerce stored the note may store it twice, which beats losing it. */
  async note(orderId: string, text: string, _at: Date): Promise<void> {
    const o = await this.raw(orderId);
    if (!o) throw new ShopmateError('NOT_FOUND', `order ${orderId} not found`);
    await this.client.send<WooOrderNote>(`add a note to order ${o.id}`, 'POST', `orders/${o.id}/notes`, { note: text, customer_note: false });
  }

  /**
   * WooCommerce's order search covers the billing and shipping address index, email included; the exact email is then
   * checked here (search also matches parts of names and other fields).
   */
  async byEmail(email: string): Promise<Order[]> {
    const want = email.trim().toLowerCase();
    if (!want) return [];
    const { items, truncated } = await this.client.all<WooOrder>('orders by email', 'orders', { search: want, orderby: 'date', order: 'desc' }, MAX_ORDER_PAGES);
    if (truncated) this.logger.warn('woocommerce: more orders matched an email than we read', { pages: MAX_ORDER_PAGES });
    return items.filter((o) => (o.billing.email ?? '').trim().toLowerCase() === want).map((o) => this.map(o));
  }

  /** The most recent orders (at most MAX_ORDER_PAGES pages of 100); a warning says when older ones were left out. */
  async all(): Promise<Order[]> {
    const { items, truncated } = await this.client.all<WooOrder>('orders', 'orders', { orderby: 'date', order: 'desc' }, MAX_ORDER_PAGES);
    if (truncated) this.logger.warn('woocommerce: only the most recent orders were read', { orders: items.length });
    return items.map((o) => this.map(o));
  }

  changes(listener: (change: OrderChange) => void): Unsubscribe {
    return this.feed.subscribe(listener);
  }
}
