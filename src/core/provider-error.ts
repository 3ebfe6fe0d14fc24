/**
 * The one error type providers throw. Retry decisions are taken from
 * `isRetryable` / `retryAfterMs`, never from the message text.
 */
export class ProviderError extends Error {
  readonly provider: string;
  readonly statusCode: number | undefined;
  readonly isRetryable: boolean;
  /** the provider's requested wait (Retry-After header, google.rpc.RetryInfo) */
  readonly retryAfterMs: number | undefined;
  /** for a 429: whose quota ran out, when the provider says (a model's own, or the whole project's) */
  readonly rateLimitScope: 'model' | 'provider' | undefined;

  constructor(
    message: string,
    options: {
      provider: string;
      statusCode?: number;
      isRetryable?: boolean;
      retryAfterMs?: number;
      rateLimitScope?: 'model' | 'provider';
      cause?: unknown;
    },
  ) {
    super(message, { cause: options.cause });
    this.name = 'ProviderError';
    this.provider = options.provider;
    this.statusCode = options.statusCode;
    this.isRetryable = options.isRetryable ?? isRetryableStatus(options.statusCode);
    this.retryAfterMs = options.retryAfterMs;
    this.rateLimitScope = options.rateLimitScope;
  }
}

/** 408, 409, 429 and 5xx are worth another try; other 4xx are not. No status means a network failure: retry. */
export function isRetryableStatus(statusCode: number | undefined): boolean {
  if (statusCode === undefined) return true;
  return statusCode === 408 || statusCode === 409 || statusCode === 429 || statusCode >= 500;
}

/** Thrown when the work was cancelled; never retried. */
export class CancelledError extends Error {
  constructor(message = 'Cancelled') {
    super(message);
    this.name = 'CancelledError';
  }
}

export function isCancellation(error: unknown): boolean {
  return (
    error instanceof CancelledError ||
    (error instanceof Error && (error.name === 'AbortError' || error.name === 'APIUserAbortError'))
  );
}
