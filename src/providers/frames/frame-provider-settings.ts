import type { Logger } from '../../logging/logger.js';
import type { MediaTools } from '../../videos/media-tools.js';
import type { FrameSampler } from './sample-frames.js';

/** What every adapter that sends sampled frames (OpenAI-compatible, Anthropic) is configured with. */
export interface FrameProviderSettings {
  /** explicit key; otherwise the provider's *_API_KEY, read when first needed */
  apiKey?: string;
  /** API base URL; when absent the SDK's default applies */
  baseUrl?: string;
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
