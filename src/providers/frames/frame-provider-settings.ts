import type { Logger } from '../../logging/logger.js';
import type { MediaTools } from '../../videos/media-tools.js';
import type { FrameSampler } from './sample-frames.js';

/** What every adapter that sends sampled frames (OpenAI-compatible, Anthropic) is configured with. */
export interface FrameProviderSettings {
  /** the provider's key (from the parsed config); the shell's variables are never read */
  apiKey?: string;
  /** API base URL; when absent the provider's public API (never the SDK's *_BASE_URL variable) */
  baseUrl?: string;
  /** keys that catalogue models name with `options.api_key_env`, by variable name (from the parsed config) */
  namedApiKeys?: Readonly<Record<string, string>>;
  tools: MediaTools;
  logger?: Logger;
  /** frames sent per video (default 16; per request: params.max_frames) */
  maxFrames?: number;
  /** frame width cap in px (default 768; per request: params.max_width) */
  maxWidth?: number;
  /** where frames come from (default: the process-wide cached sampler shared by all providers) */
  frameSampler?: FrameSampler;
  /** per-call HTTP timeout (default 10 min) */
  timeoutMs?: number;
}
