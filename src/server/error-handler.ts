import type { ErrorRequestHandler, RequestHandler } from 'express';
import { httpStatusFor, isShopmateError, ShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

/** body-parser reports its failures with a `type`; translate them into our codes so the mapping stays in one place. */
function toShopmateError(err: unknown): ShopmateError {
  if (isShopmateError(err)) return err;
  const type = (err as { type?: string } | null)?.type;
  if (type === 'entity.too.large') return new ShopmateError('PAYLOAD_TOO_LARGE', 'request body is too large', { cause: err });
  if (typeof type === 'string' && (err as { status?: number }).status !== undefined && (err as { status: number }).status < 500) {
    return new ShopmateError('BAD_REQUEST', (err as Error).message, { cause: err });
  }
  return new ShopmateError('INTERNAL', 'internal error', { cause: err });
}

/**
 * The one place where errors become HTTP: status from httpStatusFor, body `{ error: { code, message } }`,
 * Retry-After for rate limits. Internal details stay in the log, never in the response.
 */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const error = toShopmateError(err);
    const status = httpStatusFor(error.code);
    if (status >= 500) {
      logger.error('request failed', { method: req.method, path: req.path, code: error.code, error: (err as Error)?.stack ?? String(err) });
    } else {
      logger.debug('request rejected', { method: req.method, path: req.path, code: error.code, message: error.message });
    }
    const retryAfter = error.details?.retryAfterSeconds;
    if (typeof retryAfter === 'number') res.set('Retry-After', String(retryAfter));
    if (res.headersSent) return void res.end();
    res.status(status).json({ error: { code: error.code, message: error.message } });
  };
}

export function notFoundHandler(): RequestHandler {
  return (req, _res, next) => next(new ShopmateError('NOT_FOUND', `no route for ${req.method} ${req.path}`));
}
