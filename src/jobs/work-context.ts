import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { Logger } from '../logging/logger.js';
import type { ProviderRegistry } from '../providers/provider-registry.js';
import type { VideoAsset } from '../providers/provider.js';
import type { Scheduler } from '../scheduler/scheduler.js';
import type { Store } from '../store/store.js';
import type { BudgetGate } from './budget-gate.js';
import type { JobEvents } from './job-events.js';
import type { StoreWriteRetry } from './retry-store-write.js';

/** Where work units find the videos they run on. */
export interface VideoAssets {
  asset(videoId: string): Promise<VideoAsset | undefined>;
}

/** What executing a work unit needs; shared by the executors. */
export interface WorkContext {
  store: Store;
  catalogue: ModelsCatalogue;
  providers: ProviderRegistry;
  scheduler: Scheduler;
  videos: VideoAssets;
  events: JobEvents;
  logger: Logger;
  now: () => number;
  /** runs a result write, retrying it while the disk is full or the database busy */
  retryWrite: StoreWriteRetry;
  /** the budget check before each answer call (absent: no budgets) */
  budget?: BudgetGate;
}
