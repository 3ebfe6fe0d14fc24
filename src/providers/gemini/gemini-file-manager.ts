import { openAsBlob } from 'node:fs';
import { FileState, type File as GeminiFile, type GoogleGenAI } from '@google/genai';
import type { Logger } from '../../logging/logger.js';
import type { ProviderFileRecord, ProviderFileStore } from '../../store/store.js';
import type { ExclusiveLock } from '../exclusive-lock.js';
import type { VideoAsset } from '../provider.js';
import { untilAborted } from '../../core/abort.js';
import { CancelledError, isCancellation, ProviderError } from '../../core/provider-error.js';
import type { Clock } from '../../core/clock.js';
import { mapGeminiError } from './map-gemini-error.js';

const PROVIDER = 'gemini';
/** Gemini keeps uploads 48 h; used only when the API does not say. */
const DEFAULT_FILE_LIFETIME_MS = 47 * 3600_000;
/** A video still PROCESSING after this long is reported as a (retryable) failure. */
const MAX_PROCESSING_MS = 30 * 60_000;

export interface GeminiFileManagerDeps {
  files: ProviderFileStore;
  client: () => GoogleGenAI;
  logger: Logger;
  clock: Clock;
  pollIntervalMs: number;
  /** reuse an uploaded file only while it has at least this long left to live */
  reuseMarginMs: number;
  /** cross-process: the store is read (and written) under it, so only one process uploads a video */
  lock?: ExclusiveLock;
}

/** Uploads videos to the Files API once per sha256 and hands out the provider file to reuse. */
export interface GeminiFileManager {
  /**
   * The ACTIVE provider file for this video: the stored one while it has more
   * than the margin left, else a fresh upload (polled until ACTIVE, then
   * stored). Concurrent calls for the same sha256 share one lookup/upload.
   * @throws ProviderError (FAILED processing is not retryable), or a cancellation when `signal` aborts
   */
  ensure(video: VideoAsset, signal: AbortSignal): Promise<ProviderFileRecord>;
  /** forgets the stored file if it is still `staleName` (the API said it is gone) */
  invalidate(sha256: string, staleName: string): Promise<void>;
}

interface Flight {
  promise: Promise<ProviderFileRecord>;
  controller: AbortController;
  waiters: number;
  settled: boolean;
}

