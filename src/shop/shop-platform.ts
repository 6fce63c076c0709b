/**
 * The seam between the bot and the shop it serves. Everything that reads products or orders (knowledge, entities,
 * recommender, dialogue tasks) goes through one ShopPlatform; the demo YAML shop, Shopify and WooCommerce are its
 * implementations (src/shop/demo, src/shop/shopify, src/shop/woocommerce), and test/shop/shop-platform-contract.ts is
 * the one contract suite they all pass.
 *
 * Error contract for every method that talks to the platform:
 * - an order or product that does not exist -> `undefined` (reads) or ShopmateError NOT_FOUND (actions)
 * - an action the order's state forbids (cancel a shipped order) -> CONFLICT, nothing changed
 * - the platform unreachable, timing out, failing (5xx) or refusing our credentials -> SHOP_UNAVAILABLE; the caller
 *   must not claim the action happened (see dialogue/tasks: the bot says so, offers a person, leaves a note)
 */
import type { Order, OrderStatus, Product } from '../knowledge/types.ts';
import type { OrderBook } from '../dialogue/order-book.ts';

export const SHOP_PLATFORMS = ['demo', 'shopify', 'woocommerce'] as const;
export type ShopPlatformName = (typeof SHOP_PLATFORMS)[number];

/** A product changed in the shop (webhook or poll): the live catalog updates every index from it. */
export type CatalogChange = { kind: 'upsert'; product: Product } | { kind: 'delete'; productId: string };

/** An order created or changed in the shop: new purchases feed popularity and co-purchase. */
export interface OrderChange {
  kind: 'created' | 'updated';
  order: Order;
}

export type Unsubscribe = () => void;

export interface ShopCatalogSource {
  /** Every product the shop sells now (connectors page through the platform's API). */
  list(): Promise<Product[]>;
  get(id: string): Promise<Product | undefined>;
  /** The platform's own product search (title, tags), best first. */
  search(text: string, limit?: number): Promise<Product[]>;
  /** Product changes as they happen, after `ShopPlatform.start()`. */
  changes(listener: (change: CatalogChange) => void): Unsubscribe;
}

/**
 * Orders as the dialogue may read and change them. `get`/`verify` accept an id as the customer wrote it after the
 * OrderIdFormat made it canonical. Actions resolve only after the platform confirmed them.
 */
export interface ShopOrders extends OrderBook {
  /** A note on the order for the shop's staff (the bot could not finish something, a customer request). */
  note(orderId: string, text: string, at: Date): Promise<void>;
  /** Order changes as they happen, after `ShopPlatform.start()`. */
  changes(listener: (change: OrderChange) => void): Unsubscribe;
}

export interface OrderIdMatch {
  /** Canonical id as the platform's API knows it ("SM-100815", "#1001" -> "1001"). */
  value: string;
  raw: string;
  start: number;
  end: number;
  confidence: number;
}

/** How this shop's order numbers look and how customers type them. */
export interface OrderIdFormat {
  /** Shown in prompts: "It looks like SM-123456" / "#1001". */
  readonly example: string;
  /** Order ids in a message. A bare number counts only with a cue ("order 1001") unless `bare` is set (the bot just
   * asked for the order number). */
  find(text: string, options?: { bare?: boolean }): OrderIdMatch[];
  /** The displayed form of a canonical id ("1001" -> "#1001"). */
  display(id: string): string;
}

/** A platform webhook delivery, framework-free: headers (lower-case names) and the raw body the signature covers. */
export interface WebhookDelivery {
  headers: Record<string, string | undefined>;
  rawBody: Buffer;
}

export interface ShopWebhookReceiver {
  /** Verifies the signature (UNAUTHORIZED when it does not match) and emits the change; BAD_REQUEST on a body that
   * cannot be read. Unknown topics are acknowledged and ignored (platforms retry non-2xx deliveries). */
  receive(delivery: WebhookDelivery): Promise<{ topic: string; applied: boolean }>;
}

export interface ShopPlatform {
  readonly name: ShopPlatformName;
  readonly catalog: ShopCatalogSource;
  readonly orders: ShopOrders;
  readonly orderIds: OrderIdFormat;
  /** Order statuses in which the customer may cancel or change the order (the dialogue explains the same rules). */
  readonly rules: { cancellableStatuses: OrderStatus[]; changeableStatuses: OrderStatus[] };
  /** The product's page in the shop. */
  productUrl(p: Product): string;
  /** Present when the platform pushes changes to `POST /shop/webhooks/<name>`. */
  readonly webhooks?: ShopWebhookReceiver;
  /** Initial import, polling or subscriptions; changes are emitted only after this. */
  start(): Promise<void>;
  stop(): Promise<void>;
}
