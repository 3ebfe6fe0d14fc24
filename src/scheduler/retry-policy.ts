import { isCancellation, ProviderError } from '../core/provider-error.js';
import { networkFailure } from '../core/network-errors.js';
import type { RetryPolicy } from './scheduler.js';

/** @throws RangeError when the policy cannot work (no attempt, negative delays) */
export function validateRetryPolicy(policy: RetryPolicy): void {
  if (!Number.isInteger(policy.maxAttempts) || policy.maxAttempts < 1) {
    throw new RangeError(`retry.maxAttempts must be an integer >= 1, got ${policy.maxAttempts}`);
  }
  if (!(policy.baseDelayMs >= 0) || !(policy.maxDelayMs >= 0)) {
    throw new RangeError('retry.baseDelayMs and retry.maxDelayMs must be >= 0');
  }
}

/** The backoff ceiling after failed attempt `attempt` (1-based): `min(maxDelay, base * 2^(attempt-1))`. */
export function backoffCapMs(policy: RetryPolicy, attempt: number): number {
  return Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
}

/**
 * How long to wait after failed attempt `attempt` (1-based). Without a hint
 * from the provider: full jitter, `random() * cap`. When the provider says
 * when to come back (`retryAfterMs`), wait that long plus a little jitter
 * (at most 10%, capped at 1 s): the provider knows when capacity returns, the
 * shared limiter cool-down already stops a stampede, and waiting for the
 * growing exponential cap on top would waste the provider's windows.
 * `random` returns a number in [0, 1), like `Math.random`.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, error: unknown, random: () => number): number {
  const retryAfter = error instanceof ProviderError ? error.retryAfterMs : undefined;
  if (retryAfter !== undefined && retryAfter > 0) return retryAfter + random() * Math.min(retryAfter * 0.1, 1000);
  return random() * backoffCapMs(policy, attempt);
}

/**
 * Turns a connection failure (ECONNRESET, ETIMEDOUT, undici's "fetch failed",
 * ...) into a retryable ProviderError that keeps the original as `cause`;
 * returns every other error unchanged.
 */
export function normaliseError(error: unknown, provider = 'network'): unknown {
  if (error instanceof ProviderError || isCancellation(error)) return error;
  const code = networkFailure(error);
  if (code === undefined) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`Network error (${code}): ${message}`, { provider, isRetryable: true, cause: error });
}

/** Whether a (normalised) error deserves another attempt: only retryable ProviderErrors do. */
export function isRetryableError(error: unknown): boolean {
  if (isCancellation(error)) return false;
  return error instanceof ProviderError && error.isRetryable;
}

/** Whether the provider asked everybody to slow down (429, or an explicit retry delay). */
export function isSlowDownSignal(error: unknown): error is ProviderError {
  return error instanceof ProviderError && (error.statusCode === 429 || error.retryAfterMs !== undefined);
}
