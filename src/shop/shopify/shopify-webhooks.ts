import { createHmac, timingSafeEqual } from 'node:crypto';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { CatalogChange, OrderChange, ShopWebhookReceiver, WebhookDelivery } from '../shop-platform.ts';
import type { ChangeFeed } from '../change-feed.ts';
import { mapRestOrder, type RestOrder } from './shopify-order-mapper.ts';
import { mapRestProduct, type RestProduct } from './shopify-product-mapper.ts';

export interface ShopInfo {
  currency: string;
  storefrontUrl: string;
}

/** The topics to register in Shopify (README "Shop platform: Shopify"); products/create is taken too when sent. */
export const SHOPIFY_WEBHOOK_TOPICS = ['products/update', 'products/delete', 'orders/create', 'orders/updated'] as const;

/** Shopify retries a delivery until it gets a 2xx, with the same X-Shopify-Webhook-Id: this many ids are remembered. */
const REMEMBERED_DELIVERIES = 2000;

/** base64 HMAC-SHA256 of the raw body with the app's client secret, as Shopify signs webhooks. */
export function shopifyHmac(secret: string, rawBody: Buffer): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

function signatureMatches(secret: string, rawBody: Buffer, header: string | undefined): boolean {
  if (!header) return false;
  const expected = Buffer.from(shopifyHmac(secret, rawBody), 'base64');
  const given = Buffer.from(header, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * `POST /shop/webhooks/shopify`: verifies X-Shopify-Hmac-Sha256 over the raw body, drops repeated deliveries
 * (X-Shopify-Webhook-Id) and turns the REST-shaped payload of X-Shopify-Topic into a catalog or order change.
 */
export class ShopifyWebhookReceiver implements ShopWebhookReceiver {
  private readonly seen = new Set<string>();

  constructor(
    private readonly deps: {
      secret: string;
      /** The shop's currency and storefront address (read once from the API). */
      shop: () => Promise<ShopInfo>;
      catalog: ChangeFeed<CatalogChange>;
      orders: ChangeFeed<OrderChange>;
      logger: Logger;
    },
  ) {}

  async receive(delivery: WebhookDelivery): Promise<{ topic: string; applied: boolean }> {
    const h = delivery.headers;
    if (!signatureMatches(this.deps.secret, delivery.rawBody, h['x-shopify-hmac-sha256'])) {
      throw new ShopmateError('UNAUTHORIZED', 'shopify webhook: the X-Shopify-Hmac-Sha256 signature is missing or does not match');
    }
    const topic = h['x-shopify-topic'] ?? '';
    const id = h['x-shopify-webhook-id'];
    if (id && this.seen.has(id)) {
      this.deps.logger.info('shopify webhook: repeated delivery ignored', { topic, webhookId: id });
      return { topic, applied: false };
    }
    let body: unknown;
    try {
      body = JSON.parse(delivery.rawBody.toString('utf8'));
    } catch {
      throw new ShopmateError('BAD_REQUEST', 'shopify webhook: the body is not JSON');
    }
    if (typeof body !== 'object' || body === null || !('id' in body)) throw new ShopmateError('BAD_REQUEST', `shopify webhook ${topic}: the body has no id`);
    const applied = await this.apply(topic, body as { id: unknown });
    if (id) this.remember(id);
    return { topic, applied };
  }

  private async apply(topic: string, body: { id: unknown }): Promise<boolean> {
    switch (topic) {
      case 'products/create':
      case 'products/update': {
        const p = body as RestProduct;
        const shop = await this.deps.shop();
        const ctx = { storefrontUrl: shop.storefrontUrl, currency: shop.currency };
        // A product taken off sale (draft, archived) leaves the catalog like a deleted one.
        const change: CatalogChange = p.status && p.status !== 'active' ? { kind: 'delete', productId: String(p.id) } : { kind: 'upsert', product: this.read(topic, () => mapRestProduct(p, ctx)) };
        this.deps.catalog.emit(change);
        return true;
      }
      case 'products/delete':
        this.deps.catalog.emit({ kind: 'delete', productId: String(body.id) });
        return true;
      case 'orders/create':
      case 'orders/updated':
        this.deps.orders.emit({ kind: topic === 'orders/create' ? 'created' : 'updated', order: this.read(topic, () => mapRestOrder(body as RestOrder)) });
        return true;
      default:
        this.deps.logger.info('shopify webhook: topic not used', { topic });
        return false;
    }
  }

  /** A payload without the fields we map is a bad request, not a crash. */
  private read<T>(topic: string, map: () => T): T {
    try {
      return map();
    } catch (e) {
      if (e instanceof ShopmateError) throw e;
      throw new ShopmateError('BAD_REQUEST', `shopify webhook ${topic}: unreadable payload (${(e as Error).message})`);
    }
  }

  private remember(id: string): void {
    this.seen.add(id);
    if (this.seen.size > REMEMBERED_DELIVERIES) this.seen.delete(this.seen.values().next().value!);
  }
}
