import type { ErrorRequestHandler, RequestHandler } from 'express';
import { httpStatusFor, isShopmateError, ShopmateError } from '../core/errors.ts';
import type { Logger } from '../core/logger.ts';

/** body-parser reports its failures with a `type`; translate them into our codes so the mapping stays in one place. */
function toShopmateError(err: unknown): ShopmateError {
  if (isShopmateError(err)) return err;
  const e = (err ?? {}) as { type?: string; status?: number; statusCode?: number; code?: string; errno?: number };
  if (e.type === 'entity.too.large') return new ShopmateError('PAYLOAD_TOO_LARGE', 'request body is too large', { cause: err });
  // Any client error express or body-parser raise ("Failed to decode param '%ZZ'", an unsupported encoding).
  const status = e.status ?? e.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return new ShopmateError('BAD_REQUEST', (err as Error).message, { cause: err });
  // A body that is not the gzip or deflate it claims to be: zlib's data errors are the client's.
  if (typeof e.code === 'string' && /^Z_(DATA|BUF)_ERROR$/.test(e.code)) return new ShopmateError('BAD_REQUEST', 'request body does not match its Content-Encoding', { cause: err });
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
