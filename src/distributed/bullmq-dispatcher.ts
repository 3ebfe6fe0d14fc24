import { Queue, QueueEvents } from 'bullmq';
import type { Dispatcher, WorkUnit } from '../jobs/dispatcher.js';
import type { Logger } from '../logging/logger.js';
import { throwIfAborted, untilAborted } from '../core/abort.js';
import { connectRedis } from './redis-connection.js';
import { keepFinishedUnits, unitJobId, unitQueueName } from './unit-queue.js';

export interface BullmqDispatcherOptions {
  redisUrl: string;
  /** Redis key prefix of the queue (tests use one per run) */
  prefix: string;
  logger: Logger;
}

/** A dispatcher that can be closed (it holds Redis connections). */
export interface ClosableDispatcher extends Dispatcher {
  close(): Promise<void>;
}

/**
 * Hands work units to workers through one BullMQ queue. The BullMQ job id is
 * the unit's identity, so dispatching a unit again (a restarted API node
 * resuming its jobs) attaches to the unit already queued, running or
 * recently finished instead of enqueueing it twice. Resolves when a worker
 * has stored the unit's outcome.
 *
 * Aborting the signal stops waiting only; the job's cancellation reaches the
 * workers separately (JobCancellation), and a unit of a finished job is
 * skipped by the worker that picks it up.
 */
export async function createBullmqDispatcher(options: BullmqDispatcherOptions): Promise<ClosableDispatcher> {
  const queue = new Queue(unitQueueName, { connection: connectRedis(options.redisUrl, 'queue', options.logger), prefix: options.prefix });
  const queueEvents = new QueueEvents(unitQueueName, {
    connection: connectRedis(options.redisUrl, 'queue-events', options.logger),
    prefix: options.prefix,
  });
  await Promise.all([queue.waitUntilReady(), queueEvents.waitUntilReady()]);

  return {
    async dispatch(unit: WorkUnit, signal: AbortSignal): Promise<void> {
      throwIfAborted(signal);
      const job = await queue.add(unit.kind, unit, {
        jobId: unitJobId(unit),
        removeOnComplete: keepFinishedUnits,
        removeOnFail: keepFinishedUnits,
      });
      // a unit that failed before (e.g. its worker died too often) is tried again when its job resumes
      if ((await job.getState()) === 'failed') await job.retry('failed');
      await untilAborted(job.waitUntilFinished(queueEvents), signal);
    },
    async close() {
      await Promise.allSettled([queueEvents.close(), queue.close()]);
    },
  };
}
