import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Config } from '../../config/config.ts';
import { ShopHttp, TransientShopError, retryAfterMs, type ShopHttpSettings } from '../shop-http.ts';
import type { WooError } from './woo-types.ts';

export type WooSettings = Config['shop']['woocommerce'];
type Query = Record<string, string | number | undefined>;

/** A response read to the end inside the timeout. */
interface WooResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

/** WooCommerce caps `per_page` at 100 (rest_invalid_param above it). */
export const WOO_PAGE_SIZE = 100;

/**
 * WooCommerce REST API v3 over ShopHttp: consumer key and secret as HTTP Basic (the config allows only https, or
 * http to this machine), JSON in and out, WordPress error bodies turned into our error codes.
 */
export class WooClient {
  private readonly base: string;
  private readonly auth: string;
  private readonly fetchFn: typeof fetch;

  constructor(
    private readonly http: ShopHttp,
    settings: WooSettings,
    options: { fetch?: typeof fetch } = {},
  ) {
    if (!settings.url || !settings.consumerKey || !settings.consumerSecret) {
      throw new ShopmateError('CONFIG_INVALID', 'WooCommerce needs SHOPMATE_WOOCOMMERCE_URL, _CONSUMER_KEY and _CONSUMER_SECRET');
    }
    this.base = `${settings.url.replace(/\/+$/, '')}/wp-json/wc/v3/`;
    this.auth = `Basic ${Buffer.from(`${settings.consumerKey}:${settings.consumerSecret}`).toString('base64')}`;
    this.fetchFn = options.fetch ?? fetch;
  }

  static create(settings: WooSettings, http: ShopHttpSettings, logger: Logger, fetchFn?: typeof fetch): WooClient {
    return new WooClient(new ShopHttp({ platform: 'woocommerce', settings: http, logger, fetch: fetchFn }), settings, { fetch: fetchFn });
  }

  url(path: string, query: Query = {}): string {
    const u = new URL(path, this.base);
    for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, String(v));
    return u.toString();
  }

  /** A resource, or undefined when WooCommerce answers 404 (unknown id). */
  async get<T>(what: string, path: string, query: Query = {}): Promise<T | undefined> {
    const res = await this.call(what, 'GET', this.url(path, query));
    if (res.status === 404 && !noRoute(res)) return undefined;
    return this.expectOk<T>(what, res);
  }

  /** One page of a collection with the X-WP-TotalPages header (absent: this page is the last when it is short). */
  async page<T>(what: string, path: string, query: Query, page: number, perPage = WOO_PAGE_SIZE): Promise<{ items: T[]; totalPages: number | undefined }> {
    const res = await this.call(what, 'GET', this.url(path, { ...query, per_page: perPage, page }));
    const items = this.expectOk<T[]>(what, res);
    if (!Array.isArray(items)) throw this.unreadable(what, 'expected a list');
    const total = Number(res.headers.get('x-wp-totalpages'));
    return { items, totalPages: Number.isFinite(total) && res.headers.has('x-wp-totalpages') ? total : undefined };
  }

  /**
   * Every page of a collection, at most `maxPages` (a guard against a platform that never says "last page").
   * `truncated` tells the caller that more existed.
   */
  async all<T>(what: string, path: string, query: Query, maxPages: number): Promise<{ items: T[]; truncated: boolean }> {
    const items: T[] = [];
    for (let page = 1; page <= maxPages; page++) {
      const got = await this.page<T>(what, path, query, page);
      items.push(...got.items);
      const last = got.totalPages !== undefined ? page >= got.totalPages : got.items.length < WOO_PAGE_SIZE;
      if (last || got.items.length === 0) return { items, truncated: false };
    }
    return { items, truncated: true };
  }

  /** PUT/POST: 404 is NOT_FOUND; 400 and 409 are WooCommerce refusing the change (CONFLICT, nothing changed). */
  async send<T>(what: string, method: 'PUT' | 'POST', path: string, body: unknown): Promise<T> {
    const res = await this.call(what, method, this.url(path), JSON.stringify(body));
    if (res.status === 404 && !noRoute(res)) throw new ShopmateError('NOT_FOUND', `${what}: not found in WooCommerce`);
    if (res.status === 400 || res.status === 409) {
      const err = res.body as Partial<WooError> | undefined;
      throw new ShopmateError('CONFLICT', `WooCommerce refused ${what}: ${err?.message ?? `HTTP ${res.status}`}`, {
        details: { platform: 'woocommerce', code: err?.code, status: res.status },
      });
    }
    return this.expectOk<T>(what, res);
  }

  /**
   * One request under ShopHttp's policy, the body read inside it: the policy aborts its signal when the call returns,
   * so a body read afterwards would fail. 429 and 5xx are transient (Retry-After honoured), 401/403 mean our keys are
   * wrong or read-only: SHOP_UNAVAILABLE, as ShopHttp.fetch does.
   */
  private call(what: string, method: string, url: string, body?: string): Promise<WooResponse> {
    return this.http.execute(what, async (signal) => {
      const headers: Record<string, string> = { authorization: this.auth, accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = 'application/json';
      const res = await this.fetchFn(url, { method, headers, body, signal });
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        throw new TransientShopError(`HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')), res.status);
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new ShopmateError('SHOP_UNAVAILABLE', `woocommerce: ${what} refused with HTTP ${res.status}; check the consumer key, its secret and its permissions (read/write)`, {
          details: { platform: 'woocommerce', status: res.status },
        });
      }
      const text = await res.text();
      return { status: res.status, headers: res.headers, body: parseJson(text) };
    });
  }

  private expectOk<T>(what: string, res: WooResponse): T {
    if (res.status < 200 || res.status >= 300) {
      const err = res.body as Partial<WooError> | undefined;
      throw new ShopmateError('SHOP_UNAVAILABLE', `woocommerce: ${what} answered HTTP ${res.status}${err?.code ? ` (${err.code})` : ''}`, {
        details: { platform: 'woocommerce', status: res.status, code: err?.code },
      });
    }
    if (res.body === undefined) throw this.unreadable(what, 'not JSON');
    return res.body as T;
  }

  private unreadable(what: string, why: string): ShopmateError {
    // WordPress behind a caching or security plugin sometimes answers 200 with an HTML page.
    return new ShopmateError('SHOP_UNAVAILABLE', `woocommerce: ${what} returned an unreadable answer (${why}); is the REST API reachable at wp-json/wc/v3?`, {
      details: { platform: 'woocommerce' },
    });
  }
}

/** 404 rest_no_route is WordPress saying the API itself is missing (plugin off, no pretty permalinks), not an unknown id. */
function noRoute(res: WooResponse): boolean {
  return (res.body as Partial<WooError> | undefined)?.code === 'rest_no_route';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
