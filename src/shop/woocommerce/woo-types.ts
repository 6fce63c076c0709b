/**
 * The parts of WooCommerce REST API v3 resources (wp-json/wc/v3) the connector reads. Field names and types follow
 * the REST API documentation (woocommerce-rest-api-docs, wp-api-v3): money as strings with two decimals, ids as
 * integers, `*_gmt` dates as "YYYY-MM-DDTHH:MM:SS" in UTC without a zone suffix.
 */
export interface WooTerm {
  id: number;
  name: string;
  slug: string;
}

export interface WooProduct {
  id: number;
  name: string;
  slug: string;
  permalink: string;
  type: string; // simple, grouped, external, variable, variation (webhook payloads of a variation)
  parent_id?: number;
  status: string; // publish, draft, pending, private, trash
  description: string;
  short_description: string;
  sku: string;
  price: string; // "" when the product has no price
  manage_stock: boolean | 'parent';
  stock_quantity: number | null;
  stock_status: 'instock' | 'outofstock' | 'onbackorder';
  date_created_gmt: string;
  date_modified_gmt: string;
  categories: WooTerm[];
  tags: WooTerm[];
  images: Array<{ id: number; src: string; alt: string }>;
  attributes: Array<{ id: number; name: string; options: string[] }>;
}

export interface WooAddress {
  first_name: string;
  last_name: string;
  company: string;
  address_1: string;
  address_2: string;
  city: string;
  state: string;
  postcode: string;
  country: string; // ISO 3166-1 alpha-2
  email?: string; // billing only
  phone?: string;
}

export interface WooMeta {
  id: number;
  key: string;
  value: unknown;
}

export interface WooOrder {
  id: number;
  number: string;
  status: string; // pending, processing, on-hold, completed, cancelled, refunded, failed, trash, checkout-draft, or a plugin's
  currency: string;
  date_created_gmt: string;
  date_modified_gmt: string;
  date_paid_gmt: string | null;
  date_completed_gmt: string | null;
  total: string;
  customer_id: number;
  billing: WooAddress;
  shipping: WooAddress;
  line_items: Array<{ id: number; name: string; product_id: number; variation_id: number; quantity: number; price: number | string }>;
  shipping_lines: Array<{ id: number; method_title: string; method_id: string }>;
  meta_data: WooMeta[];
}

export interface WooOrderNote {
  id: number;
  author: string;
  date_created_gmt: string;
  note: string;
  customer_note: boolean;
}

/** WordPress REST error body: `{ code, message, data: { status } }`. */
export interface WooError {
  code: string;
  message: string;
  data?: { status?: number };
}
