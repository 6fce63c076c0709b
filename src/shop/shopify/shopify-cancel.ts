import { ShopmateError } from '../../core/errors.ts';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.ts';
import { CANCEL_PROGRESS_QUERY, ORDER_CANCEL_MUTATION, ORDER_CANCELLED_QUERY } from './shopify-queries.ts';

export interface CancelOptions {
  /** How often the job and the order are polled. */
  pollMs: number;
  /** How long we wait for Shopify to show the order cancelled before telling the caller it is not confirmed. */
  confirmWithinMs: number;
}

interface CancelPayload {
  orderCancel: { job: { id: string; done: boolean } | null; orderCancelUserErrors: Array<{ field: string[] | null; message: string; code: string | null }> };
}

interface Progress {
  job: { id: string; done: boolean } | null;
  order: { id: string; cancelledAt: string | null } | null;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * orderCancel only queues a background job. We confirm a cancellation when the ORDER shows `cancelledAt` (the job
 * being done is not enough: a done job whose order is not cancelled failed). Until then the caller hears nothing
 * that could be read as success:
 * - a user error -> CONFLICT (NOT_FOUND -> NOT_FOUND), unless the order is cancelled anyway (a retried request whose
 *   first attempt went through is refused as "already cancelled": that is our own success);
 * - the job done and the order not cancelled -> SHOP_UNAVAILABLE, reason "cancel-not-applied";
 * - no confirmation within `confirmWithinMs` -> SHOP_UNAVAILABLE, reason "cancel-unconfirmed" (with the job id, so an
 *   operator can look; the cancellation may still complete, and the order webhook will say so).
 */
export async function cancelAndConfirm(client: ShopifyGraphqlClient, orderGid: string, staffNote: string, options: CancelOptions): Promise<void> {
  const data = await client.request<CancelPayload>('cancel order', ORDER_CANCEL_MUTATION, { orderId: orderGid, staffNote });
  const errors = data.orderCancel.orderCancelUserErrors;
  const job = data.orderCancel.job;
  if (errors.length > 0 || !job) {
    if (await isCancelled(client, orderGid)) return;
    const message = errors.map((e) => e.message).join('; ') || 'Shopify did not start the cancellation';
    throw new ShopmateError(errors.some((e) => e.code === 'NOT_FOUND') ? 'NOT_FOUND' : 'CONFLICT', message, { details: { platform: 'shopify', codes: errors.map((e) => e.code) } });
  }
  const deadline = Date.now() + options.confirmWithinMs;
  for (let jobId = job.id; ;) {
    const p = await client.request<Progress>('confirm cancellation', CANCEL_PROGRESS_QUERY, { jobId, orderId: orderGid });
    if (p.order?.cancelledAt) return;
    if (p.job?.done) {
      throw new ShopmateError('SHOP_UNAVAILABLE', 'Shopify finished the cancellation job but the order is not cancelled', {
        details: { platform: 'shopify', reason: 'cancel-not-applied', jobId },
      });
    }
    if (Date.now() + options.pollMs > deadline) {
      throw new ShopmateError('SHOP_UNAVAILABLE', `Shopify has not confirmed the cancellation within ${options.confirmWithinMs} ms`, {
        details: { platform: 'shopify', reason: 'cancel-unconfirmed', jobId },
      });
    }
    await sleep(options.pollMs);
    jobId = p.job?.id ?? jobId;
  }
}

async function isCancelled(client: ShopifyGraphqlClient, orderGid: string): Promise<boolean> {
  const data = await client.request<{ order: { cancelledAt: string | null } | null }>('check cancellation', ORDER_CANCELLED_QUERY, { id: orderGid });
  return Boolean(data.order?.cancelledAt);
}
