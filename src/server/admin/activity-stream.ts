import { createSession } from 'better-sse';
import type { RequestHandler } from 'express';
import type { ActivityBus } from '../../activity/activity-bus.ts';
import type { Logger } from '../../core/logger.ts';

/** A comment line this often keeps proxies and load balancers from closing an idle stream. */
const KEEP_ALIVE_MS = 20_000;

/**
 * Server-Sent Events: every activity event as an SSE event named after its type, with the event (ids and times, no
 * text) as JSON data. The stream ends when the browser goes away; the subscription ends with it.
 */
export function activityStream(activity: ActivityBus, logger: Logger): RequestHandler {
  return async (req, res) => {
    const session = await createSession(req, res, { keepAlive: KEEP_ALIVE_MS, retry: 3000, headers: { 'X-Accel-Buffering': 'no' } });
    const unsubscribe = activity.subscribe((event) => {
      if (session.isConnected) session.push(event, event.type);
    });
    session.once('disconnected', unsubscribe);
    logger.debug('activity stream opened', { operator: req.adminSession?.username });
  };
}
