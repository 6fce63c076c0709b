import { createHmac, timingSafeEqual } from 'node:crypto';
import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { CatalogChange, OrderChange, ShopWebhookReceiver, WebhookDelivery } from '../shop-platform.ts';
import type { ChangeFeed } from '../change-feed.ts';
import type { WooCatalog } from './woo-catalog.ts';
import { toOrder } from './woo-order.ts';
import { toProduct } from './woo-product.ts';
import type { WooOrder, WooProduct } from './woo-types.ts';

/** base64 HMAC-SHA256 of the raw body with the webhook's secret, as WooCommerce's WC_Webhook::generate_signature. */
export function wooSignature(rawBody: Buffer | string, secret: string): string {
  return createHmac('sha256', secret).update(rawBody).digest('base64');
}

const TOPICS = new Set(['product.created', 'product.updated', 'product.restored', 'product.deleted', 'order.created', 'order.updated', 'order.restored']);

/** WooCommerce's test delivery when a webhook is saved: form body "webhook_id=N", no topic and no signature. */
const PING = /^webhook_id=\d+$/;

/**
 * Deliveries of WooCommerce webhooks (topics product.created/updated/restored/deleted, order.created/updated/restored).
 * Every delivery but the ping must carry X-WC-Webhook-Signature over the raw body; the ping changes nothing and
 * WooCommerce refuses to activate a webhook whose ping is not answered 200, so it is acknowledged unsigned.
 */
export class WooWebhooks implements ShopWebhookReceiver {
  constructor(
    private readonly options: {
      secret: string;
      catalog: WooCatalog;
      products: ChangeFeed<CatalogChange>;
      orders: ChangeFeed<OrderChange>;
      logger: Logger;
      /** Changes are emitted only after the platform started. */
      started: () => boolean;
    },
  ) {}

  async receive(delivery: WebhookDelivery): Promise<{ topic: string; applied: boolean }> {
    const topic = delivery.headers['x-wc-webhook-topic'];
    if (!topic && PING.test(delivery.rawBody.toString('utf8').trim())) return { topic: 'ping', applied: false };
    this.verify(delivery);
    if (!topic) throw new ShopmateError('BAD_REQUEST', 'WooCommerce webhook without X-WC-Webhook-Topic');
    // Other topics (coupons, customers, action.*) carry other payloads: acknowledged unread, or WooCommerce would
    // retry them and disable the webhook after a few failures.
    if (!TOPICS.has(topic)) {
      this.options.logger.debug('woocommerce webhook topic ignored', { topic });
      return { topic, applied: false };
    }
    const body = this.parse(delivery.rawBody);
    if (!this.options.started()) return { topic, applied: false };
    await this.apply(topic, body);
    return { topic, applied: true };
  }

  private verify(delivery: WebhookDelivery): void {
    const given = delivery.headers['x-wc-webhook-signature'];
    if (!given) throw new ShopmateError('UNAUTHORIZED', 'WooCommerce webhook without X-WC-Webhook-Signature');
    const expected = Buffer.from(wooSignature(delivery.rawBody, this.options.secret));
    const actual = Buffer.from(given.trim());
    if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) {
      throw new ShopmateError('UNAUTHORIZED', 'WooCommerce webhook signature does not match (check SHOPMATE_WOOCOMMERCE_WEBHOOK_SECRET)');
    }
  }

  private parse(raw: Buffer): Record<string, unknown> {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      throw new ShopmateError('BAD_REQUEST', 'WooCommerce webhook body is not JSON');
    }
    if (!body || typeof body !== 'object' || typeof (body as { id?: unknown }).id !== 'number') {
      throw new ShopmateError('BAD_REQUEST', 'WooCommerce webhook body has no resource id');
    }
    return body as Record<string, unknown>;
  }

  private async apply(topic: string, body: Record<string, unknown>): Promise<void> {
    const { products, orders } = this.options;
    if (topic === 'product.deleted') {
      // Fired when a product is moved to the bin or deleted; the payload is only its id.
      products.emit({ kind: 'delete', productId: String(body.id) });
    } else if (topic.startsWith('product.')) {
      products.emit(await this.productChange(body as unknown as WooProduct));
    } else {
      orders.emit({ kind: topic === 'order.created' ? 'created' : 'updated', order: toOrder(body as unknown as WooOrder) });
    }
  }

  /**
   * A product that stopped being sold (drafted, made private, price removed) leaves the catalog. A variation's update
   * arrives under product.updated with the variation as payload: its parent product is read again instead.
   */
  private async productChange(p: WooProduct): Promise<CatalogChange> {
    const { catalog } = this.options;
    if (p.type === 'variation' && p.parent_id) {
      const parent = await catalog.get(String(p.parent_id));
      return parent ? { kind: 'upsert', product: parent } : { kind: 'delete', productId: String(p.parent_id) };
    }
    const product = toProduct(p, await catalog.currency());
    return product ? { kind: 'upsert', product } : { kind: 'delete', productId: String(p.id) };
  }
}
