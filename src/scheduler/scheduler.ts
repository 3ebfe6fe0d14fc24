import type { AttemptHooks } from './run-attempt.js';

/** Limits of one limiter (a model, or a whole provider). */
export interface RateLimits {
  requests_per_minute: number;
  concurrent: number;
}

export interface RetryPolicy {
  /** attempts including the first; 429s that say when to come back do not count (see below) */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /**
   * A 429 with a retry delay only means "wait your turn": it is waited out
   * apart from `maxAttempts`, up to this many times per call (default 50)...
   */
  maxRateLimitWaits?: number;
  /** ...and this much waiting in all (default 30 min), so nothing waits forever */
  maxRateLimitWaitMs?: number;
}

export interface ScheduledCall {
  /**
   * limiters this call must pass, widest first, e.g. provider then model; each
   * is created on first use. A 429 teaches the first one the rate it admits
   * (a provider-wide quota), or the last one when the error says the quota is
   * the model's own (`ProviderError.rateLimitScope`).
   */
  limiters: { key: string; limits: RateLimits }[];
  /** calls from different jobs take turns at each limiter (round robin by job) */
  jobId: string;
  /** aborting rejects at once with a cancellation and frees the call's places */
  signal: AbortSignal;
  /** told about each failed attempt that will be retried */
  onRetry?: (info: { attempt: number; error: unknown; delayMs: number }) => void;
}

/**
 * Runs provider calls under shared per-model limits with retries.
 * `fn` gets a signal that aborts on cancellation (and per-attempt timeouts),
 * and hooks: it should await `hooks?.beforeRequest()` right before its request
 * (optional, so simple schedulers, e.g. test doubles, may pass none).
 * Rejects with the last error when it is not retryable or attempts run out.
 */
export interface Scheduler {
  run<T>(call: ScheduledCall, fn: (signal: AbortSignal, attempt: number, hooks?: AttemptHooks) => Promise<T>): Promise<{ value: T; attempts: number }>;
}
