import { Redis } from 'ioredis';
import type { Logger } from '../logging/logger.js';

/**
 * A Redis connection for one purpose (commands, a subscription, BullMQ).
 * `maxRetriesPerRequest: null` is what BullMQ requires, and suits the
 * pub/sub connections too: a command waits for a reconnect instead of failing.
 */
export function connectRedis(url: string, purpose: string, logger: Logger): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: null, connectionName: `vidcompare-${purpose}` });
  // ioredis reconnects by itself; without a listener an error event would crash the process
  redis.on('error', (error: Error) => logger.warn({ purpose, err: error.message }, 'redis connection error'));
  return redis;
}

/** Closes connections politely, falling back to a hard disconnect when Redis is gone. */
export async function closeRedis(...connections: Redis[]): Promise<void> {
  await Promise.all(
    connections.map(async (redis) => {
      if (redis.status === 'end') return;
      try {
        await redis.quit();
      } catch {
        redis.disconnect();
      }
    }),
  );
}
