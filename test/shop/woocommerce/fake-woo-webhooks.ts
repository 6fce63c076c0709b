/**
 * Webhook deliveries as WooCommerce core sends them (plugins/woocommerce/includes/class-wc-webhook.php, trunk):
 * deliver() posts `trim(wp_json_encode($payload))` with Content-Type application/json and the X-WC-Webhook-Source,
 * -Topic, -Resource, -Event, -Signature (base64 HMAC-SHA256 of that body with the webhook secret), -ID and
 * -Delivery-ID headers; deliver_ping() posts the form body "webhook_id=N" without any of them.
 */
import { createHmac, randomUUID } from 'node:crypto';

export interface FakeDelivery {
  headers: Record<string, string>;
  rawBody: Buffer;
}

const USER_AGENT = 'WooCommerce/9.9.0 Hookshot (WordPress/6.8)';

/** wp_json_encode without JSON_UNESCAPED_SLASHES: "/" becomes "\/", as in WooCommerce's webhook bodies. */
export function wpJsonEncode(value: unknown): string {
  return JSON.stringify(value).replace(/\//g, '\\/');
}

export function wooDelivery(topic: string, payload: unknown, options: { secret: string; source: string; webhookId: number }): FakeDelivery {
  const body = wpJsonEncode(payload).trim();
  const [resource, event] = topic.split('.');
  return {
    headers: {
      'content-type': 'application/json',
      'user-agent': USER_AGENT,
      'x-wc-webhook-source': options.source,
      'x-wc-webhook-topic': topic,
      'x-wc-webhook-resource': resource!,
      'x-wc-webhook-event': event!,
      'x-wc-webhook-signature': createHmac('sha256', options.secret).update(body).digest('base64'),
      'x-wc-webhook-id': String(options.webhookId),
      'x-wc-webhook-delivery-id': randomUUID().replace(/-/g, ''),
    },
    rawBody: Buffer.from(body),
  };
}

export function wooPing(webhookId: number): FakeDelivery {
  return { headers: { 'user-agent': USER_AGENT, 'content-type': 'application/x-www-form-urlencoded' }, rawBody: Buffer.from(`webhook_id=${webhookId}`) };
}

/** Delivers over HTTP as wp_safe_remote_request does; WooCommerce counts anything but 2xx (and 301/302) as failed. */
export async function postDelivery(url: string, delivery: FakeDelivery): Promise<{ status: number; body: string }> {
  const res = await fetch(url, { method: 'POST', headers: delivery.headers, body: new Uint8Array(delivery.rawBody), redirect: 'manual' });
  return { status: res.status, body: await res.text() };
}
