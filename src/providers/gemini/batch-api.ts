import { JobState, type InlinedRequest, type Part } from '@google/genai';
import type { CatalogueModel } from '../../domain/index.js';
import { silentLogger } from '../../logging/logger.js';
import { systemClock } from '../../core/clock.js';
import type { ProviderFileRecord } from '../../store/store.js';
import type { BatchRequest, ProviderBatchApi } from '../provider-batch.js';
import { CancelledError, ProviderError } from '../../core/provider-error.js';
import { buildGeminiOptions } from './build-gemini-options.js';
import type { GeminiProviderSettings } from './create-gemini-provider.js';
import { GEMINI_API_BASE_URL, geminiClientSource, geminiFileManagerFor } from './gemini-client.js';
import { mapGeminiError } from './map-gemini-error.js';
import { readGeminiBatch } from './batch-results.js';

/** Gemini bills batch calls at half the interactive price. */
const GEMINI_BATCH_PRICE_FACTOR = 0.5;
/** Inlined batch requests must stay under 20 MB in all; a margin below it (larger sets go as several batches). */
const GEMINI_BATCH_MAX_INLINE_BYTES = 16 * 1024 * 1024;

/**
 * Gemini Batch mode through `@google/genai`: `batches.create` with inlined
 * requests (one per work unit, keyed in their metadata) that reference the
 * video uploaded once to the Files API, `batches.get` to read state and
 * inlined answers, `batches.cancel`. Uploads share the provider-file store
 * with the interactive adapter, so a video already uploaded is reused.
 */
export function createGeminiBatchApi(settings: GeminiProviderSettings): ProviderBatchApi {
  const logger = settings.logger ?? silentLogger();
  const clock = settings.clock ?? systemClock;
  const client = geminiClientSource(settings);
  const fileManager = geminiFileManagerFor(settings, client, logger, clock);

  /**
   * Why a batch failed. The SDK's Developer-API mapping of `batches.get`
   * drops the Operation's `error`, the one place Gemini says why, so the
   * Operation is read once more as it is sent.
   */
  async function operationError(name: string, signal: AbortSignal): Promise<string | undefined> {
    try {
      const base = (settings.baseUrl ?? GEMINI_API_BASE_URL).replace(/\/+$/, '');
      const response = await fetch(`${base}/v1beta/${name}`, { headers: { 'x-goog-api-key': settings.apiKey?.trim() ?? '' }, signal });
      const body = (await response.json()) as { error?: { code?: number; message?: string } };
      return body.error?.message;
    } catch (error) {
      logger.warn({ batch: name, err: (error as Error).message }, 'gemini batch: could not read why the batch failed');
      return undefined;
    }
  }

  function toInlined(request: BatchRequest, file: ProviderFileRecord): InlinedRequest {
    const options = buildGeminiOptions({ params: request.params, hasVideo: true });
    if (options.warnings.length) logger.warn({ key: request.key, warnings: options.warnings }, 'gemini batch: params ignored');
    const video: Part = { fileData: { fileUri: file.uri, mimeType: file.mime_type }, ...(options.videoMetadata ? { videoMetadata: options.videoMetadata } : {}) };
    return {
      contents: [{ role: 'user', parts: [video, { text: request.prompt }] }],
      config: options.config,
      metadata: { key: request.key },
    };
  }

  return {
    family: 'gemini',
    label: 'Gemini',
    priceFactor: GEMINI_BATCH_PRICE_FACTOR,
    maxRequestBytes: GEMINI_BATCH_MAX_INLINE_BYTES,

    async submit(model: CatalogueModel, requests: BatchRequest[], { displayName, signal }) {
      try {
        if (signal.aborted) throw new CancelledError();
        // batch requests always reference an upload: inlined video bytes would soon pass the 20 MB request cap
        const files = new Map<string, ProviderFileRecord>();
        for (const request of requests) {
          const sha256 = request.video.record.sha256;
          if (!files.has(sha256)) files.set(sha256, await fileManager.ensure(request.video, signal));
        }
        const batch = await client().batches.create({
          model: model.provider_model,
          src: { inlinedRequests: requests.map((r) => toInlined(r, files.get(r.video.record.sha256)!)) },
          config: { displayName, abortSignal: signal },
        });
        if (!batch.name) throw new ProviderError('Gemini created a batch without a name', { provider: 'gemini', isRetryable: false });
        logger.info({ batch: batch.name, model: model.provider_model, requests: requests.length }, 'gemini batch created');
        return batch.name;
      } catch (error) {
        throw mapGeminiError(error, signal);
      }
    },

    async status(name, model, keys, signal) {
      try {
        const batch = await client().batches.get({ name, config: { abortSignal: signal } });
        if (batch.state === JobState.JOB_STATE_FAILED && !batch.error) {
          const message = await operationError(name, signal);
          if (message) batch.error = { message };
        }
        return readGeminiBatch(batch, keys, model.provider_model);
      } catch (error) {
        throw mapGeminiError(error, signal);
      }
    },

    async cancel(name, signal) {
      try {
        await client().batches.cancel({ name, config: { abortSignal: signal } });
        logger.info({ batch: name }, 'gemini batch cancelled');
      } catch (error) {
        throw mapGeminiError(error, signal);
      }
    },
  };
}
