import { ShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import { ShopHttp, TransientShopError, retryAfterMs, type ShopHttpSettings } from '../shop-http.ts';

export interface ShopifyConnection {
  storeUrl: string;
  accessToken: string;
  apiVersion: string;
}

/** `extensions.cost` of every Admin GraphQL response (the leaky-bucket rate limit). */
export interface QueryCost {
  requestedQueryCost?: number;
  actualQueryCost?: number | null;
  throttleStatus?: { maximumAvailable: number; currentlyAvailable: number; restoreRate: number };
}

interface GraphqlError {
  message: string;
  extensions?: { code?: string };
}

interface GraphqlResponse<T> {
  data?: T | null;
  errors?: GraphqlError[];
  extensions?: { cost?: QueryCost };
}

/** Longest wait for the bucket before sending anyway. */
const PACE_LIMIT_MS = 10_000;

export interface Connection<N> {
  nodes: N[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

/**
 * How long until the bucket holds what the refused query needs: the deficit divided by the restore rate (points per
 * second). Undefined when the response carries no cost (then ShopHttp's jittered backoff decides).
 */
export function throttleDelayMs(cost: QueryCost | undefined): number | undefined {
  const status = cost?.throttleStatus;
  const needed = cost?.requestedQueryCost;
  if (!status || needed === undefined || !(status.restoreRate > 0)) return undefined;
  return Math.max(0, Math.ceil(((needed - status.currentlyAvailable) / status.restoreRate) * 1000));
}

/**
 * The Admin GraphQL endpoint behind ShopHttp's policy. Shopify signals its cost-based throttle inside a 200 response
 * (`errors[].extensions.code == "THROTTLED"`), which ShopHttp.fetch cannot see, so this client runs its own fetch
 * inside `ShopHttp.execute` and turns both throttle signals (that one and HTTP 429) into TransientShopError with the
 * platform's delay; the policy retries them.
 */
export class ShopifyGraphqlClient {
  private readonly http: ShopHttp;
  /** The bucket as the last answer showed it, and what each document (at its page size) cost last time (pacing). */
  private bucket: { available: number; maximum: number; restoreRate: number; at: number } | undefined;
  private readonly costs = new Map<string, number>();
  private readonly fetchFn: typeof fetch;
  private readonly endpoint: string;

  constructor(
    private readonly options: { connection: ShopifyConnection; settings: ShopHttpSettings; logger: Logger; fetch?: typeof fetch },
  ) {
    this.fetchFn = options.fetch ?? fetch;
    this.http = new ShopHttp({ platform: 'shopify', settings: options.settings, logger: options.logger, fetch: this.fetchFn });
    const base = options.connection.storeUrl.replace(/\/+$/, '');
    this.endpoint = `${base}/admin/api/${options.connection.apiVersion}/graphql.json`;
  }

  async request<T>(what: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    // The same document costs what its page size makes it cost.
    const costKey = `${JSON.stringify(variables.first ?? null)}:${query}`;
    await this.pace(costKey);
    return this.http.execute(what, async (signal) => {
      const res = await this.fetchFn(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json', 'x-shopify-access-token': this.options.connection.accessToken },
        body: JSON.stringify({ query, variables }),
        signal,
      });
      await this.checkStatus(what, res);
      let body: GraphqlResponse<T>;
      try {
        body = (await res.json()) as GraphqlResponse<T>;
      } catch (e) {
        throw new ShopmateError('SHOP_UNAVAILABLE', `shopify: ${what}: the answer was not JSON`, { cause: e, details: { platform: 'shopify' } });
      }
      this.observe(costKey, body.extensions?.cost);
      return this.unwrap(what, body);
    });
  }

  /**
   * Waits until the bucket should hold what this document asked for last time, so a long listing runs at the restore
   * rate instead of into THROTTLED errors (whose retries ShopHttp caps at one timeout each). At most
   * PACE_LIMIT_MS: past that the request goes and the throttle retry decides.
   */
  private async pace(costKey: string): Promise<void> {
    const needed = this.costs.get(costKey);
    const b = this.bucket;
    if (needed === undefined || !b || !(b.restoreRate > 0)) return;
    const now = Date.now();
    const available = Math.min(b.maximum, b.available + ((now - b.at) / 1000) * b.restoreRate);
    if (available >= needed) return;
    const wait = Math.min(PACE_LIMIT_MS, Math.ceil(((needed - available) / b.restoreRate) * 1000));
    this.options.logger.debug('shopify: pacing to the restore rate', { waitMs: wait, needed, available: Math.floor(available) });
    await new Promise((r) => setTimeout(r, wait));
  }

  private observe(costKey: string, cost: QueryCost | undefined): void {
    const s = cost?.throttleStatus;
    if (cost?.requestedQueryCost !== undefined) this.costs.set(costKey, cost.requestedQueryCost);
    if (s) this.bucket = { available: s.currentlyAvailable, maximum: s.maximumAvailable, restoreRate: s.restoreRate, at: Date.now() };
  }

  /** Every node of a cursor-paginated connection, at most `maxPages` pages (logged when the shop has more). */
  async paginate<N, D = Record<string, Connection<N>>>(what: string, query: string, variables: Record<string, unknown>, pick: (data: D) => Connection<N>, maxPages: number): Promise<N[]> {
    const out: N[] = [];
    let after: string | null = null;
    for (let page = 0; page < maxPages; page++) {
      const conn = pick(await this.request<D>(`${what} (page ${page + 1})`, query, { ...variables, after }));
      out.push(...conn.nodes);
      if (!conn.pageInfo.hasNextPage) return out;
      after = conn.pageInfo.endCursor;
    }
    this.options.logger.error('shopify: stopped paging, the shop has more', { what, pages: maxPages, items: out.length });
    return out;
  }

  private async checkStatus(what: string, res: Response): Promise<void> {
    if (res.ok) return;
    await res.body?.cancel();
    if (res.status === 429 || res.status >= 500) throw new TransientShopError(`HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')), res.status);
    // 401/403: token wrong or missing a scope; 402/423: shop frozen or locked; 404: wrong store URL or API version.
    const hint = res.status === 401 || res.status === 403 ? '; check the access token and its scopes' : '';
    throw new ShopmateError('SHOP_UNAVAILABLE', `shopify: ${what} refused with HTTP ${res.status}${hint}`, { details: { platform: 'shopify', status: res.status } });
  }

  private unwrap<T>(what: string, body: GraphqlResponse<T>): T {
    const errors = body.errors ?? [];
    if (errors.some((e) => e.extensions?.code === 'THROTTLED')) {
      const cost = body.extensions?.cost;
      this.options.logger.warn('shopify: throttled', { what, requested: cost?.requestedQueryCost, available: cost?.throttleStatus?.currentlyAvailable });
      throw new TransientShopError('throttled (query cost above the available points)', throttleDelayMs(cost));
    }
    if (errors.some((e) => e.extensions?.code === 'INTERNAL_SERVER_ERROR')) throw new TransientShopError(`internal error: ${errors[0]!.message}`);
    if (errors.length > 0 || !body.data) {
      // ACCESS_DENIED (a scope is missing), MAX_COST_EXCEEDED or a query the version does not know: nothing a retry or
      // the customer can fix, and nothing was changed.
      const codes = errors.map((e) => e.extensions?.code).filter(Boolean);
      throw new ShopmateError('SHOP_UNAVAILABLE', `shopify: ${what} failed: ${errors.map((e) => e.message).join('; ') || 'no data'}`, {
        details: { platform: 'shopify', codes },
      });
    }
    return body.data;
  }
}
