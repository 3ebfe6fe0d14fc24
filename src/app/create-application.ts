import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ArenaService } from '../arena/arena-service.js';
import type { Env } from '../config/env.js';
import { resolveJudgeModel } from '../evaluation/resolve-judge-model.js';
import type { JobEvents } from '../jobs/job-events.js';
import { JobService } from '../jobs/job-service.js';
import { createLogger, type Logger } from '../logging/logger.js';
import type { VideoProvider } from '../providers/provider.js';
import { RatingsService } from '../ratings/ratings-service.js';
import { buildApp } from '../server/build-app.js';
import type { Store } from '../store/store.js';
import type { BlobStore } from '../videos/blob-store.js';
import type { VideoLibrary } from '../videos/video-library.js';
import { createWorkContext } from './create-work-context.js';
import { openEngines } from './open-engines.js';

export interface Application {
  app: FastifyInstance;
  jobs: JobService;
  store: Store;
  library: VideoLibrary;
  events: JobEvents;
  logger: Logger;
  /** starts listening and resumes unfinished jobs; returns the base URL */
  start(): Promise<string>;
  /** stops accepting requests, stops jobs without cancelling them (they resume next start), closes the store */
  close(): Promise<void>;
}

export interface ApplicationOptions {
  logger?: Logger;
  /** extra or replacement provider adapters (tests, plug-ins) */
  providers?: VideoProvider[];
  now?: () => number;
  /** false: an API node only (`serve --no-worker`), work units run on `vidcompare worker` processes */
  runWorker?: boolean;
  /** units this process runs at once when it is also a distributed worker (default 16) */
  workerConcurrency?: number;
  /** wraps the store (tests put faults at this seam, e.g. a full disk) */
  decorateStore?: (store: Store) => Store;
  /** wraps the blob store that holds the video bytes */
  decorateBlobs?: (blobs: BlobStore) => BlobStore;
}

const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** The composition root: builds every part from validated configuration. */
export async function createApplication(env: Env, options: ApplicationOptions = {}): Promise<Application> {
  const logger = options.logger ?? createLogger(env.VIDCOMPARE_LOG_LEVEL);
  const now = options.now ?? Date.now;
  const dataDir = path.resolve(env.VIDCOMPARE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  const engines = await openEngines(env, logger);
  const runWorker = options.runWorker ?? true;
  if (!runWorker && engines.mode === 'embedded') {
    await engines.close();
    throw new Error('--no-worker needs VIDCOMPARE_REDIS_URL: without a queue, this process is the only worker');
  }
  const { events } = engines;
  const store = options.decorateStore?.(engines.store) ?? engines.store;
  const { context, catalogue, providers, library, maxUploadBytes, spaceReserve, retryWrite, textReader, discovery } = createWorkContext(env, {
    store,
    events,
    logger,
    now,
    extraProviders: options.providers,
    sharedLimits: engines.sharedLimits,
    uploadLock: engines.uploadLock,
    decorateBlobs: options.decorateBlobs,
  });
  const jobs = new JobService({
    store,
    dispatcher: await engines.createDispatcher(context),
    events,
    catalogue,
    logger,
    now,
    cancellation: engines.cancellation,
    retryWrite,
    spaceReserve,
  });
  const defaultJudge = () =>
    resolveJudgeModel(undefined, { configured: env.VIDCOMPARE_JUDGE_MODEL, catalogue, isAvailable: (id) => providers.isAvailable(id) });

  const app = await buildApp({
    logger,
    jobs,
    events,
    providers,
    discovery,
    library,
    limits: { maxCombinations: env.VIDCOMPARE_MAX_COMBINATIONS, maxPromptChars: env.VIDCOMPARE_MAX_PROMPT_CHARS, configuredJudge: env.VIDCOMPARE_JUDGE_MODEL },
    maxUploadBytes,
    token: env.VIDCOMPARE_TOKEN,
    corsOrigins: env.VIDCOMPARE_CORS_ORIGINS,
    allowedHosts: env.VIDCOMPARE_ALLOWED_HOSTS,
    webRoot: defaultWebRoot,
    defaultJudge,
    isVideoInUse: async (id) => (await store.countUnfinishedJobsUsingVideo(id)) > 0,
    workers: engines.workers,
    arena: new ArenaService({ store, catalogue, now }),
    ratings: new RatingsService({ store, catalogue }),
  });
  let stopWorker: (() => Promise<void>) | undefined;

  return {
    app,
    jobs,
    store,
    library,
    events,
    logger,
    async start() {
      await library.sweepInterruptedUploads();
      await spaceReserve.ensure();
      const address = await app.listen({ host: env.HOST, port: env.PORT });
      // not awaited: the server answers at once and the model list updates when the providers answer
      discovery.start();
      if (runWorker) stopWorker = await engines.startWorker(context, options.workerConcurrency ?? 16);
      await jobs.resumeUnfinished();
      return address;
    },
    async close() {
      await app.close();
      await discovery.stop();
      await jobs.shutdown();
      await stopWorker?.();
      await textReader.close();
      await engines.close();
    },
  };
}
