import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import { ArenaService } from '../arena/arena-service.js';
import type { Env } from '../config/env.js';
import { loadModelsCatalogue } from '../config/models-catalogue.js';
import { resolveJudgeModel } from '../evaluation/resolve-judge-model.js';
import { createInProcessDispatcher } from '../jobs/in-process-dispatcher.js';
import { JobEventBus } from '../jobs/job-events.js';
import { JobService } from '../jobs/job-service.js';
import { createStoreWriteRetry } from '../jobs/retry-store-write.js';
import type { WorkContext } from '../jobs/work-context.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createAnthropicProvider } from '../providers/anthropic/index.js';
import { createGeminiProvider } from '../providers/gemini/create-gemini-provider.js';
import { createLocalProvider } from '../providers/local/create-local-provider.js';
import { createOpenAiProvider } from '../providers/openai/index.js';
import type { VideoProvider } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { RatingsService } from '../ratings/ratings-service.js';
import { createScheduler } from '../scheduler/create-scheduler.js';
import { buildApp } from '../server/build-app.js';
import { SpaceReserve } from '../store/space-reserve.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { LocalBlobStore } from '../videos/local-blob-store.js';
import { resolveMediaTools } from '../videos/media-tools.js';
import { createTesseractTextReader } from '../videos/ocr/tesseract-text-reader.js';
import { VideoLibrary } from '../videos/video-library.js';

export interface Application {
  app: FastifyInstance;
  jobs: JobService;
  store: Store;
  library: VideoLibrary;
  events: JobEventBus;
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
}

const defaultWebRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

/** The composition root: builds every part from validated configuration. */
export async function createApplication(env: Env, options: ApplicationOptions = {}): Promise<Application> {
  const logger = options.logger ?? createLogger(env.VIDCOMPARE_LOG_LEVEL);
  const now = options.now ?? Date.now;
  const dataDir = path.resolve(env.VIDCOMPARE_DATA_DIR);
  mkdirSync(dataDir, { recursive: true });

  const catalogue = loadModelsCatalogue(env.VIDCOMPARE_MODELS_FILE);
  const store = await openSqliteStore({ dbPath: path.join(dataDir, 'vidcompare.db'), logger });
  const tools = resolveMediaTools(env, { processes: env.VIDCOMPARE_MEDIA_PROCESSES, maxPixels: env.VIDCOMPARE_MAX_PIXELS });
  const maxUploadBytes = Math.round(env.VIDCOMPARE_MAX_UPLOAD_MB * 1024 * 1024);
  const textReader = createTesseractTextReader(logger);
  const spaceReserve = new SpaceReserve(path.join(dataDir, 'space-reserve.bin'), logger);
  const library = new VideoLibrary({
    store,
    blobs: new LocalBlobStore(dataDir),
    tools,
    logger,
    maxUploadBytes,
    dataDir,
    limits: { maxDurationS: env.VIDCOMPARE_MAX_DURATION_S, maxPixels: env.VIDCOMPARE_MAX_PIXELS },
    spaceReserve,
    textReader,
  });

  const builtIn: VideoProvider[] = [
    createLocalProvider(),
    createGeminiProvider({
      apiKey: env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY,
      // the SDK reads GOOGLE_GEMINI_BASE_URL from process.env itself; passing the parsed value keeps .env files and tests working too
      ...(env.GOOGLE_GEMINI_BASE_URL ? { baseUrl: env.GOOGLE_GEMINI_BASE_URL } : {}),
      files: store,
      logger,
      inlineMaxBytes: Math.round(env.VIDCOMPARE_GEMINI_INLINE_MAX_MB * 1024 * 1024),
    }),
    createOpenAiProvider({ apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, tools, logger }),
    createAnthropicProvider({ apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_BASE_URL, tools, logger }),
  ];
  const overrides = new Set((options.providers ?? []).map((p) => p.family));
  const providers = new ProviderRegistry(catalogue, [...builtIn.filter((p) => !overrides.has(p.family)), ...(options.providers ?? [])]);

  const scheduler = createScheduler({
    retry: { maxAttempts: env.VIDCOMPARE_RETRY_ATTEMPTS, baseDelayMs: 1000, maxDelayMs: 60_000 },
    logger,
  });
  const events = new JobEventBus();
  const retryWrite = createStoreWriteRetry({ logger });
  const context: WorkContext = { store, catalogue, providers, scheduler, videos: library, events, logger, now, retryWrite };
  const jobs = new JobService({ store, dispatcher: createInProcessDispatcher(context), events, catalogue, logger, now, retryWrite, spaceReserve });
  const defaultJudge = () =>
    resolveJudgeModel(undefined, { configured: env.VIDCOMPARE_JUDGE_MODEL, catalogue, isAvailable: (id) => providers.isAvailable(id) });

  const app = await buildApp({
    logger,
    jobs,
    events,
    providers,
    library,
    limits: { maxCombinations: env.VIDCOMPARE_MAX_COMBINATIONS, maxPromptChars: env.VIDCOMPARE_MAX_PROMPT_CHARS, configuredJudge: env.VIDCOMPARE_JUDGE_MODEL },
    maxUploadBytes,
    token: env.VIDCOMPARE_TOKEN,
    corsOrigins: env.VIDCOMPARE_CORS_ORIGINS?.split(',').map((o) => o.trim()).filter(Boolean) ?? [],
    webRoot: defaultWebRoot,
    defaultJudge,
    isVideoInUse: async (id) => (await store.countUnfinishedJobsUsingVideo(id)) > 0,
    arena: new ArenaService({ store, catalogue, now }),
    ratings: new RatingsService({ store, catalogue }),
  });

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
      await jobs.resumeUnfinished();
      return address;
    },
    async close() {
      await app.close();
      await jobs.shutdown();
      await textReader.close();
      await store.close();
    },
  };
}
