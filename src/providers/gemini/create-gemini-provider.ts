import type { GenerateContentResponse, Part } from '@google/genai';
import { silentLogger, type Logger } from '../../logging/logger.js';
import type { ProviderFileStore } from '../../store/store.js';
import { preparedPayload, type Availability, type GenerateRequest, type GenerateResult, type PreparedVideo, type VideoAsset, type VideoProvider } from '../provider.js';
import { CancelledError, ProviderError } from '../../core/provider-error.js';
import { buildGeminiOptions } from './build-gemini-options.js';
import { systemClock, type Clock } from '../../core/clock.js';
import type { ExclusiveLock } from '../exclusive-lock.js';
import { geminiApiKey, geminiClientSource, geminiFileManagerFor } from './gemini-client.js';
import { isFileGoneError, mapGeminiError } from './map-gemini-error.js';
import { readGeminiResponse } from './read-gemini-response.js';

const MB = 1024 * 1024;
/** Gemini refuses requests over 20 MB, so larger videos always go through the Files API. */
export const GEMINI_INLINE_HARD_LIMIT_BYTES = 20 * MB;
const DEFAULT_INLINE_MAX_BYTES = 8 * MB;

export interface GeminiProviderSettings {
  /** the key (from the parsed config); without it the models are unavailable. The shell's variables are never read. */
  apiKey?: string;
  /** API base URL (default: Google's); the SDK's own GOOGLE_GEMINI_BASE_URL lookup is overridden */
  baseUrl?: string;
  /** where uploaded provider files are remembered, so each video is uploaded once */
  files: ProviderFileStore;
  logger?: Logger;
  /** videos up to this size are sent inline as base64 (default 8 MB, capped at 20 MB) */
  inlineMaxBytes?: number;
  /** an uploaded file is reused while it has more than this left before expiry (default 1 h) */
  fileReuseMarginMs?: number;
  /** wait between files.get polls while a video is PROCESSING (default 2 s) */
  pollIntervalMs?: number;
  clock?: Clock;
  /** held while a video is looked up and uploaded, so workers on other machines upload it once between them */
  uploadLock?: ExclusiveLock;
  /** per-request HTTP timeout, each upload chunk included (default 10 min); a timeout is a retryable error */
  timeoutMs?: number;
}

type VideoTransport = { kind: 'inline'; part: Part } | { kind: 'file'; part: Part; sha256: string; name: string };

/**
 * The Gemini adapter, through the official `@google/genai` SDK.
 *
 * Small videos go inline; larger ones are uploaded once to the Files API and
 * the provider file is reused across models, jobs and restarts until shortly
 * before it expires. A file that vanished early is uploaded again and the
 * call retried once, transparently. The SDK's own retries stay off: the
 * scheduler retries, driven by `ProviderError.isRetryable` / `retryAfterMs`.
 *
 * @example
 * const gemini = createGeminiProvider({ apiKey: env.GEMINI_API_KEY, files: store });
 * const { text, usage } = await gemini.generate({ model, prompt, video, signal });
 */
export function createGeminiProvider(settings: GeminiProviderSettings): VideoProvider {
  const logger = settings.logger ?? silentLogger();
  const clock = settings.clock ?? systemClock;
  const inlineMaxBytes = Math.min(settings.inlineMaxBytes ?? DEFAULT_INLINE_MAX_BYTES, GEMINI_INLINE_HARD_LIMIT_BYTES);
  const client = geminiClientSource(settings);
  const fileManager = geminiFileManagerFor(settings, client, logger, clock);

  async function videoTransport(video: VideoAsset, signal: AbortSignal): Promise<VideoTransport> {
    if (video.record.size <= inlineMaxBytes) {
      const bytes = await readSmall(video, inlineMaxBytes);
      if (bytes) {
        return { kind: 'inline', part: { inlineData: { mimeType: videoMime(video), data: bytes.toString('base64') } } };
      }
    }
    const file = await fileManager.ensure(video, signal);
    return {
      kind: 'file',
      part: { fileData: { fileUri: file.uri, mimeType: file.mime_type } },
      sha256: file.sha256,
      name: file.name,
    };
  }

  async function callModel(request: GenerateRequest, videoPart: Part | undefined, options: ReturnType<typeof buildGeminiOptions>) {
    const parts: Part[] = [];
    if (videoPart) parts.push(options.videoMetadata ? { ...videoPart, videoMetadata: options.videoMetadata } : videoPart);
    parts.push({ text: request.prompt });
    await request.beforeRequest?.();
    return client().models.generateContent({
      model: request.model.provider_model,
      contents: [{ role: 'user', parts }],
      config: { ...options.config, abortSignal: request.signal },
    });
  }

  return {
    specificationVersion: 'v1',
    family: 'gemini',
    // bump when a change here would change the answer to the same request (it keys the response cache)
    adapterVersion: 'gemini-1',

    availability(): Availability {
      return geminiApiKey(settings) ? { available: true } : { available: false, reason: 'GEMINI_API_KEY not set' };
    },

    /** Uploads the video (once per sha256, polled until ACTIVE) or reads a small one for inline use. */
    async prepare(video: VideoAsset, signal: AbortSignal): Promise<PreparedVideo> {
      try {
        if (signal.aborted) throw new CancelledError();
        return { family: 'gemini', video, payload: await videoTransport(video, signal) };
      } catch (error) {
        throw mapGeminiError(error, signal);
      }
    },

    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const { signal } = request;
      try {
        if (signal.aborted) throw new CancelledError();
        const options = buildGeminiOptions({
          params: request.params,
          system: request.system,
          responseJsonSchema: request.responseJsonSchema,
          hasVideo: request.video !== undefined,
        });
        let transport = preparedPayload<VideoTransport>(request, 'gemini') ?? (request.video ? await videoTransport(request.video, signal) : undefined);
        let response: GenerateContentResponse;
        try {
          response = await callModel(request, transport?.part, options);
        } catch (error) {
          if (!request.video || transport?.kind !== 'file' || signal.aborted || !isFileGoneError(error)) throw error;
          logger.warn({ sha256: transport.sha256, name: transport.name, model: request.model.id }, 'gemini: uploaded file is gone, uploading again');
          await fileManager.invalidate(transport.sha256, transport.name);
          transport = await videoTransport(request.video, signal);
          response = await callModel(request, transport.part, options);
        }
        const result = readGeminiResponse(response, request.model.provider_model);
        return { ...result, warnings: [...options.warnings, ...result.warnings] };
      } catch (error) {
        throw mapGeminiError(error, signal);
      }
    },
  };
}

function videoMime(video: VideoAsset): string {
  const type = video.record.content_type;
  return type && type.startsWith('video/') ? type : 'video/mp4';
}

/** The whole video when it is no larger than `maxBytes` (the record's size may be stale), else undefined. */
async function readSmall(video: VideoAsset, maxBytes: number): Promise<Buffer | undefined> {
  const stream = video.openStream();
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream as AsyncIterable<Buffer | string>) {
      const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      total += buffer.length;
      if (total > maxBytes) return undefined;
      chunks.push(buffer);
    }
  } finally {
    (stream as { destroy?: () => void }).destroy?.();
  }
  return Buffer.concat(chunks);
}
