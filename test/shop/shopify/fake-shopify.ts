/**
 * A local stand-in for one Shopify store's Admin GraphQL API, written from Shopify's public documentation:
 * - endpoint, auth and versions: https://shopify.dev/docs/api/admin-graphql (POST /admin/api/<version>/graphql.json,
 *   header X-Shopify-Access-Token; 401 for a wrong token), version 2025-07;
 * - schema and mutations: fake-shopify-schema.ts (reference pages for 2025-07 named there);
 * - pagination: https://shopify.dev/docs/api/usage/pagination-graphql (first <= 250, after, pageInfo);
 * - search syntax: https://shopify.dev/docs/api/usage/search-syntax (fake-shopify-search.ts);
 * - rate limits: https://shopify.dev/docs/api/usage/rate-limits (leaky bucket: 2,000 points, 100 restored a second,
 *   a single query at most 1,000; a refused query gets HTTP 200 with errors[].extensions.code THROTTLED and
 *   extensions.cost.throttleStatus; HTTP 429 with Retry-After also happens) (fake-shopify-cost.ts);
 * - webhooks: https://shopify.dev/docs/apps/build/webhooks (headers X-Shopify-Topic, X-Shopify-Hmac-Sha256 = base64
 *   HMAC-SHA256 of the raw body with the app's secret, X-Shopify-Webhook-Id, X-Shopify-Shop-Domain,
 *   X-Shopify-API-Version; REST-shaped payloads, fake-shopify-rest.ts).
 * Tests can make it throttle, fail (500), hang (no answer) or refuse, and make it send signed webhooks.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Kind, execute, parse, validate, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import type { WebhookDelivery } from '../../../src/shop/shop-platform.ts';
import { MAX_QUERY_COST, actualCost, requestedQueryCost } from './fake-shopify-cost.ts';
import type { FakeOrder, FakeProduct } from './fake-shopify-model.ts';
import { restOrder, restProduct } from './fake-shopify-rest.ts';
import { fakeShopifySchema } from './fake-shopify-schema.ts';
import { seedOrders, seedProducts } from './fake-shopify-seed.ts';
import { FakeShopifyStore } from './fake-shopify-store.ts';

export const FAKE_SHOPIFY_TOKEN = 'shpat_fake_token_for_tests';
export const FAKE_SHOPIFY_WEBHOOK_SECRET = 'fake-shopify-app-secret';
export const FAKE_SHOPIFY_VERSION = '2025-07';

type Fault = { kind: 'status'; status: number; retryAfter?: string } | { kind: 'throttle' } | { kind: 'hang' };

export interface FakeShopifyRequest {
  at: number;
  operation: string;
  cost: number;
  status: number;
  throttled?: boolean;
}

export class FakeShopify {
  readonly store: FakeShopifyStore;
  /** Every GraphQL request answered (or refused), in order. */
  readonly requests: FakeShopifyRequest[] = [];
  readonly bucket = { maximumAvailable: 2000, currentlyAvailable: 2000, restoreRate: 100, at: Date.now() };
  /** Where signed webhooks go (the connector's receiver, or anything taking a delivery). */
  webhookTarget: ((d: WebhookDelivery) => Promise<unknown>) | undefined;
  private readonly faults: Fault[] = [];
  private broken = false;
  private server: Server | undefined;
  private readonly sockets = new Set<Socket>();
  url = '';

  constructor(options: { currency?: string } = {}) {
    this.store = new FakeShopifyStore({ name: 'Fake Homewares', currency: options.currency ?? 'EUR', storefrontUrl: 'https://fake-homewares.example.test' });
    for (const p of seedProducts()) this.store.products.set(p.id, p);
    for (const o of seedOrders()) this.store.orders.set(o.id, o);
    this.store.onOrderChanged = (o) => void this.sendWebhook('orders/updated', restOrder(o, this.store.shop.currency));
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    this.server.on('connection', (s) => {
      this.sockets.add(s);
      s.on('close', () => this.sockets.delete(s));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()) ?? resolve());
  }

  /** The next `n` requests get this HTTP status (500, 503, 429 with Retry-After seconds...). */
  failNext(n: number, status = 500, retryAfter?: string): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'status', status, retryAfter });
  }

  /** The next `n` requests are refused by the cost limit (HTTP 200, THROTTLED), with the bucket nearly empty. */
  throttleNext(n: number): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'throttle' });
  }

  /** The next `n` requests never get an answer. */
  hangNext(n: number): void {
    for (let i = 0; i < n; i++) this.faults.push({ kind: 'hang' });
  }

  /** Every request fails with 503 until `repair()`. */
  breakDown(): void {
    this.broken = true;
  }

  repair(): void {
    this.broken = false;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-shopify-api-version': FAKE_SHOPIFY_VERSION, ...headers }).end(JSON.stringify(body));
    };
    if (req.method !== 'POST' || req.url !== `/admin/api/${FAKE_SHOPIFY_VERSION}/graphql.json`) return json(404, { errors: 'Not Found' });
    if (req.headers['x-shopify-access-token'] !== FAKE_SHOPIFY_TOKEN) {
      this.requests.push({ at: Date.now(), operation: '?', cost: 0, status: 401 });
      return json(401, { errors: '[API] Invalid API key or access token (unrecognized login or wrong password)' });
    }
    const fault = this.broken ? ({ kind: 'status', status: 503 } as Fault) : this.faults.shift();
    if (fault?.kind === 'hang') return;
    if (fault?.kind === 'status') {
      this.requests.push({ at: Date.now(), operation: '?', cost: 0, status: fault.status });
      return json(fault.status, { errors: fault.status === 429 ? 'Exceeded 2 calls per second for api client. Reduce request rates to resume uninterrupted service.' : 'Internal Server Error' },
        fault.retryAfter ? { 'retry-after': fault.retryAfter } : {});
    }
    let body: { query?: string; variables?: Record<string, unknown>; operationName?: string };
    let document: DocumentNode;
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      document = parse(body.query ?? '');
    } catch (e) {
      return json(400, { errors: [{ message: (e as Error).message }] });
    }
    const invalid = validate(fakeShopifySchema, document);
    if (invalid.length) return json(200, { errors: invalid.map((e) => ({ message: e.message, locations: e.locations })) });
    const op = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
    const variables = body.variables ?? {};
    const cost = requestedQueryCost(fakeShopifySchema, op, variables);
    const record = (status: number) => this.requests.push({ at: Date.now(), operation: op.name?.value ?? op.operation, cost, status });
    if (cost > MAX_QUERY_COST) {
      record(200);
      return json(200, { errors: [{ message: `Query cost is ${cost}, which exceeds the single query max cost limit (${MAX_QUERY_COST}).`, extensions: { code: 'MAX_COST_EXCEEDED', cost, maxCost: MAX_QUERY_COST } }] });
    }
    const status = this.takeFromBucket(cost, fault?.kind === 'throttle');
    if (!status.ok) {
      this.requests.push({ at: Date.now(), operation: op.name?.value ?? op.operation, cost, status: 200, throttled: true });
      return json(200, { errors: [{ message: 'Throttled', extensions: { code: 'THROTTLED', documentation: 'https://shopify.dev/api/usage/rate-limits' } }], extensions: { cost: status.cost } });
    }
    const result = await execute({ schema: fakeShopifySchema, document, rootValue: this.store.root(), variableValues: variables });
    // Shopify charges what the answer actually held and gives the rest of the requested points back.
    const actual = Math.min(cost, actualCost(result.data));
    this.bucket.currentlyAvailable += cost - actual;
    status.cost.actualQueryCost = actual;
    status.cost.throttleStatus.currentlyAvailable = Math.floor(this.bucket.currentlyAvailable);
    record(200);
    json(200, { ...result, extensions: { cost: status.cost } });
  }

  private takeFromBucket(cost: number, forceThrottle: boolean) {
    const b = this.bucket;
    const now = Date.now();
    b.currentlyAvailable = Math.min(b.maximumAvailable, b.currentlyAvailable + ((now - b.at) / 1000) * b.restoreRate);
    b.at = now;
    // A forced throttle leaves the bucket a twentieth of a second short of the query.
    if (forceThrottle) b.currentlyAvailable = Math.max(0, cost - b.restoreRate / 20);
    const ok = b.currentlyAvailable >= cost;
    if (ok) b.currentlyAvailable -= cost;
    const throttleStatus = { maximumAvailable: b.maximumAvailable, currentlyAvailable: Math.floor(b.currentlyAvailable), restoreRate: b.restoreRate };
    return { ok, cost: { requestedQueryCost: cost, actualQueryCost: (ok ? cost : null) as number | null, throttleStatus } };
  }

  /** A delivery as Shopify would send it; `badSignature` signs with the wrong secret. */
  webhookDelivery(topic: string, payload: unknown, options: { badSignature?: boolean; webhookId?: string } = {}): WebhookDelivery {
    const rawBody = Buffer.from(JSON.stringify(payload));
    const secret = options.badSignature ? 'not-the-app-secret' : FAKE_SHOPIFY_WEBHOOK_SECRET;
    return {
      rawBody,
      headers: {
        'content-type': 'application/json',
        'x-shopify-topic': topic,
        'x-shopify-hmac-sha256': createHmac('sha256', secret).update(rawBody).digest('base64'),
        'x-shopify-webhook-id': options.webhookId ?? randomUUID(),
        'x-shopify-shop-domain': 'fake-homewares.myshopify.com',
        'x-shopify-api-version': FAKE_SHOPIFY_VERSION,
        'x-shopify-triggered-at': new Date().toISOString(),
      },
    };
  }

  /** Deliveries go over HTTP to `url`, as Shopify posts them; resolves with the status and body of the answer. */
  postWebhooksTo(url: string): void {
    this.webhookTarget = async (d) => {
      const res = await fetch(url, { method: 'POST', headers: d.headers as Record<string, string>, body: new Uint8Array(d.rawBody) });
      return { status: res.status, body: await res.json() };
    };
  }

  async sendWebhook(topic: string, payload: unknown, options: { badSignature?: boolean; webhookId?: string } = {}): Promise<unknown> {
    return this.webhookTarget?.(this.webhookDelivery(topic, payload, options));
  }

  /** Merchant-side edits, each followed by its webhook as Shopify sends it. */
  async changeProduct(id: number, change: Partial<Pick<FakeProduct, 'title' | 'status' | 'tags'>> & { price?: string; stock?: number }): Promise<FakeProduct> {
    const p = this.store.products.get(id);
    if (!p) throw new Error(`fake shopify: no product ${id}`);
    Object.assign(p, { ...(change.title ? { title: change.title } : {}), ...(change.status ? { status: change.status } : {}), ...(change.tags ? { tags: change.tags } : {}) });
    for (const v of p.variants) {
      if (change.price !== undefined) v.price = change.price;
      if (change.stock !== undefined) v.inventoryQuantity = change.stock;
    }
    p.updatedAt = new Date().toISOString();
    await this.sendWebhook('products/update', restProduct(p));
    return p;
  }

  async deleteProduct(id: number): Promise<void> {
    if (!this.store.products.delete(id)) throw new Error(`fake shopify: no product ${id}`);
    await this.sendWebhook('products/delete', { id });
  }

  async createOrder(o: FakeOrder): Promise<FakeOrder> {
    this.store.orders.set(o.id, o);
    await this.sendWebhook('orders/create', restOrder(o, this.store.shop.currency));
    return o;
  }
}
