import type { CatalogueModel } from '../domain/index.js';
import { ProviderError } from '../core/provider-error.js';
import type { GenerateResult, VideoAsset } from './provider.js';

/** Provider families whose models can answer through a batch API (`"mode": "batch"`). */
export const batchCapableFamilies: readonly string[] = ['gemini'];

/** One model call inside a provider batch, named by a key the answer comes back with. */
export interface BatchRequest {
  key: string;
  prompt: string;
  video: VideoAsset;
  /** per-request provider options, as for an ordinary call */
  params: Record<string, unknown>;
}

/** Where a provider batch stands. */
export type BatchState = 'pending' | 'running' | 'succeeded' | 'failed' | 'cancelled' | 'expired';

export const finishedBatchStates: readonly BatchState[] = ['succeeded', 'failed', 'cancelled', 'expired'];

export interface BatchStatus {
  state: BatchState;
  /** once the batch has ended, per request key: the answer, or why that request failed */
  results: Map<string, GenerateResult | ProviderError>;
}

/**
 * A provider's asynchronous batch API (Gemini Batch mode): many calls of one
 * model submitted at once, answered later at a discount. Implementations
 * throw `ProviderError` (retry-aware) or a cancellation.
 */
export interface ProviderBatchApi {
  readonly family: CatalogueModel['provider'];
  /** the provider as people name it ("Gemini") */
  readonly label: string;
  /** the share of the standard price a batch answer costs (0.5: half price) */
  readonly priceFactor: number;
  /** the largest batch request the provider takes; larger sets of requests go as several batches */
  readonly maxRequestBytes: number;
  /**
   * Makes the videos ready (uploaded once each) and submits one batch of
   * `model` calls; returns the provider's name for the batch.
   */
  submit(model: CatalogueModel, requests: BatchRequest[], options: { displayName: string; signal: AbortSignal }): Promise<string>;
  /** `keys`: the request keys submitted, so every one gets an outcome once the batch has ended */
  status(name: string, model: CatalogueModel, keys: string[], signal: AbortSignal): Promise<BatchStatus>;
  cancel(name: string, signal: AbortSignal): Promise<void>;
}

/** A batch that ended without answering (failed, expired, cancelled at the provider): never retried. */
export class ProviderBatchError extends ProviderError {
  readonly batchState: BatchState;

  constructor(message: string, options: { provider: string; batchState: BatchState; cause?: unknown }) {
    super(message, { provider: options.provider, isRetryable: false, cause: options.cause });
    this.name = 'ProviderBatchError';
    this.batchState = options.batchState;
  }
}
