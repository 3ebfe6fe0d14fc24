import path from 'node:path';
import type { Env } from '../config/env.js';
import { loadModelsCatalogue, type ModelsCatalogue } from '../config/models-catalogue.js';
import { createBudgetGate } from '../jobs/budget-gate.js';
import type { JobEvents } from '../jobs/job-events.js';
import { createStoreWriteRetry, type StoreWriteRetry } from '../jobs/retry-store-write.js';
import type { WorkContext } from '../jobs/work-context.js';
import type { Logger } from '../logging/logger.js';
import { createAnthropicProvider } from '../providers/anthropic/index.js';
import { createGeminiBatchApi } from '../providers/gemini/batch-api.js';
import { createGeminiProvider, type GeminiProviderSettings } from '../providers/gemini/create-gemini-provider.js';
import type { ProviderBatchApi } from '../providers/provider-batch.js';
import { createLocalProvider } from '../providers/local/create-local-provider.js';
import { createOpenAiProvider } from '../providers/openai/index.js';
import { discoverySources } from '../providers/discovery-sources.js';
import type { ExclusiveLock } from '../providers/exclusive-lock.js';
import { ModelDiscovery } from '../providers/model-discovery.js';
import type { VideoProvider } from '../providers/provider.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import { createScheduler } from '../scheduler/create-scheduler.js';
import type { SharedLimits } from '../scheduler/shared-limits.js';
import { SpaceReserve } from '../store/space-reserve.js';
import type { Store } from '../store/store.js';
import type { BlobStore } from '../videos/blob-store.js';
import { resolveMediaTools } from '../videos/media-tools.js';
import { createTesseractTextReader, type TextReader } from '../videos/ocr/tesseract-text-reader.js';
import { VideoLibrary } from '../videos/video-library.js';
import { openBlobStorage } from './open-blob-storage.js';

export interface WorkContextParts {
  context: WorkContext;
  catalogue: ModelsCatalogue;
  providers: ProviderRegistry;
  library: VideoLibrary;
  maxUploadBytes: number;
  spaceReserve: SpaceReserve;
  retryWrite: StoreWriteRetry;
  /** reads on-screen text (OCR); its worker starts on first use and must be closed */
  textReader: TextReader;
  /** asks the providers which models they offer; started by the process, stopped on close */
  discovery: ModelDiscovery;
  /** provider batch APIs (Gemini Batch mode), for jobs in `"mode": "batch"` */
  batchApis: ProviderBatchApi[];
}

/**
 * What executing work units needs (catalogue, provider adapters, scheduler,
 * video library), built the same way for the API process and for workers.
 */
export function createWorkContext(
  env: Env,
  deps: { store: Store; events: JobEvents; logger: Logger; now: () => number; extraProviders?: VideoProvider[]; sharedLimits?: SharedLimits; uploadLock?: ExclusiveLock; decorateBlobs?: (blobs: BlobStore) => BlobStore },
): WorkContextParts {
  const { store, events, logger, now } = deps;
  const dataDir = path.resolve(env.VIDCOMPARE_DATA_DIR);
  const catalogue = loadModelsCatalogue(env.VIDCOMPARE_MODELS_FILE, { now });
  const tools = resolveMediaTools(env, { processes: env.VIDCOMPARE_MEDIA_PROCESSES, maxPixels: env.VIDCOMPARE_MAX_PIXELS });
  const maxUploadBytes = Math.round(env.VIDCOMPARE_MAX_UPLOAD_MB * 1024 * 1024);
  const providerTimeoutMs = Math.round(env.VIDCOMPARE_PROVIDER_TIMEOUT_S * 1000);
  const textReader = createTesseractTextReader(logger);
  const spaceReserve = new SpaceReserve(path.join(dataDir, 'space-reserve.bin'), logger);
  const { blobs, files, describe, orphanMinAgeMs } = openBlobStorage(env, logger, deps.decorateBlobs);
  logger.debug({ blobs: describe }, 'video storage');
  const library = new VideoLibrary({
    store,
    blobs,
    files,
    orphanMinAgeMs,
    tools,
    logger,
    maxUploadBytes,
    dataDir,
    limits: { maxDurationS: env.VIDCOMPARE_MAX_DURATION_S, maxPixels: env.VIDCOMPARE_MAX_PIXELS },
    spaceReserve,
    textReader,
  });

  const geminiSettings: GeminiProviderSettings = {
    apiKey: env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY,
    baseUrl: env.GOOGLE_GEMINI_BASE_URL,
    files: store,
    logger,
    inlineMaxBytes: Math.round(env.VIDCOMPARE_GEMINI_INLINE_MAX_MB * 1024 * 1024),
    timeoutMs: providerTimeoutMs,
    ...(deps.uploadLock ? { uploadLock: deps.uploadLock } : {}),
  };
  const builtIn: VideoProvider[] = [
    createLocalProvider(),
    createGeminiProvider(geminiSettings),
    createOpenAiProvider({ apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, namedApiKeys: env.namedApiKeys, tools, logger, timeoutMs: providerTimeoutMs }),
    createAnthropicProvider({ apiKey: env.ANTHROPIC_API_KEY, baseUrl: env.ANTHROPIC_BASE_URL, tools, logger, timeoutMs: providerTimeoutMs }),
  ];
  const extra = deps.extraProviders ?? [];
  const overrides = new Set(extra.map((p) => p.family));
  const providers = new ProviderRegistry(catalogue, [...builtIn.filter((p) => !overrides.has(p.family)), ...extra]);
  const discovery = new ModelDiscovery({ catalogue, sources: discoverySources(env, overrides), logger });
  providers.useDiscovery(discovery);

  const scheduler = createScheduler({
    retry: { maxAttempts: env.VIDCOMPARE_RETRY_ATTEMPTS, baseDelayMs: 1000, maxDelayMs: 60_000 },
    // the SDKs get the same limit; this one also covers what happens around the HTTP call (upload, frames)
    attemptTimeoutMs: providerTimeoutMs,
    logger,
    ...(deps.sharedLimits ? { shared: deps.sharedLimits } : {}),
  });
  const retryWrite = createStoreWriteRetry({ logger });
  const budget = createBudgetGate({ store, dailyLimitUsd: env.VIDCOMPARE_DAILY_BUDGET_USD, now, logger });
  const context: WorkContext = { store, catalogue, providers, scheduler, videos: library, events, logger, now, retryWrite, budget };
  const batchApis = [createGeminiBatchApi(geminiSettings)];
  return { context, catalogue, providers, library, maxUploadBytes, spaceReserve, retryWrite, textReader, discovery, batchApis };
}
