import type { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';
import { describeThisWorker, type WorkerCounters, type WorkerInfo, type WorkerRegistry } from '../jobs/worker-registry.js';

export interface HeartbeatOptions {
  redis: Redis;
  prefix: string;
  counters: WorkerCounters;
  logger: Logger;
  /** how often the heartbeat is written (default 1000 ms); an entry lives 5 beats */
  intervalMs?: number;
}

const workerKeyPattern = (prefix: string) => `${prefix}:worker:*`;

/**
 * Writes this worker's entry to Redis every beat with an expiry, so a worker
 * that dies (even by SIGKILL) drops out of the list within a few beats.
 * Returns the function that stops the heartbeat and removes the entry.
 */
export function startWorkerHeartbeat(options: HeartbeatOptions): () => Promise<void> {
  const intervalMs = options.intervalMs ?? 1000;
  const startedAt = new Date();
  const info = () => describeThisWorker(startedAt, options.counters);
  const key = `${options.prefix}:worker:${info().id}`;
  const beat = () =>
    options.redis.set(key, JSON.stringify(info()), 'PX', intervalMs * 5).catch((error: Error) =>
      options.logger.warn({ err: error.message }, 'worker heartbeat failed'),
    );
  void beat();
  const timer = setInterval(beat, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await options.redis.del(key).catch(() => undefined);
  };
}

/** Lists the workers whose heartbeat has not expired. */
export function createRedisWorkerRegistry(redis: Redis, prefix: string): WorkerRegistry {
  return {
    async list(): Promise<WorkerInfo[]> {
      const keys: string[] = [];
      let cursor = '0';
      do {
        const [next, found] = await redis.scan(cursor, 'MATCH', workerKeyPattern(prefix), 'COUNT', 200);
        cursor = next;
        keys.push(...found);
      } while (cursor !== '0');
      if (keys.length === 0) return [];
      const values = await redis.mget(...keys);
      return values
        .filter((value): value is string => value !== null)
        .map((value) => JSON.parse(value) as WorkerInfo)
        .sort((a, b) => a.started_at.localeCompare(b.started_at) || a.id.localeCompare(b.id));
    },
  };
}
