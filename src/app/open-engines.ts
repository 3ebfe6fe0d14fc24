import path from 'node:path';
import type { Env } from '../config/env.js';
import { createBullmqDispatcher } from '../distributed/bullmq-dispatcher.js';
import { closeRedis, connectRedis } from '../distributed/redis-connection.js';
import { RedisJobCancellation } from '../distributed/redis-job-cancellation.js';
import { RedisJobEvents } from '../distributed/redis-job-events.js';
import { createRedisExclusiveLock } from '../distributed/redis-exclusive-lock.js';
import { createRedisSharedLimits } from '../distributed/redis-shared-limits.js';
import { createRedisWorkerRegistry, startWorkerHeartbeat } from '../distributed/redis-worker-registry.js';
import { startUnitWorker } from '../distributed/unit-worker.js';
import type { Dispatcher } from '../jobs/dispatcher.js';
import { createInProcessDispatcher } from '../jobs/in-process-dispatcher.js';
import { InProcessJobCancellation, type JobCancellation } from '../jobs/job-cancellation.js';
import { JobEventBus, type JobEvents } from '../jobs/job-events.js';
import type { WorkContext } from '../jobs/work-context.js';
import { createInProcessWorkerRegistry, WorkerCounters, type WorkerRegistry } from '../jobs/worker-registry.js';
import type { Logger } from '../logging/logger.js';
import type { ExclusiveLock } from '../providers/exclusive-lock.js';
import { systemClock } from '../core/clock.js';
import type { SharedLimits } from '../scheduler/shared-limits.js';
import { openPostgresStore } from '../store/postgres-store.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';

/**
 * The engines behind the seams: where state, events, cancellation and work
 * units live. Embedded (the default): SQLite, in-process events, the
 * in-process dispatcher. Distributed: PostgreSQL when
 * VIDCOMPARE_DATABASE_URL is set; BullMQ and Redis pub/sub when
 * VIDCOMPARE_REDIS_URL is set.
 */
export interface Engines {
  readonly mode: 'embedded' | 'distributed';
  store: Store;
  events: JobEvents;
  cancellation: JobCancellation;
  workers: WorkerRegistry;
  /** provider limits shared by every worker (distributed only) */
  sharedLimits?: SharedLimits;
  /** held while a video is uploaded to a provider, so workers upload it once between them (distributed only) */
  uploadLock?: ExclusiveLock;
  /** the dispatcher an API node's job runner hands units to */
  createDispatcher(context: WorkContext): Promise<Dispatcher>;
  /** makes this process a worker (distributed only; the in-process dispatcher is its own worker); returns the stop function */
  startWorker(context: WorkContext, concurrency: number): Promise<() => Promise<void>>;
  /** closes the dispatcher, channels and store */
  close(): Promise<void>;
}

function openStore(env: Env, logger: Logger): Promise<Store> {
  if (env.VIDCOMPARE_DATABASE_URL) {
    return openPostgresStore({ connectionString: env.VIDCOMPARE_DATABASE_URL, schema: env.VIDCOMPARE_DATABASE_SCHEMA, logger });
  }
  return openSqliteStore({ dbPath: path.join(path.resolve(env.VIDCOMPARE_DATA_DIR), 'vidcompare.db'), logger });
}

export async function openEngines(env: Env, logger: Logger): Promise<Engines> {
  const store = await openStore(env, logger);
  const redisUrl = env.VIDCOMPARE_REDIS_URL;
  if (!redisUrl) {
    const counters = new WorkerCounters();
    return {
      mode: 'embedded',
      store,
      events: new JobEventBus(),
      cancellation: new InProcessJobCancellation(),
      workers: createInProcessWorkerRegistry(counters),
      createDispatcher: async (context) => createInProcessDispatcher(context, counters),
      startWorker: async () => async () => undefined,
      close: () => store.close(),
    };
  }

  const prefix = env.VIDCOMPARE_REDIS_PREFIX;
  const [events, cancellation] = await Promise.all([
    RedisJobEvents.open(redisUrl, prefix, logger),
    RedisJobCancellation.open(redisUrl, prefix, logger),
  ]);
  const commands = connectRedis(redisUrl, 'commands', logger);
  const closers: Array<() => Promise<void>> = [];
  const sharedLimits = createRedisSharedLimits(commands, prefix, systemClock, logger);
  return {
    mode: 'distributed',
    store,
    events,
    cancellation,
    workers: createRedisWorkerRegistry(commands, prefix),
    sharedLimits,
    uploadLock: createRedisExclusiveLock(commands, prefix, systemClock),
    async createDispatcher() {
      const dispatcher = await createBullmqDispatcher({ redisUrl, prefix, logger });
      closers.push(() => dispatcher.close());
      return dispatcher;
    },
    async startWorker(context, concurrency) {
      const counters = new WorkerCounters();
      const worker = await startUnitWorker({
        redisUrl,
        prefix,
        concurrency,
        lockDurationMs: env.VIDCOMPARE_WORKER_LOCK_MS,
        context,
        cancellation,
        counters,
      });
      const stopHeartbeat = startWorkerHeartbeat({ redis: commands, prefix, counters, logger });
      return async () => {
        await worker.close();
        await stopHeartbeat();
      };
    },
    async close() {
      for (const close of closers.splice(0)) await close();
      await Promise.allSettled([events.close(), cancellation.close()]);
      sharedLimits.close();
      await closeRedis(commands);
      await store.close();
    },
  };
}
