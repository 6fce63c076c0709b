/**
 * The fake shop's state and the Admin API's root fields over it (queries and the three mutations we use), with the
 * rules the 2025-07 reference pages state: orderCancel queues a job that cancels later; a cancelled order cannot be
 * cancelled again; returnRequest takes fulfillment line items and opens a return with status REQUESTED; orderUpdate
 * replaces the shipping address whole.
 */
import { randomUUID } from 'node:crypto';
import { fulfillmentLineItemId, fulfillmentStatus, type FakeOrder, type FakeProduct } from './fake-shopify-model.ts';
import { compileSearch } from './fake-shopify-search.ts';
import { connection, gid, idOf, orderView, productView, returnView, stripHtml, type ViewContext } from './fake-shopify-views.ts';

export type CancelOutcome = 'apply' | 'fail' | 'never';
type Job = { id: string; orderId: number; dueAt: number; done: boolean; outcome: CancelOutcome };
type PageArgs = { first?: number; after?: string; last?: number; query?: string; sortKey?: string; reverse?: boolean };

export class FakeShopifyStore {
  readonly products = new Map<number, FakeProduct>();
  readonly orders = new Map<number, FakeOrder>();
  private readonly jobs = new Map<string, Job>();
  /** How long a cancellation job takes, and how it ends. */
  cancelDelayMs = 30;
  cancelOutcome: CancelOutcome = 'apply';
  /** Called when the shop changes an order on its own (a cancellation job finished): the server sends a webhook. */
  onOrderChanged: (o: FakeOrder) => void = () => {};
  private nextId = 900_000;
  readonly ctx: ViewContext;

  constructor(readonly shop: { name: string; currency: string; storefrontUrl: string }, readonly now: () => Date = () => new Date()) {
    this.ctx = { currency: shop.currency, storefrontUrl: shop.storefrontUrl, product: (id) => this.products.get(id) };
  }

  id(): number {
    return this.nextId++;
  }

  /** The root value graphql-js executes against. */
  root(): Record<string, unknown> {
    this.settleJobs();
    return {
      shop: {
        name: this.shop.name, currencyCode: this.shop.currency, myshopifyDomain: 'fake-homewares.myshopify.com',
        primaryDomain: { host: new URL(this.shop.storefrontUrl).host, url: this.shop.storefrontUrl },
      },
      product: ({ id }: { id: string }) => this.productById(id),
      products: (args: PageArgs) => this.listProducts(args),
      order: ({ id }: { id: string }) => {
        const o = this.orders.get(idOf(id, 'Order') ?? -1);
        return o ? orderView(o, this.ctx) : null;
      },
      orders: (args: PageArgs) => this.listOrders(args),
      job: ({ id }: { id: string }) => {
        const job = this.jobs.get(id);
        return job ? { id: job.id, done: job.done } : null;
      },
      orderCancel: (args: { orderId: string; staffNote?: string }) => this.orderCancel(args),
      orderUpdate: ({ input }: { input: Record<string, any> }) => this.orderUpdate(input),
      returnRequest: ({ input }: { input: Record<string, any> }) => this.returnRequest(input),
    };
  }

  private productById(id: string) {
    const p = this.products.get(idOf(id, 'Product') ?? -1);
    return p ? productView(p, this.ctx) : null;
  }

  private listProducts(args: PageArgs) {
    const search = compileSearch(args.query);
    const target = (p: FakeProduct) => ({
      text: [p.title, p.productType, p.vendor, ...p.tags, stripHtml(p.descriptionHtml)].join(' '),
      fields: { status: p.status, title: p.title, product_type: p.productType, vendor: p.vendor, tag: p.tags, id: String(p.id), updated_at: p.updatedAt },
    });
    let items = [...this.products.values()].filter((p) => search.matches(target(p)));
    if (args.sortKey === 'RELEVANCE') items.sort((a, b) => search.relevance(target(b)) - search.relevance(target(a)) || a.id - b.id);
    else if (args.sortKey === 'TITLE') items.sort((a, b) => a.title.localeCompare(b.title));
    else if (args.sortKey === 'CREATED_AT') items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    else items.sort((a, b) => a.id - b.id);
    if (args.reverse) items = items.reverse();
    return connection(items.map((p) => productView(p, this.ctx)), args);
  }

