import type { CatalogueModel, MediaFacts, VideoRecord } from '../domain/index.js';

/**
 * A video as providers see it: its record, a way to stream its bytes (never
 * read whole), and the facts measured from it (cached after the first call).
 */
export interface VideoAsset {
  readonly record: VideoRecord;
  /** absolute path on local disk (ffmpeg needs a file) */
  readonly path: string;
  openStream(): NodeJS.ReadableStream;
  facts(): Promise<MediaFacts>;
}

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
  signal: AbortSignal;
  /** told when the call starts or stops waiting on something that is not the model (an upload of the video) */
  onPhase?: (phase: 'uploading_video' | 'calling_model') => void;
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
  availability(model: CatalogueModel): Availability;
  generate(request: GenerateRequest): Promise<GenerateResult>;
}
