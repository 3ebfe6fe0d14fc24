import { silentLogger, type Logger } from '../logging/logger.js';
import { CancelledError, isCancellation, ProviderError } from '../providers/provider-error.js';
import { systemClock, type Clock } from './clock.js';
import { RateLimiter, type LimiterStats, type Permit } from './rate-limiter.js';
import {
  backoffCapMs,
  isRetryableError,
  isSlowDownSignal,
  normaliseError,
  retryDelayMs,
  validateRetryPolicy,
} from './retry-policy.js';
import { runAttempt } from './run-attempt.js';
import { withAttempts } from './scheduler-errors.js';
import type { RetryPolicy, ScheduledCall, Scheduler } from './scheduler.js';
import type { SharedLimits } from './shared-limits.js';

export interface SchedulerOptions {
  retry: RetryPolicy;
  /** defaults to real time */
  clock?: Clock;
  /** a number in [0, 1) for backoff jitter; defaults to Math.random */
  random?: () => number;
  logger?: Logger;
  /** aborts an attempt that runs longer than this and retries it; no limit when unset */
  attemptTimeoutMs?: number;
  /** limits shared with other processes (distributed workers), passed after this process's own limiters */
  shared?: SharedLimits;
}

/** The scheduler, plus a view of its limiters for monitoring. */
export interface LocalScheduler extends Scheduler {
  limiterStats(): LimiterStats[];
}

/**
 * The in-process scheduler. Each attempt of a call waits for a place at
 * every limiter in `call.limiters`, in the order listed (list them in the
 * same order everywhere, e.g. provider before model, so calls cannot hold
 * places in a cycle), runs `fn`, releases its places, and on a retryable
 * failure waits (full-jitter backoff, at least the provider's retry delay)
 * before queuing again.
 *
 * A 429 or a provider retry delay also pauses every limiter of that call for
 * that delay (or the backoff ceiling when the provider gave none), so all
 * jobs sharing the limiter slow down together.
 *
 * Rejections carry an `attempts` property with the number of attempts made
 * (see `attemptsOf`); cancellation always rejects with a CancelledError.
 * A network failure is rejected as the retryable ProviderError it was
 * converted to, with the original error as `cause`.
 */
export function createScheduler(options: SchedulerOptions): LocalScheduler {
  validateRetryPolicy(options.retry);
  const policy = options.retry;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? Math.random;
  const logger = options.logger ?? silentLogger();
  const limiters = new Map<string, RateLimiter>();

  const limiterFor = (key: string, limits: ScheduledCall['limiters'][number]['limits']): RateLimiter => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(key, limits, clock);
      limiters.set(key, limiter);
    }
    return limiter;
  };

  async function attemptOnce<T>(
    call: ScheduledCall,
    fn: (signal: AbortSignal, attempt: number) => Promise<T>,
    attempt: number,
  ): Promise<T> {
    const permits: Permit[] = [];
    try {
      for (const { key, limits } of call.limiters) {
        permits.push(await limiterFor(key, limits).acquire(call.jobId, call.signal));
      }
      for (const { key, limits } of options.shared ? call.limiters : []) await options.shared!.acquire(key, limits, call.signal);
      return await runAttempt(fn, attempt, { clock, logger, callSignal: call.signal, timeoutMs: options.attemptTimeoutMs });
    } finally {
      for (const permit of permits) permit.release();
    }
  }

  async function run<T>(
    call: ScheduledCall,
    fn: (signal: AbortSignal, attempt: number) => Promise<T>,
  ): Promise<{ value: T; attempts: number }> {
    // failures the provider gave no retry delay for: only these grow the exponential backoff,
    // so a call that waited out several 429s does not then sleep for a huge jittered cap after one 503
    let unhintedFailures = 0;
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      try {
        return { value: await attemptOnce(call, fn, attempt), attempts: attempt };
      } catch (caught) {
        error = normaliseError(caught);
      }
      if (call.signal.aborted) throw withAttempts(isCancellation(error) ? error : new CancelledError(), attempt);

      const hinted = error instanceof ProviderError && error.retryAfterMs !== undefined;
      if (!hinted) unhintedFailures++;
      if (isSlowDownSignal(error)) {
        const cooldownMs = error.retryAfterMs ?? backoffCapMs(policy, unhintedFailures);
        for (const { key, limits } of call.limiters) {
          limiterFor(key, limits).pauseFor(cooldownMs);
          options.shared?.pauseFor(key, limits, cooldownMs).catch((pauseError: Error) =>
            logger.warn({ key, err: pauseError.message }, 'could not share a cool-down with the other workers'),
          );
        }
      }
      if (!isRetryableError(error) || attempt >= policy.maxAttempts) throw withAttempts(error, attempt);

      const delayMs = retryDelayMs(policy, Math.max(1, unhintedFailures), error, random);
      notifyRetry(call, { attempt, error, delayMs });
      try {
        await clock.sleep(delayMs, call.signal);
      } catch (cancelled) {
        throw withAttempts(cancelled, attempt);
      }
    }
  }

  function notifyRetry(call: ScheduledCall, info: { attempt: number; error: unknown; delayMs: number }): void {
    logger.debug({ job_id: call.jobId, attempt: info.attempt, delay_ms: Math.round(info.delayMs) }, 'retrying scheduled call');
    try {
      call.onRetry?.(info);
    } catch (callbackError) {
      logger.warn({ job_id: call.jobId, err: callbackError instanceof Error ? callbackError.message : String(callbackError) }, 'onRetry callback threw');
    }
  }

  return {
    run,
    limiterStats: () => [...limiters.values()].map((limiter) => limiter.stats()),
  };
}
