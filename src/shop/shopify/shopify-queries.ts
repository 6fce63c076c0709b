/**
 * The Admin GraphQL documents the connector sends (API version pinned by SHOPMATE_SHOPIFY_API_VERSION, written for
 * 2025-07). Page sizes keep each query's requested cost under Shopify's 1,000-point single-query limit (a connection
 * costs 2 + first x one node, an object 1, a scalar 0), which is why they are not the 250 a page allows: a product
 * node costs about 16 points here (5 options, media, price range), so 50 a page (~800); an order about 148 (30 line
 * items, 5 fulfillments with 3 tracking numbers each), so 6 a page (~890). Line items past the 30th of one order are
 * not read.
 */
export const PRODUCTS_PER_PAGE = 50;
export const ORDERS_PER_PAGE = 6;

const PRODUCT_FIELDS = `
  id title handle status productType vendor description tags createdAt onlineStoreUrl totalInventory tracksInventory
  priceRangeV2 { minVariantPrice { amount currencyCode } }
  featuredMedia { preview { image { url } } }
  options(first: 5) { name optionValues { name } }`;

const ORDER_FIELDS = `
  id name email createdAt cancelledAt displayFinancialStatus displayFulfillmentStatus returnStatus
  customer { displayName }
  shippingAddress { name firstName lastName company phone address1 address2 city zip province country countryCodeV2 }
  shippingLine { title }
  totalPriceSet { shopMoney { amount currencyCode } }
  fulfillments(first: 5) {
    createdAt deliveredAt inTransitAt displayStatus
    trackingInfo(first: 3) { number company url }
  }
  lineItems(first: 30) { nodes { quantity originalUnitPriceSet { shopMoney { amount } } product { id } } }`;

export const PRODUCTS_QUERY = `query Products($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: ID) {
    nodes { ${PRODUCT_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const PRODUCT_QUERY = `query Product($id: ID!) { product(id: $id) { ${PRODUCT_FIELDS} } }`;

/** Shopify's own relevance ranking for a free-text search (title, tags, type, vendor). */
export const PRODUCT_SEARCH_QUERY = `query ProductSearch($first: Int!, $query: String!) {
  products(first: $first, query: $query, sortKey: RELEVANCE) { nodes { ${PRODUCT_FIELDS} } }
}`;

/** The shop's currency (REST webhook payloads carry prices without one) and its storefront address (product pages). */
export const SHOP_QUERY = `query Shop { shop { currencyCode primaryDomain { url } } }`;

export const ORDERS_QUERY = `query Orders($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    nodes { ${ORDER_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const ORDER_QUERY = `query Order($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

/**
 * orderCancel as 2025-07 defines it: `refundMethod` replaced the deprecated `refund` flag in that version; constant
 * arguments are written inline so the document is valid whether a version declares them nullable or not.
 */
export const ORDER_CANCEL_MUTATION = `mutation OrderCancel($orderId: ID!, $staffNote: String) {
  orderCancel(orderId: $orderId, reason: CUSTOMER, refundMethod: { originalPaymentMethodsRefund: true }, restock: true, notifyCustomer: true, staffNote: $staffNote) {
    job { id done }
    orderCancelUserErrors { field message code }
  }
}`;

/** The cancellation runs as a background job: we poll the job and the order until the order shows it. */
export const CANCEL_PROGRESS_QUERY = `query CancelProgress($jobId: ID!, $orderId: ID!) {
  job(id: $jobId) { id done }
  order(id: $orderId) { id cancelledAt }
}`;

export const ORDER_CANCELLED_QUERY = `query OrderCancelled($id: ID!) { order(id: $id) { id cancelledAt } }`;

export const ORDER_UPDATE_MUTATION = `mutation OrderUpdate($input: OrderInput!) {
  orderUpdate(input: $input) {
    order { ${ORDER_FIELDS} note }
    userErrors { field message }
  }
}`;

export const ORDER_NOTE_QUERY = `query OrderNote($id: ID!) { order(id: $id) { id note } }`;

/** What a return needs: the fulfilled line items (returns are made of fulfillment line items, not order lines). */
export const RETURNABLE_QUERY = `query Returnable($id: ID!) {
  order(id: $id) {
    id
    fulfillments(first: 5) { fulfillmentLineItems(first: 25) { nodes { id quantity lineItem { product { id } } } } }
  }
}`;

export const RETURN_REQUEST_MUTATION = `mutation ReturnRequest($input: ReturnRequestInput!) {
  returnRequest(input: $input) {
    return { id name status createdAt }
    userErrors { field message code }
  }
}`;

export const RETURNS_QUERY = `query Returns($id: ID!) {
  order(id: $id) {
    id
    returns(first: 10) {
      nodes {
        id name status createdAt
        returnLineItems(first: 10) { nodes { ... on ReturnLineItem { customerNote fulfillmentLineItem { lineItem { product { id } } } } } }
      }
    }
  }
}`;
