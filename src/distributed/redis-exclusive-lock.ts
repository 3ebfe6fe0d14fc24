import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { ExclusiveLock } from '../providers/exclusive-lock.js';
import type { Clock } from '../core/clock.js';

export interface RedisLockOptions {
  /** a holder that dies frees the lock after this long (default 15 min: longer than an upload and its processing) */
  leaseMs?: number;
  /** wait between attempts to take a held lock (default 250 ms) */
  retryMs?: number;
}

/**
 * A lease in Redis (`SET key token NX PX lease`): one holder at a time, freed
 * on release or when the holder dies and the lease runs out. Release deletes
 * the key only while it still holds this holder's token (checked, then
 * deleted: no script needed for a lease this long).
 */
export function createRedisExclusiveLock(redis: Redis, prefix: string, clock: Clock, options: RedisLockOptions = {}): ExclusiveLock {
  const leaseMs = options.leaseMs ?? 15 * 60_000;
  const retryMs = options.retryMs ?? 250;
  return {
    async run(key, signal, work) {
      const lockKey = `${prefix}:lock:${key}`;
      const token = randomUUID();
      while ((await redis.set(lockKey, token, 'PX', leaseMs, 'NX')) !== 'OK') await clock.sleep(retryMs, signal);
      try {
        return await work();
      } finally {
        // the key can change hands between GET and DEL only if the lease ran out in that instant: minutes after the work began
        if ((await redis.get(lockKey)) === token) await redis.del(lockKey);
      }
    },
  };
}
