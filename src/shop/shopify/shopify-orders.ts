import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { ReturnRequest } from '../../dialogue/order-book.ts';
import type { Order, OrderStatus } from '../../knowledge/types.ts';
import type { OrderChange, ShopOrders, Unsubscribe } from '../shop-platform.ts';
import { parseAddressLine } from './shopify-address.ts';
import { cancelAndConfirm, type CancelOptions } from './shopify-cancel.ts';
import { ChangeFeed } from '../change-feed.ts';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.ts';
import { orderName } from './shopify-ids.ts';
import { mapOrderNode, type OrderNode } from './shopify-order-mapper.ts';
import { ORDERS_PER_PAGE, ORDERS_QUERY, ORDER_NOTE_QUERY, ORDER_UPDATE_MUTATION } from './shopify-queries.ts';
import { listReturns, requestReturn } from './shopify-returns.ts';

export interface OrderRules {
  cancellableStatuses: OrderStatus[];
  changeableStatuses: OrderStatus[];
}

type Found = { node: OrderNode; order: Order };
type UpdatePayload = { orderUpdate: { order: (OrderNode & { note: string | null }) | null; userErrors: Array<{ message: string }> } };

/** How far back `all()` reads: six half-lives of the recommender's default 30-day decay. */
export const ALL_ORDERS_DAYS = 180;

/** A string Shopify's search syntax takes as one quoted value. */
const quoted = (v: string) => `"${v.replace(/["\\]/g, '')}"`;

/**
 * Orders by their number ("1001", found as `name:#1001`), read and changed through the Admin GraphQL API. Every
 * action checks the order's status against `rules` first (the same rules the dialogue explains) and resolves only
 * with the order as Shopify shows it after the change.
 */
export class ShopifyOrders implements ShopOrders {
  readonly feed: ChangeFeed<OrderChange>;

  constructor(
    private readonly deps: { client: ShopifyGraphqlClient; rules: OrderRules; cancel: CancelOptions; logger: Logger; maxPages: number },
  ) {
    this.feed = new ChangeFeed('shopify orders', deps.logger);
  }

  private async find(orderId: string): Promise<Found | undefined> {
    if (!/^\d{1,12}$/.test(orderId)) return undefined;
    const name = orderName(orderId);
    const data = await this.deps.client.request<{ orders: { nodes: OrderNode[] } }>('find order', ORDERS_QUERY, { first: 3, query: `name:${quoted(name)}` });
    // The name filter is a search, not an equality: "#100" can find "#1001".
    const node = data.orders.nodes.find((n) => n.name === name);
    return node && { node, order: mapOrderNode(node) };
  }

  private async require(orderId: string, allowed: OrderStatus[], action: string): Promise<Found> {
    const found = await this.find(orderId);
    if (!found) throw new ShopmateError('NOT_FOUND', `order ${orderId} not found`);
    if (!allowed.includes(found.order.status)) {
      throw new ShopmateError('CONFLICT', `order ${orderName(orderId)} is ${found.order.status}; it can be ${action} only while ${allowed.join(' or ')}`);
    }
    return found;
  }

  async get(orderId: string): Promise<Order | undefined> {
    return (await this.find(orderId))?.order;
  }

  async verify(orderId: string, email: string): Promise<boolean> {
    const order = await this.get(orderId);
    return order !== undefined && order.email !== '' && order.email.toLowerCase() === email.trim().toLowerCase();
  }

  async cancel(orderId: string, at: Date): Promise<Order> {
    const { node } = await this.require(orderId, this.deps.rules.cancellableStatuses, 'cancelled');
    await cancelAndConfirm(this.deps.client, node.id, `Cancelled at the customer's request in the shopmate chat (${at.toISOString()}).`, this.deps.cancel);
    const after = await this.get(orderId);
    if (!after) throw new ShopmateError('SHOP_UNAVAILABLE', `order ${orderId} could not be read after its cancellation`, { details: { platform: 'shopify' } });
    return after;
  }

