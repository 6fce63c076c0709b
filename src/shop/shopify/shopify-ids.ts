/** Shopify's GraphQL global ids ("gid://shopify/Product/123") and the numeric ids of REST payloads and our catalog. */
export type ShopifyResource = 'Product' | 'Order' | 'Job' | 'Return' | 'FulfillmentLineItem';

export const gid = (resource: ShopifyResource, id: string | number) => `gid://shopify/${resource}/${id}`;

/** "gid://shopify/Product/123" -> "123"; a job id keeps its query string, so only the last path part is taken. */
export function numericId(globalId: string): string {
  const last = globalId.split('/').pop() ?? '';
  return last.split('?')[0]!;
}

/** Our canonical order id is the order number ("1001"); Shopify's order name is "#1001" in a default shop. */
export const orderName = (id: string) => `#${id}`;
export const orderNumberFromName = (name: string) => name.replace(/^#/, '');
