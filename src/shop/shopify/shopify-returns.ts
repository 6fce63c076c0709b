import { ShopmateError } from '../../core/errors.ts';
import type { ReturnRequest } from '../../dialogue/order-book.ts';
import type { ShopifyGraphqlClient } from './shopify-graphql-client.ts';
import { numericId } from './shopify-ids.ts';
import { RETURNABLE_QUERY, RETURNS_QUERY, RETURN_REQUEST_MUTATION } from './shopify-queries.ts';

/** Our free-text reason -> Shopify's ReturnReason (2025-07); the customer's words go along as the note. */
export function returnReason(reason: string): string {
  const r = reason.toLowerCase();
  if (/defect|broken|damag|faulty|not work/.test(r)) return 'DEFECTIVE';
  if (/wrong (item|product|article)|not what i ordered/.test(r)) return 'WRONG_ITEM';
  if (/too small/.test(r)) return 'SIZE_TOO_SMALL';
  if (/too (large|big)/.test(r)) return 'SIZE_TOO_LARGE';
  if (/not as described|differen/.test(r)) return 'NOT_AS_DESCRIBED';
  if (/colou?r/.test(r)) return 'COLOR';
  if (/changed my mind|no longer|don'?t (want|need)|unwanted/.test(r)) return 'UNWANTED';
  return 'OTHER';
}

interface Returnable {
  order: { fulfillments: Array<{ fulfillmentLineItems: { nodes: Array<{ id: string; quantity: number; lineItem: { product: { id: string } | null } }> } }> } | null;
}

interface ReturnNode {
  id: string;
  name: string;
  status: string;
  createdAt: string | null;
  returnLineItems?: { nodes: Array<{ customerNote?: string | null; fulfillmentLineItem?: { lineItem: { product: { id: string } | null } } }> };
}

/**
 * A return REQUEST (returnRequest: status REQUESTED, the merchant approves or declines it in Shopify), not
 * returnCreate (an approved, open return): the bot asks on the customer's behalf, the shop decides, as with a
 * customer's own request from the order status page. Returns are made of fulfilled line items, so only products that
 * were shipped can be returned (else CONFLICT).
 */
export async function requestReturn(client: ShopifyGraphqlClient, orderGid: string, request: Omit<ReturnRequest, 'id' | 'createdAt'>, at: Date): Promise<ReturnRequest> {
  const data = await client.request<Returnable>('find returnable items', RETURNABLE_QUERY, { id: orderGid });
  if (!data.order) throw new ShopmateError('NOT_FOUND', `order ${request.orderId} not found`);
  const wanted = new Set(request.productIds);
  const lines = data.order.fulfillments.flatMap((f) => f.fulfillmentLineItems.nodes).filter((l) => l.lineItem.product && wanted.has(numericId(l.lineItem.product.id)));
  if (lines.length === 0) throw new ShopmateError('CONFLICT', `nothing of order ${request.orderId} that could be returned has been shipped yet`);
  const input = {
    orderId: orderGid,
    returnLineItems: lines.map((l) => ({ fulfillmentLineItemId: l.id, quantity: l.quantity, returnReason: returnReason(request.reason), customerNote: request.reason.slice(0, 300) })),
  };
  const res = await client.request<{ returnRequest: { return: ReturnNode | null; userErrors: Array<{ message: string }> } }>('request return', RETURN_REQUEST_MUTATION, { input });
  const ret = res.returnRequest.return;
  if (res.returnRequest.userErrors.length > 0 || !ret) {
    throw new ShopmateError('CONFLICT', res.returnRequest.userErrors.map((e) => e.message).join('; ') || 'Shopify did not open the return', { details: { platform: 'shopify' } });
  }
  return { id: ret.name, orderId: request.orderId, productIds: [...new Set(lines.map((l) => numericId(l.lineItem.product!.id)))], reason: request.reason, createdAt: ret.createdAt ?? at.toISOString() };
}

/** The order's returns that are still alive (requested, open or closed); declined and cancelled ones are not. */
export async function listReturns(client: ShopifyGraphqlClient, orderGid: string, orderId: string): Promise<ReturnRequest[]> {
  const data = await client.request<{ order: { returns: { nodes: ReturnNode[] } } | null }>('list returns', RETURNS_QUERY, { id: orderGid });
  return (data.order?.returns.nodes ?? [])
    .filter((r) => r.status !== 'DECLINED' && r.status !== 'CANCELED')
    .map((r) => {
      const items = r.returnLineItems?.nodes ?? [];
      const productIds = items.map((i) => i.fulfillmentLineItem?.lineItem.product?.id).filter((id): id is string => Boolean(id)).map(numericId);
      return { id: r.name, orderId, productIds: [...new Set(productIds)], reason: items.find((i) => i.customerNote)?.customerNote ?? '', createdAt: r.createdAt ?? '' };
    });
}
