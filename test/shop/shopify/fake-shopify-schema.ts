/**
 * The part of Shopify's Admin GraphQL schema (version 2025-07) that shopmate uses, written from the reference pages
 * at https://shopify.dev/docs/api/admin-graphql/2025-07 (objects Product, ProductOption, Order, Fulfillment,
 * FulfillmentTrackingInfo, LineItem, MailingAddress, Return, Job, Shop; connections; enums
 * OrderDisplayFinancialStatus, OrderDisplayFulfillmentStatus, OrderReturnStatus, FulfillmentDisplayStatus,
 * OrderCancelReason, OrderCancelUserErrorCode, ReturnReason, ReturnStatus; mutations orderCancel (with refundMethod,
 * new in 2025-07, and the deprecated refund flag), orderUpdate, returnRequest). Field names, nullability and argument
 * types follow those pages; types and fields we never read are left out, so a query that asks for something the
 * fake does not know fails here as it would against a version without it.
 */
import { buildSchema } from 'graphql';

const COUNTRY_CODES = (() => {
  const names = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
  const L = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  return [...L].flatMap((a) => [...L].map((b) => a + b)).filter((c) => {
    const n = names.of(c);
    return n && !/unknown/i.test(n);
  });
})();

export const FAKE_SHOPIFY_SDL = `
scalar DateTime
scalar Decimal
scalar URL
scalar HTML

enum CurrencyCode { EUR USD GBP CHF SEK DKK PLN CAD AUD }
enum CountryCode { ${COUNTRY_CODES.join(' ')} }
enum ProductStatus { ACTIVE ARCHIVED DRAFT }
enum ProductSortKeys { CREATED_AT ID INVENTORY_TOTAL PRODUCT_TYPE PUBLISHED_AT RELEVANCE TITLE UPDATED_AT VENDOR }
enum OrderSortKeys { CREATED_AT CUSTOMER_NAME FINANCIAL_STATUS FULFILLMENT_STATUS ID ORDER_NUMBER PROCESSED_AT RELEVANCE TOTAL_PRICE UPDATED_AT }
enum OrderDisplayFinancialStatus { AUTHORIZED EXPIRED PAID PARTIALLY_PAID PARTIALLY_REFUNDED PENDING REFUNDED VOIDED }
enum OrderDisplayFulfillmentStatus { FULFILLED IN_PROGRESS ON_HOLD OPEN PARTIALLY_FULFILLED PENDING_FULFILLMENT REQUEST_DECLINED RESTOCKED SCHEDULED UNFULFILLED }
enum OrderReturnStatus { INSPECTION_COMPLETE IN_PROGRESS NO_RETURN RETURNED RETURN_FAILED RETURN_REQUESTED }
enum FulfillmentDisplayStatus { ATTEMPTED_DELIVERY CANCELED CONFIRMED DELIVERED FAILURE FULFILLED IN_TRANSIT LABEL_PRINTED LABEL_PURCHASED LABEL_VOIDED MARKED_AS_FULFILLED NOT_DELIVERED OUT_FOR_DELIVERY PICKED_UP READY_FOR_PICKUP SUBMITTED }
enum FulfillmentStatus { CANCELLED ERROR FAILURE OPEN PENDING SUCCESS }
enum MediaContentType { EXTERNAL_VIDEO IMAGE MODEL_3D VIDEO }
enum OrderCancelReason { CUSTOMER DECLINED FRAUD INVENTORY OTHER STAFF }
enum OrderCancelUserErrorCode { INTERNAL_ERROR INVALID NOT_FOUND NO_REFUND_PERMISSION }
enum ReturnReason { COLOR DEFECTIVE NOT_AS_DESCRIBED OTHER SIZE_TOO_LARGE SIZE_TOO_SMALL STYLE UNKNOWN UNWANTED WRONG_ITEM }
enum ReturnStatus { CANCELED CLOSED DECLINED OPEN REQUESTED }
enum ReturnErrorCode { BLANK INVALID INVALID_STATE NOT_FOUND TOO_MANY_ARGUMENTS }

type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! startCursor: String endCursor: String }
type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }
type ProductPriceRangeV2 { minVariantPrice: MoneyV2! maxVariantPrice: MoneyV2! }
type Image { url: URL! altText: String width: Int height: Int }
type MediaPreviewImage { image: Image }
interface Media { id: ID! alt: String mediaContentType: MediaContentType! preview: MediaPreviewImage }
type MediaImage implements Media { id: ID! alt: String mediaContentType: MediaContentType! preview: MediaPreviewImage image: Image }
type ProductOptionValue { id: ID! name: String! hasVariants: Boolean! }
type ProductOption { id: ID! name: String! position: Int! values: [String!]! @deprecated optionValues: [ProductOptionValue!]! }
type ProductVariant { id: ID! title: String! price: Decimal! sku: String inventoryQuantity: Int }
type ProductVariantConnection { nodes: [ProductVariant!]! pageInfo: PageInfo! }
type Product {
  id: ID! legacyResourceId: String! title: String! handle: String! status: ProductStatus! productType: String! vendor: String!
  description(truncateAt: Int): String! descriptionHtml: HTML! tags: [String!]! createdAt: DateTime! updatedAt: DateTime!
  onlineStoreUrl: URL totalInventory: Int! tracksInventory: Boolean! priceRangeV2: ProductPriceRangeV2!
  featuredMedia: Media options(first: Int): [ProductOption!]!
  variants(first: Int, after: String): ProductVariantConnection!
}
type ProductEdge { cursor: String! node: Product! }
type ProductConnection { nodes: [Product!]! edges: [ProductEdge!]! pageInfo: PageInfo! }

type Customer { id: ID! displayName: String! firstName: String lastName: String email: String }
type MailingAddress {
  name: String firstName: String lastName: String company: String phone: String address1: String address2: String
  city: String zip: String province: String provinceCode: String country: String countryCodeV2: CountryCode
}
type ShippingLine { title: String! code: String }
type FulfillmentTrackingInfo { number: String company: String url: URL }
type LineItem { id: ID! title: String! quantity: Int! originalUnitPriceSet: MoneyBag! product: Product variant: ProductVariant }
type LineItemConnection { nodes: [LineItem!]! pageInfo: PageInfo! }
type FulfillmentLineItem { id: ID! quantity: Int lineItem: LineItem! }
type FulfillmentLineItemConnection { nodes: [FulfillmentLineItem!]! pageInfo: PageInfo! }
type Fulfillment {
  id: ID! createdAt: DateTime! deliveredAt: DateTime inTransitAt: DateTime displayStatus: FulfillmentDisplayStatus
  status: FulfillmentStatus! trackingInfo(first: Int): [FulfillmentTrackingInfo!]!
  fulfillmentLineItems(first: Int, after: String): FulfillmentLineItemConnection!
}
interface ReturnLineItemType { id: ID! quantity: Int! customerNote: String returnReason: ReturnReason! }
type ReturnLineItem implements ReturnLineItemType {
  id: ID! quantity: Int! customerNote: String returnReason: ReturnReason! fulfillmentLineItem: FulfillmentLineItem!
}
type ReturnLineItemTypeConnection { nodes: [ReturnLineItemType!]! pageInfo: PageInfo! }
type Return { id: ID! name: String! status: ReturnStatus! createdAt: DateTime returnLineItems(first: Int, after: String): ReturnLineItemTypeConnection! order: Order! }
type ReturnConnection { nodes: [Return!]! pageInfo: PageInfo! }
type Order {
  id: ID! legacyResourceId: String! name: String! email: String createdAt: DateTime! updatedAt: DateTime! cancelledAt: DateTime note: String
  displayFinancialStatus: OrderDisplayFinancialStatus displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
  returnStatus: OrderReturnStatus! customer: Customer shippingAddress: MailingAddress shippingLine: ShippingLine
  totalPriceSet: MoneyBag! currencyCode: CurrencyCode! fulfillments(first: Int): [Fulfillment!]!
  lineItems(first: Int, after: String): LineItemConnection! returns(first: Int, after: String): ReturnConnection!
}
type OrderEdge { cursor: String! node: Order! }
type OrderConnection { nodes: [Order!]! edges: [OrderEdge!]! pageInfo: PageInfo! }
type Job { id: ID! done: Boolean! }
type Domain { host: String! url: URL! }
type Shop { name: String! currencyCode: CurrencyCode! myshopifyDomain: String! primaryDomain: Domain! }

type QueryRoot {
  shop: Shop!
  product(id: ID!): Product
  products(first: Int, after: String, last: Int, before: String, query: String, sortKey: ProductSortKeys = ID, reverse: Boolean = false): ProductConnection!
  order(id: ID!): Order
  orders(first: Int, after: String, last: Int, before: String, query: String, sortKey: OrderSortKeys = ID, reverse: Boolean = false): OrderConnection!
  job(id: ID!): Job
}

type UserError { field: [String!] message: String! }
type OrderCancelUserError { field: [String!] message: String! code: OrderCancelUserErrorCode }
type OrderCancelPayload { job: Job orderCancelUserErrors: [OrderCancelUserError!]! userErrors: [UserError!]! @deprecated }
input OrderCancelStoreCreditRefundInput { expiresAt: DateTime }
input OrderCancelRefundMethodInput { originalPaymentMethodsRefund: Boolean storeCreditRefund: OrderCancelStoreCreditRefundInput }
input MailingAddressInput {
  address1: String address2: String city: String company: String countryCode: CountryCode firstName: String lastName: String
  phone: String province: String provinceCode: String zip: String
}
input OrderInput { id: ID! email: String note: String shippingAddress: MailingAddressInput tags: [String!] }
type OrderUpdatePayload { order: Order userErrors: [UserError!]! }
input ReturnRequestLineItemInput { fulfillmentLineItemId: ID! quantity: Int! returnReason: ReturnReason! customerNote: String }
input ReturnRequestInput { orderId: ID! returnLineItems: [ReturnRequestLineItemInput!]! }
type ReturnUserError { field: [String!] message: String! code: ReturnErrorCode }
type ReturnRequestPayload { return: Return userErrors: [ReturnUserError!]! }

type Mutation {
  orderCancel(orderId: ID!, reason: OrderCancelReason!, refund: Boolean @deprecated, refundMethod: OrderCancelRefundMethodInput,
    restock: Boolean!, notifyCustomer: Boolean = false, staffNote: String): OrderCancelPayload
  orderUpdate(input: OrderInput!): OrderUpdatePayload
  returnRequest(input: ReturnRequestInput!): ReturnRequestPayload
}

schema { query: QueryRoot mutation: Mutation }
`;

export const fakeShopifySchema = buildSchema(FAKE_SHOPIFY_SDL);
