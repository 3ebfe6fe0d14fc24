import type { Logger } from '../logging/logger.js';
import { systemClock, type Clock } from '../core/clock.js';
import { isTransientStorageError } from '../store/storage-failures.js';

/** Runs a store write, retrying it with backoff while it fails for a reason that may pass (full disk, busy database). */
export type StoreWriteRetry = <T>(what: string, write: () => Promise<T>) => Promise<T>;

export interface StoreWriteRetryOptions {
  logger: Logger;
  /** total attempts including the first (default 8) */
  attempts?: number;
  /** first delay; it doubles after each failure (default 500 ms) */
  baseDelayMs?: number;
  /** longest single delay (default 30 s) */
  maxDelayMs?: number;
  clock?: Pick<Clock, 'sleep'>;
}

/**
 * Job writes (status changes, answers, evaluations) must not be lost to a
 * disk that is full for a minute: they are retried with exponential backoff
 * (about 1 min in all with the defaults). Other errors, and the last
 * transient one, are rethrown: the job then stays unfinished in the store
 * and resumes at the next start.
 */
export function createStoreWriteRetry(options: StoreWriteRetryOptions): StoreWriteRetry {
  const { logger, attempts = 8, baseDelayMs = 500, maxDelayMs = 30_000, clock = systemClock } = options;
  return async function retryWrite<T>(what: string, write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (!isTransientStorageError(error) || attempt >= attempts) throw error;
        const delayMs = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
        logger.warn({ attempt, delay_ms: delayMs, err: error instanceof Error ? error.message : String(error) }, `could not ${what}; retrying`);
        await clock.sleep(delayMs);
      }
    }
  };
}
