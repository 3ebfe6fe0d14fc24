import { join } from 'node:path';
import { ModelsCatalogue } from '../../config/models-catalogue.js';
import { defaultModels } from '../../config/default-models.js';
import type { JobRequest, MediaFacts } from '../../domain/index.js';
import { silentLogger } from '../../logging/logger.js';
import { createLocalProvider } from '../../providers/local/create-local-provider.js';
import { ProviderRegistry } from '../../providers/provider-registry.js';
import type { VideoAsset } from '../../providers/provider.js';
import { createScheduler } from '../../scheduler/create-scheduler.js';
import { makeVideo } from '../../store/__fixtures__/store-test-data.js';
import type { SpaceReserve } from '../../store/space-reserve.js';
import type { Store } from '../../store/store.js';
import { createInProcessDispatcher } from '../in-process-dispatcher.js';
import { JobEventBus } from '../job-events.js';
import { JobService } from '../job-service.js';
import { createStoreWriteRetry } from '../retry-store-write.js';

export interface LocalJobServiceOptions {
  store: Store;
  /** the facts of each known video id, measured however the test likes */
  facts: Record<string, (signal?: AbortSignal) => Promise<MediaFacts>>;
  /** concurrent calls allowed per local model (default: the catalogue's) */
  localConcurrency?: number;
  writeAttempts?: number;
  /** backoff delays are recorded here instead of waited for */
  sleeps?: number[];
  spaceReserve?: SpaceReserve;
}

/** A comparison of one video with the local analyzers, no judge. */
export function localRequest(videoId: string, models = ['local-full']): JobRequest {
  return { video_ids: [videoId], prompts: ['Where are the cuts?'], models, judge_model: null, params: {}, combination_concurrency: 1, judge_context: 'facts', judge_runs: 1 };
}

/**
 * The real job engine (service, in-process dispatcher, scheduler, local
 * provider) over the given store, with videos whose facts the test supplies.
 */
export function localJobService(options: LocalJobServiceOptions): JobService {
  const logger = silentLogger();
  const models = options.localConcurrency === undefined
    ? defaultModels
    : defaultModels.map((m) => (m.provider === 'local' ? { ...m, limits: { requests_per_minute: 6000, concurrent: options.localConcurrency! } } : m));
  const catalogue = new ModelsCatalogue(models);
  const asset = async (id: string): Promise<VideoAsset | undefined> => {
    const facts = options.facts[id];
    if (!facts) return undefined;
    return {
      record: makeVideo(id, { duration_s: 15 }),
      useFile: (use) => use(join('/nonexistent', id)),
      openStream: () => {
        throw new Error('the local analyzers read facts, not bytes');
      },
      facts,
    };
  };
  const sleeps = options.sleeps ?? [];
  const retryWrite = createStoreWriteRetry({ logger, attempts: options.writeAttempts ?? 8, clock: { sleep: async (ms) => void sleeps.push(ms) } });
  const events = new JobEventBus();
  const context = {
    store: options.store,
    catalogue,
    providers: new ProviderRegistry(catalogue, [createLocalProvider()]),
    scheduler: createScheduler({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, logger }),
    videos: { asset },
    events,
    logger,
    now: Date.now,
    retryWrite,
  };
  return new JobService({ store: options.store, dispatcher: createInProcessDispatcher(context), events, catalogue, logger, now: Date.now, retryWrite, spaceReserve: options.spaceReserve });
}
