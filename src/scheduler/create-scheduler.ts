import { silentLogger, type Logger } from '../logging/logger.js';
import { CancelledError, isCancellation, ProviderError } from '../core/provider-error.js';
import type { AdaptiveRateOptions } from './adaptive-rate.js';
import { systemClock, type Clock } from '../core/clock.js';
import { RateLimiter, type LimiterStats, type Permit } from './rate-limiter.js';
import {
  backoffCapMs,
  isRetryableError,
  isSlowDownSignal,
  normaliseError,
  retryDelayMs,
  validateRetryPolicy,
} from './retry-policy.js';
import { runAttempt, type AttemptHooks } from './run-attempt.js';
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
  /** how limiters learn rates from 429s (see AdaptiveRate); `false` for fixed limits only */
  adaptive?: AdaptiveRateOptions | false;
}

const DEFAULT_MAX_RATE_LIMIT_WAITS = 50;
const DEFAULT_MAX_RATE_LIMIT_WAIT_MS = 30 * 60_000;

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
 * A 429 is about the limiter whose quota ran out (the first, a provider's,
 * unless the error says the quota is the model's own: then the last). An
 * adaptive limiter learns from it the rate the provider admits and holds
 * and paces its starts itself (see AdaptiveRate): the refused call queues
 * again at once and takes its turn, so no call sleeps through capacity the
 * provider has again. A fixed limiter is paused for the provider's delay, and
 * the call waits that long. Another slow-down signal (e.g. a 503 with a delay)
 * pauses every limiter of the call. The pause and the lesson are in place
 * before the failed attempt's places are released.
 *
 * A 429 that says when to come back does not use up `maxAttempts`, which are
 * meant for real failures; `maxRateLimitWaits` and `maxRateLimitWaitMs`
 * (counted from the call's first 429) bound those waits.
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
  const adaptive = options.adaptive === false ? undefined : (options.adaptive ?? {});
  const maxRateLimitWaits = policy.maxRateLimitWaits ?? DEFAULT_MAX_RATE_LIMIT_WAITS;
  const maxRateLimitWaitMs = policy.maxRateLimitWaitMs ?? DEFAULT_MAX_RATE_LIMIT_WAIT_MS;
  const limiters = new Map<string, RateLimiter>();

  const limiterFor = (key: string, limits: ScheduledCall['limiters'][number]['limits']): RateLimiter => {
    let limiter = limiters.get(key);
    if (!limiter) {
      limiter = new RateLimiter(key, limits, clock, { adaptive });
      limiters.set(key, limiter);
    }
    return limiter;
  };

  /** Which of the call's limiters a 429 is about: the model's own quota (last) or the shared one (first). */
  const rateLimitTarget = (call: ScheduledCall, error: ProviderError): number =>
    error.rateLimitScope === 'model' ? call.limiters.length - 1 : 0;

  /** The limiter a 429 is about when it learns from it and holds the next starts itself (see AdaptiveRate). */
  const pacingLimiter = (call: ScheduledCall, error: ProviderError): RateLimiter | undefined => {
    const target = call.limiters[rateLimitTarget(call, error)];
    const limiter = target && limiters.get(target.key);
    return limiter?.isAdaptive ? limiter : undefined;
  };

  /** Pauses (and, for a 429, teaches) the limiters a slow-down signal is about, before the attempt's places are freed. */
  function slowDown(call: ScheduledCall, permits: Permit[], error: unknown, unhintedFailures: number): void {
    if (!isSlowDownSignal(error) || call.limiters.length === 0) return;
    const cooldownMs = error.retryAfterMs ?? backoffCapMs(policy, unhintedFailures + 1);
    if (error.statusCode !== 429) {
      for (const { key, limits } of call.limiters) {
        limiterFor(key, limits).pauseFor(cooldownMs);
        shareCooldown(key, limits, cooldownMs);
      }
      return;
    }
    const target = rateLimitTarget(call, error);
    const { key, limits } = call.limiters[target]!;
    const heldMs = permits[target]?.rateLimited(error.retryAfterMs);
    if (heldMs === undefined) limiterFor(key, limits).pauseFor(cooldownMs);
    // other workers hold back only when this one holds for the provider's delay, not for a step back in pace
    if (heldMs === undefined || heldMs >= cooldownMs) shareCooldown(key, limits, cooldownMs);
  }

  /** Other workers (distributed mode) pause too; their own limiters learn from the 429s they get. */
  function shareCooldown(key: string, limits: ScheduledCall['limiters'][number]['limits'], cooldownMs: number): void {
    options.shared?.pauseFor(key, limits, cooldownMs).catch((pauseError: Error) =>
      logger.warn({ key, err: pauseError.message }, 'could not share a cool-down with the other workers'),
    );
  }

  async function attemptOnce<T>(
    call: ScheduledCall,
    fn: (signal: AbortSignal, attempt: number, hooks: AttemptHooks) => Promise<T>,
    attempt: number,
    unhintedFailures: number,
  ): Promise<T> {
    const permits: Permit[] = [];
    const sharedSlots: Array<() => Promise<void>> = [];
    try {
      for (const { key, limits } of call.limiters) {
        permits.push(await limiterFor(key, limits).acquire(call.jobId, call.signal));
      }
      // places across processes, taken in the limiters' order like the local ones (no cycle), then the shared start
      const { shared } = options;
      for (const { key, limits } of shared?.holdSlot ? call.limiters : []) sharedSlots.push(await shared!.holdSlot!(key, limits, call.signal));
      for (const { key, limits } of shared ? call.limiters : []) await shared!.acquire(key, limits, call.signal);
      try {
        const beforeRequest = async (signal: AbortSignal) => {
          for (const permit of permits) await permit.beforeRequest(signal);
        };
        return await runAttempt(fn, attempt, { clock, logger, callSignal: call.signal, timeoutMs: options.attemptTimeoutMs, beforeRequest });
      } catch (caught) {
        const error = normaliseError(caught);
        if (!call.signal.aborted) slowDown(call, permits, error, unhintedFailures);
        throw error;
      }
    } finally {
      for (const permit of permits) permit.release();
      for (const release of sharedSlots) {
        // the lease expires by itself: a failed release only delays the place
        release().catch((releaseError: Error) => logger.warn({ err: releaseError.message }, 'could not release a shared concurrency place'));
      }
    }
  }

  async function run<T>(
    call: ScheduledCall,
    fn: (signal: AbortSignal, attempt: number, hooks: AttemptHooks) => Promise<T>,
  ): Promise<{ value: T; attempts: number }> {
    // failures the provider gave no retry delay for: only these grow the exponential backoff,
    // so a call that waited out several 429s does not then sleep for a huge jittered cap after one 503
    let unhintedFailures = 0;
    // failures that use up maxAttempts, and 429s that only said when to come back
    let failures = 0;
    let rateLimitWaits = 0;
    let firstRateLimitAt: number | undefined;
    for (let attempt = 1; ; attempt++) {
      let error: unknown;
      try {
        return { value: await attemptOnce(call, fn, attempt, unhintedFailures), attempts: attempt };
      } catch (caught) {
        error = normaliseError(caught);
      }
      if (call.signal.aborted) throw withAttempts(isCancellation(error) ? error : new CancelledError(), attempt);

      const hinted = error instanceof ProviderError && error.retryAfterMs !== undefined;
      if (!hinted) unhintedFailures++;
      if (!isRetryableError(error)) throw withAttempts(error, attempt);
      const rateLimited = hinted && (error as ProviderError).statusCode === 429;
      // an adaptive limiter holds and paces the call's next start itself: queue again at once and take a turn,
      // and say how long that limiter holds starts back
      const pacing = rateLimited ? pacingLimiter(call, error as ProviderError) : undefined;
      const sleepMs = pacing ? 0 : retryDelayMs(policy, Math.max(1, unhintedFailures), error, random);
      const delayMs = pacing ? pacing.heldForMs() : sleepMs;
      if (rateLimited) {
        rateLimitWaits++;
        firstRateLimitAt ??= clock.now();
        if (rateLimitWaits > maxRateLimitWaits || clock.now() + delayMs - firstRateLimitAt > maxRateLimitWaitMs) throw withAttempts(error, attempt);
      } else if (++failures >= policy.maxAttempts) {
        throw withAttempts(error, attempt);
      }

      notifyRetry(call, { attempt, error, delayMs });
      try {
        await clock.sleep(sleepMs, call.signal);
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