  async changeAddress(orderId: string, address: string, _at: Date): Promise<Order> {
    const { node } = await this.require(orderId, this.deps.rules.changeableStatuses, 'changed');
    const current = node.shippingAddress;
    const parsed = parseAddressLine(address, current?.countryCodeV2 ?? undefined);
    // The address is replaced whole: who receives it and their phone stay as they were.
    const keep = Object.fromEntries(Object.entries({ firstName: current?.firstName, lastName: current?.lastName, company: current?.company, phone: current?.phone }).filter(([, v]) => v));
    const sameCountry = parsed.countryCode === current?.countryCodeV2;
    const shippingAddress = { ...keep, ...parsed, ...(sameCountry && current?.province ? { province: current.province } : {}) };
    return mapOrderNode(await this.update('change address', { id: node.id, shippingAddress }));
  }

  async changeShippingMethod(orderId: string, _method: Order['shippingMethod'], _at: Date): Promise<Order> {
    // orderUpdate cannot change shipping lines; order editing can, but it changes what the customer pays, which a
    // chat must not do unasked.
    throw new ShopmateError('CONFLICT', `the shipping method of order ${orderName(orderId)} can only be changed by a person from our team`, {
      details: { reason: 'unsupported', platform: 'shopify' },
    });
  }

  async note(orderId: string, text: string, at: Date): Promise<void> {
    const found = await this.find(orderId);
    if (!found) throw new ShopmateError('NOT_FOUND', `order ${orderId} not found`);
    const data = await this.deps.client.request<{ order: { id: string; note: string | null } | null }>('read order note', ORDER_NOTE_QUERY, { id: found.node.id });
    const line = `[shopmate ${at.toISOString()}] ${text}`;
    await this.update('add order note', { id: found.node.id, note: data.order?.note ? `${data.order.note}\n${line}` : line });
  }

  async createReturn(request: Omit<ReturnRequest, 'id' | 'createdAt'>, at: Date): Promise<ReturnRequest> {
    const found = await this.find(request.orderId);
    if (!found) throw new ShopmateError('NOT_FOUND', `order ${request.orderId} not found`);
    return requestReturn(this.deps.client, found.node.id, { ...request, orderId: found.order.id }, at);
  }

  async returnsFor(orderId: string): Promise<ReturnRequest[]> {
    const found = await this.find(orderId);
    return found ? listReturns(this.deps.client, found.node.id, found.order.id) : [];
  }

  async byEmail(email: string): Promise<Order[]> {
    const e = email.trim().toLowerCase();
    if (!/^[^\s@"\\]+@[^\s@"\\]+$/.test(e)) return [];
    const nodes = await this.page('orders by email', `email:${quoted(e)}`);
    return nodes.map(mapOrderNode).filter((o) => o.email.toLowerCase() === e);
  }

  /**
   * The orders placed in the last ALL_ORDERS_DAYS days, not the shop's whole history: the bot reads them at start for
   * the recommender, whose time decay gives an order of that age about 1/64 of a new one's weight, and a large shop's
   * history would take hours to page through at Shopify's rate limit.
   */
  async all(): Promise<Order[]> {
    const since = new Date(Date.now() - ALL_ORDERS_DAYS * 86_400_000);
    return (await this.page('recent orders', `created_at:>${quoted(since.toISOString())}`)).map(mapOrderNode);
  }

  /** Orders changed since `since` (the poller's change feed where webhooks are not set up). */
  async updatedSince(since: Date): Promise<Order[]> {
    return (await this.page('changed orders', `updated_at:>${quoted(since.toISOString())}`)).map(mapOrderNode);
  }

  changes(listener: (change: OrderChange) => void): Unsubscribe {
    return this.feed.subscribe(listener);
  }

  private page(what: string, query: string | undefined): Promise<OrderNode[]> {
    return this.deps.client.paginate<OrderNode>(what, ORDERS_QUERY, { first: ORDERS_PER_PAGE, ...(query ? { query } : {}) }, (d) => d.orders, this.deps.maxPages);
  }

  private async update(what: string, input: Record<string, unknown>): Promise<OrderNode> {
    const data = await this.deps.client.request<UpdatePayload>(what, ORDER_UPDATE_MUTATION, { input });
    const { order, userErrors } = data.orderUpdate;
    if (userErrors.length > 0 || !order) throw new ShopmateError('CONFLICT', userErrors.map((e) => e.message).join('; ') || `Shopify did not ${what}`, { details: { platform: 'shopify' } });
    return order;
  }
}