export function createGeminiFileManager(deps: GeminiFileManagerDeps): GeminiFileManager {
  const flights = new Map<string, Flight>();
  const { files, logger, clock } = deps;

  function isFresh(record: ProviderFileRecord): boolean {
    if (record.expires_at === null) return true;
    const expires = Date.parse(record.expires_at);
    return Number.isFinite(expires) && expires - clock.now() > deps.reuseMarginMs;
  }

  function resolveFile(video: VideoAsset, signal: AbortSignal): Promise<ProviderFileRecord> {
    const lock = deps.lock;
    if (!lock) return resolveStoredOrUpload(video, signal);
    return lock.run(`${PROVIDER}-upload:${video.record.sha256}`, signal, () => resolveStoredOrUpload(video, signal));
  }

  async function resolveStoredOrUpload(video: VideoAsset, signal: AbortSignal): Promise<ProviderFileRecord> {
    const sha256 = video.record.sha256;
    const stored = await files.getProviderFile(PROVIDER, sha256);
    if (stored && isFresh(stored)) return stored;
    if (stored) {
      logger.info({ sha256, name: stored.name, expires_at: stored.expires_at }, 'gemini: stored file expires soon, uploading again');
      await files.deleteProviderFile(PROVIDER, sha256);
    }
    return upload(video, signal);
  }

  async function upload(video: VideoAsset, signal: AbortSignal): Promise<ProviderFileRecord> {
    const { sha256, size, content_type: contentType } = video.record;
    const mimeType = contentType && contentType.startsWith('video/') ? contentType : 'video/mp4';
    const started = clock.now();
    logger.info({ sha256, bytes: size }, 'gemini: uploading video to the Files API');
    let file: GeminiFile;
    try {
      // A file-backed Blob: the SDK sends it as 8 MB slices (one resumable
      // upload request each) that fetch streams from disk. Given a path, the
      // SDK would copy every chunk into fresh buffers (a Uint8Array, then a
      // Blob), which the garbage collector frees late: +100 MB of RSS on a
      // 500 MB video. The SDK takes no abort signal here; the waiters'
      // signals are honoured around it and while polling.
      file = await video.useFile(
        async (path) =>
          deps.client().files.upload({
            file: await openAsBlob(path, { type: mimeType }),
            config: { mimeType, displayName: `vidcompare-${sha256.slice(0, 16)}` },
          }),
        signal,
      );
      if (signal.aborted) throw new CancelledError();
      while (file.state !== FileState.ACTIVE) {
        if (file.state === FileState.FAILED) {
          throw new ProviderError(`Gemini could not process the video: ${file.error?.message ?? 'no reason given'}`, {
            provider: PROVIDER,
            isRetryable: false,
          });
        }
        if (clock.now() - started > MAX_PROCESSING_MS) {
          throw new ProviderError(`Gemini is still processing the video after ${MAX_PROCESSING_MS / 60_000} minutes`, {
            provider: PROVIDER,
            isRetryable: true,
          });
        }
        await clock.sleep(deps.pollIntervalMs, signal);
        file = await deps.client().files.get({ name: requireField(file.name, 'name'), config: { abortSignal: signal } });
      }
    } catch (error) {
      throw mapGeminiError(error, signal);
    }
    const record: ProviderFileRecord = {
      provider: PROVIDER,
      sha256,
      name: requireField(file.name, 'name'),
      uri: requireField(file.uri, 'uri'),
      mime_type: file.mimeType ?? mimeType,
      expires_at: file.expirationTime ?? new Date(clock.now() + DEFAULT_FILE_LIFETIME_MS).toISOString(),
      created_at: new Date(clock.now()).toISOString(),
    };
    await files.saveProviderFile(record);
    logger.info({ sha256, name: record.name, expires_at: record.expires_at }, 'gemini: video uploaded and ACTIVE');
    return record;
  }

  return {
    async ensure(video, signal) {
      if (signal.aborted) throw new CancelledError();
      const sha256 = video.record.sha256;
      let flight = flights.get(sha256);
      if (!flight) {
        const controller = new AbortController();
        const created: Flight = { controller, waiters: 0, settled: false, promise: resolveFile(video, controller.signal) };
        created.promise
          .finally(() => {
            created.settled = true;
            if (flights.get(sha256) === created) flights.delete(sha256);
          })
          .catch(() => {
            // each waiter receives the rejection through its own await
          });
        flights.set(sha256, created);
        flight = created;
      }
      const current = flight;
      current.waiters += 1;
      try {
        return await untilAborted(current.promise, signal);
      } finally {
        current.waiters -= 1;
        // The last waiter was cancelled: stop uploading and polling for nobody. A waiter that
        // timed out leaves the upload running, so its retry joins it instead of starting over.
        if (current.waiters === 0 && !current.settled && signal.aborted && isCancellation(signal.reason)) {
          current.controller.abort();
          if (flights.get(sha256) === current) flights.delete(sha256);
        }
      }
    },

    async invalidate(sha256, staleName) {
      const stored = await files.getProviderFile(PROVIDER, sha256);
      if (stored && stored.name === staleName) {
        logger.info({ sha256, name: staleName }, 'gemini: provider file is gone, forgetting it');
        await files.deleteProviderFile(PROVIDER, sha256);
      }
    },
  };
}

function requireField(value: string | undefined, field: string): string {
  if (!value) throw new ProviderError(`Gemini file response has no ${field}`, { provider: PROVIDER, isRetryable: true });
  return value;
}
