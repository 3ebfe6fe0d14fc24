import type { CatalogueModel } from '../domain/index.js';
import type { VideoAsset } from '../videos/video-asset.js';

export type { VideoAsset } from '../videos/video-asset.js';

export interface GenerateRequest {
  model: CatalogueModel;
  prompt: string;
  /** system instruction, when the provider supports one */
  system?: string;
  /** absent for text-only calls (e.g. an LLM judge given facts as text) */
  video?: VideoAsset;
  /** per-request provider options (e.g. Gemini videoMetadata.fps, mediaResolution) */
  params?: Record<string, unknown>;
  /** ask for JSON matching this schema (structured output) */
  responseJsonSchema?: Record<string, unknown>;
  /** the video as `prepare` made it ready; without it the adapter prepares the video inside the call */
  prepared?: PreparedVideo;
  signal: AbortSignal;
  /**
   * Awaited right before the model request goes out, after any upload or
   * frame sampling: the scheduler paces requests there, so calls that waited
   * for the same upload do not all hit the provider at once.
   */
  beforeRequest?: () => Promise<void>;
}

/**
 * A video made ready for one provider (uploaded and ACTIVE, frames sampled).
 * Opaque to callers: it is handed back to `generate` of the same adapter.
 */
export interface PreparedVideo {
  readonly family: CatalogueModel['provider'];
  readonly video: VideoAsset;
  readonly payload: unknown;
}

/** What preparing may depend on: the model and its per-request params (e.g. frames to sample). */
export interface PrepareOptions {
  model: CatalogueModel;
  params?: Record<string, unknown>;
}

export interface GenerateResult {
  text: string;
  usage: { input_tokens: number | null; output_tokens: number | null; thinking_tokens: number | null };
  /** provider model id that actually answered, when it differs from the request */
  servedBy?: string;
  /** settings the model ignored, instead of throwing */
  warnings: string[];
}

export interface Availability {
  available: boolean;
  /** why not, in words a user can act on ("GEMINI_API_KEY not set") */
  reason?: string;
}

/**
 * One adapter per provider family. The job code only ever talks to this.
 * Implementations throw `ProviderError` (typed, retry-aware) or a cancellation.
 */
export interface VideoProvider {
  readonly specificationVersion: 'v1';
  readonly family: CatalogueModel['provider'];
  /**
   * Part of the response cache key: changes whenever the adapter would send a
   * different request for the same inputs. Adapters without one are never
   * cached (the local analyzers: free, and their answers follow the measuring code).
   */
  readonly adapterVersion?: string;
  availability(model: CatalogueModel): Availability;
  /**
   * The slow per-video work (upload and processing, frame sampling, measuring), done
   * before the model call and outside the model's concurrency places, so that slow
   * media work never holds a place a call could use and the call's latency is the model's alone.
   * Optional: adapters that need no preparation leave it out.
   * @throws ProviderError (typed, retry-aware) or a cancellation when `signal` aborts
   */
  prepare?(video: VideoAsset, signal: AbortSignal, options: PrepareOptions): Promise<PreparedVideo>;
  generate(request: GenerateRequest): Promise<GenerateResult>;
}

/** The payload `prepare` made for this adapter and this video, if the request carries one. */
export function preparedPayload<T>(request: GenerateRequest, family: CatalogueModel['provider']): T | undefined {
  const prepared = request.prepared;
  if (!prepared || prepared.family !== family || !request.video || prepared.video.record.sha256 !== request.video.record.sha256) return undefined;
  return prepared.payload as T;
}
