import type { Redis } from 'ioredis';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../core/clock.js';
import type { RateLimits } from '../scheduler/scheduler.js';
import type { SharedLimits } from '../scheduler/shared-limits.js';
import { createRedisSharedSlots } from './redis-shared-slots.js';

/**
 * The window a requests-per-minute limit is counted in across processes:
 * whole seconds (Redis expiries are), long enough to hold one burst
 * (`min(concurrent, rpm)` starts, as the local limiter allows), and the
 * starts allowed in it at the steady rate.
 */
export function sharedWindow(limits: RateLimits): { seconds: number; points: number } {
  const burst = Math.max(1, Math.min(limits.concurrent, limits.requests_per_minute));
  const seconds = Math.max(1, Math.ceil((burst * 60) / limits.requests_per_minute));
  return { seconds, points: Math.max(1, Math.floor((limits.requests_per_minute * seconds) / 60)) };
}

/**
 * Shared limits in Redis through rate-limiter-flexible: a fixed window of
 * starts per limiter key, and `block` for 429 cool-downs, so every worker
 * waits out a provider's push-back, not only the one that received it.
 * A burst allowed at the end of one window and another at the start of the
 * next can meet, so any sliding window sees at most twice the per-window
 * starts (spreading starts evenly inside windows would avoid that, but
 * costs the burst a quiet provider should get at once).
 */
export function createRedisSharedLimits(redis: Redis, prefix: string, clock: Clock, logger: Logger): SharedLimits & { close(): void } {
  const slots = createRedisSharedSlots(redis, prefix, clock, logger);
  const limiters = new Map<string, RateLimiterRedis>();
  const limiterFor = (key: string, limits: RateLimits): RateLimiterRedis | undefined => {
    if (!Number.isFinite(limits.requests_per_minute)) return undefined;
    const { seconds, points } = sharedWindow(limits);
    const id = `${key}/${points}/${seconds}`;
    let limiter = limiters.get(id);
    if (!limiter) {
      limiter = new RateLimiterRedis({
        storeClient: redis,
        keyPrefix: `${prefix}:limit:${points}:${seconds}`,
        points,
        duration: seconds,
      });
      limiters.set(id, limiter);
    }
    return limiter;
  };

  return {
    holdSlot: slots.hold,
    close: () => slots.stopRenewing(),
    async acquire(key, limits, signal) {
      const limiter = limiterFor(key, limits);
      if (!limiter) return;
      for (;;) {
        try {
          await limiter.consume(key);
          return;
        } catch (rejection) {
          if (!(rejection instanceof RateLimiterRes)) throw rejection;
          await clock.sleep(Math.max(10, rejection.msBeforeNext), signal);
        }
      }
    },
    async pauseFor(key, limits, ms) {
      const limiter = limiterFor(key, limits);
      if (limiter) await limiter.block(key, Math.max(1, Math.ceil(ms / 1000)));
    },
  };
}
