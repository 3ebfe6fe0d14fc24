import { ProviderError } from '../core/provider-error.js';

/**
 * An attempt ran longer than the scheduler's `attemptTimeoutMs`: its signal
 * was aborted and the attempt counts as a retryable failure.
 */
export class AttemptTimeoutError extends ProviderError {
  readonly timeoutMs: number;

  constructor(timeoutMs: number) {
    super(`Provider call timed out after ${formatLimit(timeoutMs)}`, { provider: 'scheduler', isRetryable: true });
    this.name = 'AttemptTimeoutError';
    this.timeoutMs = timeoutMs;
  }
}

function formatLimit(ms: number): string {
  return ms >= 1000 ? `${Number((ms / 1000).toFixed(1))} s` : `${ms} ms`;
}

/**
 * Records on the error how many attempts were made (as an `attempts`
 * property), so the caller of `Scheduler.run` can learn it from a rejection.
 * Non-object errors and frozen errors are returned unchanged.
 */
export function withAttempts<E>(error: E, attempts: number): E {
  if (typeof error === 'object' && error !== null && Object.isExtensible(error)) {
    Object.defineProperty(error, 'attempts', { value: attempts, enumerable: true, configurable: true, writable: true });
  }
  return error;
}

/** The attempt count recorded by `withAttempts`, or undefined. */
export function attemptsOf(error: unknown): number | undefined {
  const attempts = (error as { attempts?: unknown } | null | undefined)?.attempts;
  return typeof attempts === 'number' ? attempts : undefined;
}