  private listOrders(args: PageArgs) {
    const search = compileSearch(args.query);
    const target = (o: FakeOrder) => ({
      text: [`#${o.number}`, o.email ?? '', o.customer?.firstName ?? '', o.customer?.lastName ?? ''].join(' '),
      fields: { name: `#${o.number}`, email: o.email, updated_at: o.updatedAt, created_at: o.createdAt, id: String(o.id) },
    });
    let items = [...this.orders.values()].filter((o) => search.matches(target(o)));
    if (args.sortKey === 'CREATED_AT') items.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id - b.id);
    else if (args.sortKey === 'UPDATED_AT') items.sort((a, b) => a.updatedAt.localeCompare(b.updatedAt) || a.id - b.id);
    else items.sort((a, b) => a.id - b.id);
    if (args.reverse) items = items.reverse();
    return connection(items.map((o) => orderView(o, this.ctx)), args);
  }

  private orderCancel(args: { orderId: string; staffNote?: string }) {
    const o = this.orders.get(idOf(args.orderId, 'Order') ?? -1);
    const fail = (code: string, message: string) => ({ job: null, orderCancelUserErrors: [{ field: ['orderId'], message, code }], userErrors: [{ field: ['orderId'], message }] });
    if (!o) return fail('NOT_FOUND', 'Order does not exist');
    if (o.cancelledAt) return fail('INVALID', 'Order has already been cancelled');
    if (fulfillmentStatus(o) === 'FULFILLED' || fulfillmentStatus(o) === 'PARTIALLY_FULFILLED') return fail('INVALID', 'Cannot cancel an order that has fulfillments');
    const job: Job = { id: gid('Job', randomUUID()), orderId: o.id, dueAt: this.now().getTime() + this.cancelDelayMs, done: false, outcome: this.cancelOutcome };
    this.jobs.set(job.id, job);
    if (args.staffNote) o.note = [o.note, args.staffNote].filter(Boolean).join('\n');
    return { job: { id: job.id, done: false }, orderCancelUserErrors: [], userErrors: [] };
  }

  /** Jobs whose time has come finish (the fake has no background worker: every request settles them first). */
  settleJobs(): void {
    const now = this.now();
    for (const job of this.jobs.values()) {
      if (job.done || job.outcome === 'never' || now.getTime() < job.dueAt) continue;
      job.done = true;
      const o = this.orders.get(job.orderId)!;
      if (job.outcome === 'fail' || o.cancelledAt) continue;
      o.cancelledAt = o.updatedAt = now.toISOString();
      o.financial = o.financial === 'PAID' ? 'REFUNDED' : 'VOIDED';
      this.onOrderChanged(o);
    }
  }

  private orderUpdate(input: Record<string, any>) {
    const o = this.orders.get(idOf(String(input.id), 'Order') ?? -1);
    if (!o) return { order: null, userErrors: [{ field: ['id'], message: 'Order does not exist' }] };
    if (input.shippingAddress) {
      const a = input.shippingAddress;
      if (!a.address1 || !a.city || !a.countryCode) return { order: null, userErrors: [{ field: ['shippingAddress'], message: 'Address is incomplete' }] };
      o.shippingAddress = {
        firstName: a.firstName ?? '', lastName: a.lastName ?? '', company: a.company ?? null, phone: a.phone ?? null, address1: a.address1,
        address2: a.address2 ?? null, city: a.city, zip: a.zip ?? '', province: a.province ?? null, countryCode: a.countryCode,
      };
    }
    if (input.note !== undefined) o.note = input.note;
    if (input.email !== undefined) o.email = input.email;
    o.updatedAt = this.now().toISOString();
    return { order: orderView(o, this.ctx), userErrors: [] };
  }

  private returnRequest(input: Record<string, any>) {
    const o = this.orders.get(idOf(String(input.orderId), 'Order') ?? -1);
    const fail = (code: string, message: string) => ({ return: null, userErrors: [{ field: ['input'], message, code }] });
    if (!o) return fail('NOT_FOUND', 'Order does not exist');
    const lines = [];
    for (const l of input.returnLineItems as Array<{ fulfillmentLineItemId: string; quantity: number; returnReason: string; customerNote?: string }>) {
      const id = idOf(l.fulfillmentLineItemId, 'FulfillmentLineItem');
      const f = o.fulfillments.find((x) => x.lineItemIds.some((li) => fulfillmentLineItemId(x, li) === id));
      if (!f || id === undefined) return fail('NOT_FOUND', 'Fulfillment line item does not exist');
      const li = o.lineItems.find((x) => x.id === id - f.id * 1000)!;
      const already = o.returns.filter((r) => r.status !== 'DECLINED' && r.status !== 'CANCELED').flatMap((r) => r.lines).filter((x) => x.fulfillmentLineItemId === id).reduce((n, x) => n + x.quantity, 0);
      if (l.quantity < 1 || l.quantity + already > li.quantity) return fail('INVALID', 'Quantity is not returnable');
      if ((l.customerNote ?? '').length > 300) return fail('INVALID', 'Customer note is too long');
      lines.push({ id: this.id(), fulfillmentLineItemId: id, quantity: l.quantity, reason: l.returnReason, note: l.customerNote ?? null });
    }
    if (lines.length === 0) return fail('BLANK', 'Return line items cannot be empty');
    const ret = { id: this.id(), name: `#${o.number}-R${o.returns.length + 1}`, status: 'REQUESTED' as const, createdAt: this.now().toISOString(), lines };
    o.returns.push(ret);
    o.updatedAt = ret.createdAt;
    return { return: returnView(o, ret, this.ctx), userErrors: [] };
  }
}
