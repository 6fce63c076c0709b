import {
  ConsecutiveBreaker,
  DelegateBackoff,
  ExponentialBackoff,
  TimeoutStrategy,
  circuitBreaker,
  handleWhen,
  isBrokenCircuitError,
  TaskCancelledError,
  retry,
  timeout,
  wrap,
  type IPolicy,
  type IRetryBackoffContext,
} from 'cockatiel';
import { ShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';
import type { Config } from '../config/config.ts';

export type ShopHttpSettings = Config['shop']['http'];

/**
 * A failure worth retrying: network error, timeout, 5xx, 429, or a platform's own throttle signal (Shopify's
 * THROTTLED GraphQL error). `retryAfterMs` is the platform's hint (Retry-After, restore rate) and wins over backoff.
 */
export class TransientShopError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'TransientShopError';
  }
}

/** Retry-After in seconds or as an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** cockatiel 3.2.1's isTaskCancelledError tests for 'isBulkheadRejectedError' and so never matches a timeout. */
const timedOut = (e: unknown): e is TaskCancelledError => e instanceof TaskCancelledError;

const transient = (e: Error) => e instanceof TransientShopError || timedOut(e) || e instanceof TypeError;

/**
 * The one way connectors call a shop platform: every call gets a timeout, transient failures are retried with
 * jittered exponential backoff (or the platform's Retry-After), and a circuit breaker stops calling a platform that
 * keeps failing, so a customer hears "the order system is not reachable" at once instead of after every timeout.
 * Whatever still fails surfaces as SHOP_UNAVAILABLE; a 4xx other than 429 is returned to the caller to interpret.
 */
export class ShopHttp {
  private readonly policy: IPolicy;
  private readonly fetchFn: typeof fetch;

  constructor(
    private readonly options: { platform: string; settings: ShopHttpSettings; logger: Logger; fetch?: typeof fetch },
  ) {
    const { settings } = options;
    this.fetchFn = options.fetch ?? fetch;
    const jitter = new ExponentialBackoff({ initialDelay: settings.backoffMs, maxDelay: settings.backoffMs * 20 });
    const backoff = new DelegateBackoff<IRetryBackoffContext<unknown>, { delays: ReturnType<typeof jitter.next> } | undefined>((ctx, state) => {
      const error = 'error' in ctx.result ? ctx.result.error : undefined;
      const next = state ? state.delays.next(ctx) : jitter.next();
      const hinted = error instanceof TransientShopError ? error.retryAfterMs : undefined;
      // A Retry-After longer than the whole timeout budget is not worth waiting for inside one customer turn.
      const delay = hinted !== undefined ? Math.min(hinted, settings.timeoutMs) : next.duration;
      return { delay, state: { delays: next } };
    });
    const retries = retry(handleWhen(transient), { maxAttempts: settings.retries, backoff });
    retries.onRetry((e) => options.logger.warn('shop call retried', { platform: options.platform, reason: 'error' in e ? e.error.message : 'result' }));
    const breaker = circuitBreaker(handleWhen(transient), {
      halfOpenAfter: settings.breakerCooldownMs,
      breaker: new ConsecutiveBreaker(settings.breakerFailures),
    });
    breaker.onBreak(() => options.logger.error('shop platform unreachable: circuit open', { platform: options.platform }));
    breaker.onReset(() => options.logger.info('shop platform reachable again', { platform: options.platform }));
    this.policy = wrap(retries, breaker, timeout(settings.timeoutMs, TimeoutStrategy.Aggressive));
  }

  /** Runs `call` under the policy; `signal` aborts it at the timeout. */
  async execute<T>(what: string, call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    try {
      return await this.policy.execute(({ signal }) => call(signal));
    } catch (e) {
      if (e instanceof ShopmateError) throw e;
      const why = isBrokenCircuitError(e)
        ? 'it failed repeatedly just before, so we are not calling it for a moment'
        : timedOut(e)
          ? `no answer within ${this.options.settings.timeoutMs} ms`
          : (e as Error).message;
      throw new ShopmateError('SHOP_UNAVAILABLE', `${this.options.platform}: ${what} failed: ${why}`, { cause: e, details: { platform: this.options.platform } });
    }
  }

  /**
   * fetch under the policy. 429 and 5xx are retried (honouring Retry-After); 401/403 mean our credentials are wrong or
   * lack a scope, which the customer cannot fix either, so they are SHOP_UNAVAILABLE too; other responses are returned.
   */
  async fetch(what: string, url: string, init: RequestInit = {}): Promise<Response> {
    return this.execute(what, async (signal) => {
      const res = await this.fetchFn(url, { ...init, signal });
      if (res.status === 429 || res.status >= 500) {
        await res.body?.cancel();
        throw new TransientShopError(`HTTP ${res.status}`, retryAfterMs(res.headers.get('retry-after')), res.status);
      }
      if (res.status === 401 || res.status === 403) {
        await res.body?.cancel();
        throw new ShopmateError('SHOP_UNAVAILABLE', `${this.options.platform}: ${what} refused with HTTP ${res.status}; check the credentials and their permissions`, {
          details: { platform: this.options.platform, status: res.status },
        });
      }
      // The policy aborts `signal` when this call returns, which would break reading the body afterwards: read it here,
      // inside the timeout, and hand back a buffered copy.
      const body = [101, 204, 205, 304].includes(res.status) ? null : await res.arrayBuffer();
      return new Response(body, { status: res.status, statusText: res.statusText, headers: res.headers });
    });
  }
}
