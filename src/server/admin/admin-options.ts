import type { ActivityBus } from '../../activity/activity-bus.ts';
import type { OrderBook } from '../../dialogue/order-book.ts';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { httpStatusFor, isShopmateError } from '../../core/errors.ts';
import type { Logger } from '../../core/logger.ts';
import type { Reply } from '../../core/message.ts';
import type { Embed } from '../../feedback/cluster-messages.ts';
import type { KnowledgeBase } from '../../knowledge/knowledge-base.ts';
import type { Store } from '../../store/store.ts';
import type { AdminLearning } from './admin-learning.ts';
import type { CustomerInsights } from './customer-insights.ts';
import type { LoginLimits, LoginThrottle } from './login-throttle.ts';
import type { AdminFlash } from '../../store/types.ts';
import type { AdminSession, SessionStore } from './session-store.ts';

export interface AdminRouterOptions {
  store: Store;
  knowledge: KnowledgeBase;
  /** Intent labels of the serving model (changes after a retrain, hence a function). */
  intents: () => string[];
  learning: AdminLearning;
  /**
   * Embeds messages for clustering the review queue (the server's encoder); without it the queue clusters by a
   * lexical key (see clusterMessages).
   */
  embed?: Embed;
  /** Sends an operator's reply to the customer through the conversation's channel. */
  deliver: (conversationId: string, reply: Reply) => Promise<void>;
  /** Conversation activity the live handoff inbox streams to operators (and publishes operator replies on). */
  activity: ActivityBus;
  /** The shop's orders: a verified order's email is read here for display, so the database never holds it. */
  orders?: Pick<OrderBook, 'get'>;
  logger: Logger;
  /** Adds `Secure` to the cookies; set it whenever the dashboard is served over TLS. */
  secureCookies: boolean;
  now?: () => Date;
  /** Session lifetimes (defaults: 2 h idle, 12 h absolute). */
  session?: { idleMs?: number; maxAgeMs?: number };
  /** Sign-in throttling limits for the default throttle in the store's buckets (defaults: LOGIN_LIMIT_DEFAULTS). */
  loginLimits?: LoginLimits;
  /** Replaces the store-backed throttle; `loginLimits` is then unused. */
  loginThrottle?: LoginThrottle;
}

/** What every route module receives: the options plus the shared session store, login throttle and clock. */
export interface AdminContext extends AdminRouterOptions {
  sessions: SessionStore;
  loginThrottle: LoginThrottle;
  clock: () => Date;
  insights: CustomerInsights;
}

export function sessionOf(req: Request): AdminSession {
  // requireSession ran before every route that calls this.
  return req.adminSession!;
}

/** Only paths inside the dashboard, so a crafted `back`/`next` field cannot redirect off-site. */
export function safeBack(value: unknown, fallback: string): string {
  return typeof value === 'string' && /^\/admin(\/[^\\]*)?$/.test(value) && !value.startsWith('//') ? value : fallback;
}

export const field = (body: unknown, name: string): string => {
  const v = (body as Record<string, unknown> | undefined)?.[name];
  return typeof v === 'string' ? v.trim() : '';
};

/**
 * Wraps a form POST: on success flash the returned message and redirect (303, so reload does not resubmit); a
 * client error (bad label, item already resolved, ...) is shown as a flash on the same page instead of a JSON body.
 */
/** What an action reports: a plain string is a success; a refusal the operator must notice is a `warning`. */
export type FlashResult = string | { kind: 'ok' | 'warning'; text: string };

export function formAction(fallbackBack: string, handler: (req: Request, session: AdminSession) => Promise<FlashResult>): RequestHandler {
  return async (req: Request, res: Response, next: NextFunction) => {
    const session = sessionOf(req);
    const back = safeBack(field(req.body, 'back'), fallbackBack);
    let flash: AdminFlash;
    try {
      const result = await handler(req, session);
      flash = typeof result === 'string' ? { kind: 'ok', text: result } : result;
    } catch (e) {
      if (!isShopmateError(e) || httpStatusFor(e.code) >= 500) return next(e);
      flash = { kind: 'error', text: e.message };
    }
    // Stored before the redirect: the next page may be served by another instance.
    try {
      await req.adminSessions!.setFlash(session, flash);
    } catch (e) {
      return next(e);
    }
    res.redirect(303, back);
  };
}
