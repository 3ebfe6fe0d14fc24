export type { RateLimits, RetryPolicy, ScheduledCall, Scheduler } from './scheduler.js';
export { createScheduler, type LocalScheduler, type SchedulerOptions } from './create-scheduler.js';
export { ManualClock, systemClock, type Clock } from '../core/clock.js';
export { RateLimiter, type LimiterStats, type Permit } from './rate-limiter.js';
export { FairQueue } from './fair-queue.js';
export {
  backoffCapMs,
  isRetryableError,
  isSlowDownSignal,
  normaliseError,
  retryDelayMs,
  validateRetryPolicy,
} from './retry-policy.js';
export { AttemptTimeoutError, attemptsOf, withAttempts } from './scheduler-errors.js';
export { AdaptiveRate, type AdaptiveRateOptions } from './adaptive-rate.js';
export type { AttemptHooks } from './run-attempt.js';
