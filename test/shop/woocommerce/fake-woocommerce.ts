/**
 * A local WooCommerce REST API for the connector's tests, written from WooCommerce's public documentation:
 * - REST API v3 docs, github.com/woocommerce/woocommerce-rest-api-docs, source/includes/wp-api-v3/ (commit 13d6196,
 *   2024-03-15): _introduction.md (Basic auth, errors `{code, message, data: {status}}`, pagination with per_page,
 *   page, X-WP-Total, X-WP-TotalPages and Link), _products.md, _orders.md (statuses, search, modified_after,
 *   dates_are_gmt, orderby), _order-notes.md (notes newest first, type=any|customer|internal), _data.md
 *   (data/currencies/current);
 * - webhook delivery as WooCommerce core sends it (plugins/woocommerce/includes/class-wc-webhook.php in
 *   github.com/woocommerce/woocommerce at commit 00e1bc4): see fake-woo-webhooks.ts; a deletion's payload is `{id}`,
 *   a variation's update arrives as product.updated with the variation as payload.
 * Behaviour we rely on is copied, not guessed: 404 woocommerce_rest_*_invalid_id for unknown ids, 404 rest_no_route
 * for unknown routes, 400 rest_invalid_param for per_page > 100 or an unknown status, 401 without valid keys, and
 * status changes recorded as system notes. The test controls: throttle (429 + Retry-After: WooCommerce core does not
 * rate-limit REST v3, but the hosts and firewalls in front of WordPress do), fail (500), hang, down (503 HTML page).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { WooOrder, WooOrderNote, WooProduct } from '../../../src/shop/woocommerce/woo-types.ts';
import { postDelivery, wooDelivery, wooPing, type FakeDelivery } from './fake-woo-webhooks.ts';

export type { FakeDelivery } from './fake-woo-webhooks.ts';

export const ORDER_STATUSES = ['pending', 'processing', 'on-hold', 'completed', 'cancelled', 'refunded', 'failed', 'trash'];

export interface FakeRequest {
  method: string;
  path: string; // after /wp-json/wc/v3/
  query: URLSearchParams;
  at: number;
}

type Json = object;

const gmtNow = () => new Date().toISOString().slice(0, 19);

export class FakeWooCommerce {
  readonly products = new Map<number, WooProduct>();
  readonly orders = new Map<number, WooOrder>();
  readonly notes = new Map<number, WooOrderNote[]>();
  readonly requests: FakeRequest[] = [];
  currency = 'EUR';
  private nextNoteId = 9000;
  private throttles: number[] = []; // Retry-After seconds of the next 429 answers
  private failures = 0;
  private hangs = 0;
  private down = false;
  private readonly brokenRoutes: Array<{ method: string; path: RegExp }> = [];
  private readonly server: Server;
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor(
    readonly keys: { consumerKey: string; consumerSecret: string } = { consumerKey: 'ck_test_1234', consumerSecret: 'cs_test_5678' },
    readonly webhookSecret = 'wc-webhook-secret-for-tests',
  ) {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
  }

  async listen(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The next `times` API calls answer 429 with Retry-After: `seconds`. */
  throttle(times: number, seconds: number): void {
    this.throttles.push(...Array.from({ length: times }, () => seconds));
  }

  /** The next `times` API calls answer 500. */
  fail(times: number): void {
    this.failures += times;
  }

  /** The next `times` API calls never answer. */
  hang(times: number): void {
    this.hangs += times;
  }

  /** Calls of `method` to paths matching `path` answer 500 from now on (one endpoint failing, the others working). */
  breakRoute(method: string, path: RegExp): void {
    this.brokenRoutes.push({ method, path });
  }

  /** Every call answers 503 until set back (a WordPress host that is down). */
  setDown(down: boolean): void {
    this.down = down;
  }

  apiCalls(path?: string | RegExp): FakeRequest[] {
    return this.requests.filter((r) => path === undefined || (typeof path === 'string' ? r.path === path : path.test(r.path)));
  }

  seed(data: { products?: WooProduct[]; orders?: WooOrder[]; currency?: string }): this {
    for (const p of data.products ?? []) this.products.set(p.id, structuredClone(p));
    for (const o of data.orders ?? []) this.orders.set(o.id, structuredClone(o));
    if (data.currency) this.currency = data.currency;
    return this;
  }

  /** A change made in wp-admin: the product is saved with a new date_modified_gmt. */
  updateProduct(id: number, patch: Partial<WooProduct>): WooProduct {
    const p = this.products.get(id);
    if (!p) throw new Error(`fake: no product ${id}`);
    Object.assign(p, patch, { date_modified_gmt: gmtNow() });
    return structuredClone(p);
  }

  deleteProduct(id: number): void {
    this.products.delete(id);
  }

  addOrder(order: WooOrder): WooOrder {
    this.orders.set(order.id, structuredClone(order));
    return structuredClone(order);
  }

  /** A webhook delivery as WC_Webhook::deliver builds it; `secret` overrides the webhook's secret (a bad signature). */
  delivery(topic: string, payload: unknown, options: { secret?: string; webhookId?: number } = {}): FakeDelivery {
    return wooDelivery(topic, payload, { secret: options.secret ?? this.webhookSecret, source: `${this.url}/`, webhookId: options.webhookId ?? 1 });
  }

  /** The product.updated / order.updated delivery for a stored resource (payload = its REST representation). */
  deliveryFor(topic: string, id: number, options: { secret?: string } = {}): FakeDelivery {
    const [resource, event] = topic.split('.');
    if (event === 'deleted') return this.delivery(topic, { id }, options);
    const payload = resource === 'product' ? this.products.get(id) : this.orders.get(id);
    if (!payload) throw new Error(`fake: no ${resource} ${id}`);
    return this.delivery(topic, payload, options);
  }

  ping(webhookId: number): FakeDelivery {
    return wooPing(webhookId);
  }

  post(url: string, delivery: FakeDelivery): Promise<{ status: number; body: string }> {
    return postDelivery(url, delivery);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const prefix = '/wp-json/wc/v3/';
    const path = url.pathname.startsWith(prefix) ? url.pathname.slice(prefix.length) : url.pathname;
    this.requests.push({ method: req.method ?? 'GET', path, query: url.searchParams, at: Date.now() });
    const body = await readBody(req);
    if (this.hangs > 0) {
      this.hangs -= 1;
      return; // never answers; close() destroys the socket
    }
    if (this.down) return send(res, 503, '<html><body>Service Unavailable</body></html>', 'text/html');
    const wait = this.throttles.shift();
    if (wait !== undefined) return send(res, 429, { code: 'too_many_requests', message: 'Too many requests.', data: { status: 429 } }, undefined, { 'retry-after': String(wait) });
    const broken = this.brokenRoutes.some((b) => b.method === req.method && b.path.test(path));
    if (this.failures > 0 || broken) {
      if (!broken) this.failures -= 1;
      return send(res, 500, { code: 'internal_server_error', message: 'There has been a critical error on this website.', data: { status: 500 } });
    }
    if (!url.pathname.startsWith(prefix)) return noRoute(res);
    if (!this.authorized(req)) return send(res, 401, { code: 'woocommerce_rest_cannot_view', message: 'Sorry, you cannot list resources.', data: { status: 401 } });
    this.route(req.method ?? 'GET', path, url.searchParams, body, res);
  }

  private authorized(req: IncomingMessage): boolean {
    const expected = `Basic ${Buffer.from(`${this.keys.consumerKey}:${this.keys.consumerSecret}`).toString('base64')}`;
    return req.headers.authorization === expected;
  }

  private route(method: string, path: string, q: URLSearchParams, body: string, res: ServerResponse): void {
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === 'data/currencies/current') return send(res, 200, { code: this.currency, name: this.currency, symbol: '€' });
    if (method === 'GET' && path === 'products') return this.list(res, q, path, this.productsFor(q));
    if (method === 'GET' && (m = /^products\/(\d+)$/.exec(path))) {
      const p = this.products.get(Number(m[1]));
      return p ? send(res, 200, p) : send(res, 404, { code: 'woocommerce_rest_product_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
    }
    if (method === 'GET' && path === 'orders') return this.list(res, q, path, this.ordersFor(q));
    if ((m = /^orders\/(\d+)$/.exec(path)) && (method === 'GET' || method === 'PUT')) {
      const o = this.orders.get(Number(m[1]));
      if (!o) return send(res, 404, { code: 'woocommerce_rest_shop_order_invalid_id', message: 'Invalid ID.', data: { status: 404 } });
      return method === 'GET' ? send(res, 200, o) : this.updateOrder(o, body, res);
    }
    if ((m = /^orders\/(\d+)\/notes$/.exec(path)) && (method === 'GET' || method === 'POST')) {
      const o = this.orders.get(Number(m[1]));
      if (!o) return send(res, 404, { code: 'woocommerce_rest_order_invalid_id', message: 'Invalid order ID.', data: { status: 404 } });
      return method === 'GET' ? this.listNotes(o, q, res) : this.addNote(o, body, res);
    }
    noRoute(res);
  }

  private list(res: ServerResponse, q: URLSearchParams, path: string, items: unknown[]): void {
    const perPage = Number(q.get('per_page') ?? 10);
    const page = Number(q.get('page') ?? 1);
    if (!Number.isInteger(perPage) || perPage < 1 || perPage > 100) return invalidParam(res, 'per_page', 'per_page must be between 1 (inclusive) and 100 (inclusive)');
    if (!Number.isInteger(page) || page < 1) return invalidParam(res, 'page', 'page must be greater than or equal to 1');
    const totalPages = Math.ceil(items.length / perPage);
    const link = (n: number, rel: string) => {
      const u = new URLSearchParams(q);
      u.set('page', String(n));
      return `<${this.url}/wp-json/wc/v3/${path}?${u.toString()}>; rel="${rel}"`;
    };
    const links = [page > 1 ? link(page - 1, 'prev') : '', page < totalPages ? link(page + 1, 'next') : ''].filter(Boolean);
    send(res, 200, items.slice((page - 1) * perPage, page * perPage) as Json, undefined, {
      'x-wp-total': String(items.length),
      'x-wp-totalpages': String(totalPages),
      ...(links.length ? { link: links.join(', ') } : {}),
    });
  }

  private productsFor(q: URLSearchParams): WooProduct[] {
    const status = q.get('status') ?? 'any';
    const search = q.get('search')?.toLowerCase();
    const out = [...this.products.values()].filter(
      (p) => (status === 'any' ? p.status !== 'trash' : p.status === status) && (!search || `${p.name} ${p.description} ${p.short_description}`.toLowerCase().includes(search)),
    );
    return sortBy(out, q.get('orderby') ?? 'date', q.get('order') ?? 'desc');
  }

  private ordersFor(q: URLSearchParams): WooOrder[] {
    const search = q.get('search')?.toLowerCase();
    const after = q.get('modified_after');
    const out = [...this.orders.values()].filter((o) => {
      if (o.status === 'trash' && q.get('status') !== 'trash') return false;
      if (after && !(o.date_modified_gmt > after.slice(0, 19))) return false;
      if (!search) return true;
      const index = [o.billing, o.shipping].flatMap((a) => Object.values(a)).join(' ').toLowerCase();
      return index.includes(search);
    });
    return sortBy(out, q.get('orderby') ?? 'date', q.get('order') ?? 'desc');
  }

  private updateOrder(o: WooOrder, body: string, res: ServerResponse): void {
    const patch = parseJson(body);
    if (!patch) return send(res, 400, { code: 'rest_invalid_json', message: 'Invalid JSON body passed.', data: { status: 400 } });
    if (patch.status !== undefined && (typeof patch.status !== 'string' || !ORDER_STATUSES.includes(patch.status))) return invalidParam(res, 'status', `status is not one of ${ORDER_STATUSES.join(', ')}.`);
    if (typeof patch.status === 'string' && patch.status !== o.status) {
      this.systemNote(o, `Order status changed from ${label(o.status)} to ${label(patch.status)}.`);
      o.status = patch.status;
      if (patch.status === 'completed') o.date_completed_gmt = gmtNow();
    }
    if (patch.shipping && typeof patch.shipping === 'object') Object.assign(o.shipping, patch.shipping);
    o.date_modified_gmt = gmtNow();
    send(res, 200, o);
  }

  private listNotes(o: WooOrder, q: URLSearchParams, res: ServerResponse): void {
    const type = q.get('type') ?? 'any';
    const all = this.notes.get(o.id) ?? [];
    const out = all.filter((n) => type === 'any' || (type === 'customer') === n.customer_note);
    send(res, 200, [...out].reverse());
  }

  private addNote(o: WooOrder, body: string, res: ServerResponse): void {
    const data = parseJson(body);
    if (!data || typeof data.note !== 'string' || data.note === '') {
      return send(res, 400, { code: 'rest_missing_callback_param', message: 'Missing parameter(s): note', data: { status: 400, params: ['note'] } });
    }
    const note = this.systemNote(o, data.note, data.customer_note === true);
    send(res, 201, note);
  }

  private systemNote(o: WooOrder, text: string, customer = false): WooOrderNote {
    const note: WooOrderNote = { id: this.nextNoteId++, author: 'system', date_created_gmt: gmtNow(), note: text, customer_note: customer };
    this.notes.set(o.id, [...(this.notes.get(o.id) ?? []), note]);
    return note;
  }
}

