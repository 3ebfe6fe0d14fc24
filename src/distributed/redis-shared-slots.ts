import type { Redis } from 'ioredis';
import { Semaphore } from 'redis-semaphore';
import type { Logger } from '../logging/logger.js';
import type { Clock } from '../core/clock.js';
import type { RateLimits } from '../scheduler/scheduler.js';

/** how long a place stays held without renewal: a SIGKILLed worker's places come back after this */
const LEASE_MS = 10_000;
/** renewal period of a held place, well inside the lease */
const RENEW_MS = 3_000;
/** how often a waiting call tries again for a free place */
const RETRY_MS = 50;

export interface SharedSlots {
  /** waits for a place at `key` (one of `limits.concurrent`) and returns its release */
  hold(key: string, limits: RateLimits, signal: AbortSignal): Promise<() => Promise<void>>;
  /** stops renewing the places still held (before the Redis connection closes; their leases then expire) */
  stopRenewing(): void;
}

/**
 * Places for calls in flight at one limiter key, counted across every
 * process: a Redis semaphore (redis-semaphore) of `limits.concurrent`
 * places, each a lease renewed while the call runs.
 */
export function createRedisSharedSlots(
  redis: Redis,
  prefix: string,
  clock: Clock,
  logger: Logger,
  lease: { leaseMs: number; renewMs: number } = { leaseMs: LEASE_MS, renewMs: RENEW_MS },
): SharedSlots {
  const held = new Set<Semaphore>();
  async function hold(key: string, limits: RateLimits, signal: AbortSignal): Promise<() => Promise<void>> {
    if (!Number.isFinite(limits.concurrent)) return async () => undefined;
    const slot = new Semaphore(redis, `${prefix}:slots:${key}`, limits.concurrent, {
      lockTimeout: lease.leaseMs,
      refreshInterval: lease.renewMs,
      // one try per call of tryAcquire: waiting is done here, where the call's signal is honoured
      acquireAttemptsLimit: 1,
      retryInterval: RETRY_MS,
      // a renewal that came too late (a stalled process): the call goes on; the place may be taken meanwhile
      onLockLost: (error) => logger.warn({ key, err: error.message }, 'a shared concurrency place expired before its call ended'),
    });
    while (!(await slot.tryAcquire())) await clock.sleep(RETRY_MS, signal);
    held.add(slot);
    return async () => {
      held.delete(slot);
      await slot.release();
    };
  }
  return {
    hold,
    stopRenewing() {
      for (const slot of held) slot.stopRefresh();
      held.clear();
    },
  };
}
