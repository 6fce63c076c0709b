/**
 * Errors that cross a module boundary carry a stable code, so that the CLI, HTTP layer and logs can map them
 * without parsing messages. HTTP mapping lives in one place (httpStatusFor) so every route agrees.
 */
export type ErrorCode =
  | 'CONFIG_INVALID'
  | 'MODEL_INTEGRITY'
  | 'MODEL_NOT_FOUND'
  | 'ARTIFACT_INVALID'
  | 'ENCODER_INPUT'
  | 'TRAINING_DATA_INVALID'
  | 'EVAL_INPUT_INVALID'
  | 'KNOWLEDGE_INVALID'
  | 'NOT_FOUND'
  | 'BAD_REQUEST'
  | 'UNAUTHORIZED'
  | 'PAYLOAD_TOO_LARGE'
  | 'RATE_LIMITED'
  | 'CONFLICT'
  /** A part of the service is not running (yet or any more), e.g. a channel during shutdown: retry later. */
  | 'UNAVAILABLE'
  /** An encoder worker thread died (crash, out of memory) while embedding; it is replaced, the call may be retried. */
  | 'ENCODER_WORKER_EXITED'
  /** The shop's platform (Shopify, WooCommerce) did not answer, failed or refused us: nothing was changed there. */
  | 'SHOP_UNAVAILABLE'
  /** A write reached the database but could not be flushed to disk (fsync failed): it must not be acknowledged. */
  | 'STORE_NOT_DURABLE'
  | 'INTERNAL';

export class ShopmateError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: { details?: Record<string, unknown>; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ShopmateError';
    this.code = code;
    this.details = options.details;
  }
}

const HTTP_STATUS: Record<ErrorCode, number> = {
  CONFIG_INVALID: 500,
  MODEL_INTEGRITY: 500,
  MODEL_NOT_FOUND: 503,
  ARTIFACT_INVALID: 500,
  ENCODER_INPUT: 400,
  TRAINING_DATA_INVALID: 400,
  EVAL_INPUT_INVALID: 400,
  KNOWLEDGE_INVALID: 400,
  NOT_FOUND: 404,
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  CONFLICT: 409,
  UNAVAILABLE: 503,
  ENCODER_WORKER_EXITED: 503,
  SHOP_UNAVAILABLE: 502,
  STORE_NOT_DURABLE: 503,
  INTERNAL: 500,
};

export function httpStatusFor(code: ErrorCode): number {
  return HTTP_STATUS[code];
}

export function isShopmateError(e: unknown): e is ShopmateError {
  return e instanceof ShopmateError;
}
