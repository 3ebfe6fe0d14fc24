/** Limits of one limiter (a model, or a whole provider). */
export interface RateLimits {
  requests_per_minute: number;
  concurrent: number;
}

export interface RetryPolicy {
  /** total attempts including the first */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export interface ScheduledCall {
  /** limiters this call must pass, e.g. ['model:gemini-2.5-pro']; each is created on first use */
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
 * `fn` gets a signal that aborts on cancellation (and per-attempt timeouts).
 * Rejects with the last error when it is not retryable or attempts run out.
 */
export interface Scheduler {
  run<T>(call: ScheduledCall, fn: (signal: AbortSignal, attempt: number) => Promise<T>): Promise<{ value: T; attempts: number }>;
}