function label(status: string): string {
  const names: Record<string, string> = { pending: 'Pending payment', 'on-hold': 'On hold' };
  return names[status] ?? status.charAt(0).toUpperCase() + status.slice(1);
}

function sortBy<T extends { id: number; date_created_gmt: string }>(items: T[], orderby: string, order: string): T[] {
  const key = (x: T) => (orderby === 'id' ? String(x.id).padStart(12, '0') : `${x.date_created_gmt}|${String(x.id).padStart(12, '0')}`);
  const sorted = items.sort((a, b) => key(a).localeCompare(key(b)));
  return order === 'asc' ? sorted : sorted.reverse();
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}

function parseJson(body: string): Record<string, unknown> | undefined {
  try {
    const v = JSON.parse(body) as unknown;
    return v && typeof v === 'object' ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function send(res: ServerResponse, status: number, body: Json | string, type = 'application/json; charset=UTF-8', headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
}

function noRoute(res: ServerResponse): void {
  send(res, 404, { code: 'rest_no_route', message: 'No route was found matching the URL and request method.', data: { status: 404 } });
}

function invalidParam(res: ServerResponse, param: string, why: string): void {
  send(res, 400, { code: 'rest_invalid_param', message: `Invalid parameter(s): ${param}`, data: { status: 400, params: { [param]: why } } });
}
