import { MediaResolution } from '@google/genai';
import type { CatalogueModel, VideoRecord } from '../../domain/index.js';
import { estimateTextTokens } from '../text-token-estimate.js';
import { buildGeminiOptions } from './build-gemini-options.js';

/**
 * Video tokens per sampled frame, by model generation and `mediaResolution`
 * (Gemini API "Understand and count tokens" / "Media resolution" pages):
 * 2.x models: 258 per frame by default (also medium and high), 66 at low;
 * 3.x models: 70 per frame by default, at low and at medium, 280 at high.
 */
const frameTokens = {
  '2': { default: 258, low: 66, medium: 258, high: 258 },
  '3': { default: 70, low: 70, medium: 70, high: 280 },
} as const;

/** Gemini samples video at 1 frame per second unless `videoMetadata.fps` says otherwise. */
export const GEMINI_DEFAULT_FPS = 1;
/** Audio is tokenized at a fixed 32 tokens per second, whatever the resolution. */
export const GEMINI_AUDIO_TOKENS_PER_SECOND = 32;

export interface GeminiInputEstimate {
  frames: number;
  tokens_per_frame: number;
  video_tokens: number;
  audio_tokens: number;
  prompt_tokens: number;
  input_tokens: number;
}

/** 3.x rules for Gemini 3 and later models, 2.x rules for the rest. */
export function geminiGeneration(providerModel: string): '2' | '3' {
  const major = /^gemini-(\d+)/.exec(providerModel)?.[1];
  return major !== undefined && Number(major) >= 3 ? '3' : '2';
}

function resolutionKey(resolution: MediaResolution | undefined): 'default' | 'low' | 'medium' | 'high' {
  switch (resolution) {
    case MediaResolution.MEDIA_RESOLUTION_LOW:
      return 'low';
    case MediaResolution.MEDIA_RESOLUTION_MEDIUM:
      return 'medium';
    case MediaResolution.MEDIA_RESOLUTION_HIGH:
      return 'high';
    default:
      return 'default';
  }
}

function seconds(offset: string | undefined): number | undefined {
  if (offset === undefined) return undefined;
  const value = Number.parseFloat(offset);
  return Number.isFinite(value) ? value : undefined;
}

/**
 * Input tokens of one Gemini answer call, from the same params the adapter
 * turns into the request (buildGeminiOptions): the part of the video between
 * `startOffset` and `endOffset`, sampled at `fps`, times the per-frame figure
 * of the model's generation at the chosen `mediaResolution`; plus 32 tokens
 * per second of sound when the video has an audio track; plus the prompt.
 */
export function estimateGeminiInputTokens(input: {
  model: Pick<CatalogueModel, 'provider_model'>;
  video: Pick<VideoRecord, 'duration_s' | 'has_audio'> | undefined;
  params?: Record<string, unknown>;
  prompt: string;
}): GeminiInputEstimate {
  const options = buildGeminiOptions({ params: input.params, hasVideo: input.video !== undefined });
  const prompt_tokens = estimateTextTokens(input.prompt);
  const perFrame = frameTokens[geminiGeneration(input.model.provider_model)][resolutionKey(options.config.mediaResolution)];
  if (!input.video) return { frames: 0, tokens_per_frame: perFrame, video_tokens: 0, audio_tokens: 0, prompt_tokens, input_tokens: prompt_tokens };

  const duration = Math.max(0, input.video.duration_s);
  const start = Math.min(duration, seconds(options.videoMetadata?.startOffset) ?? 0);
  const end = Math.min(duration, seconds(options.videoMetadata?.endOffset) ?? duration);
  const clip = Math.max(0, end - start);
  const fps = options.videoMetadata?.fps ?? GEMINI_DEFAULT_FPS;
  // a video shorter than one sampling interval still yields its first frame
  const frames = Math.max(1, Math.ceil(clip * fps - 1e-9));
  const video_tokens = frames * perFrame;
  const audio_tokens = input.video.has_audio ? Math.ceil(clip * GEMINI_AUDIO_TOKENS_PER_SECOND - 1e-9) : 0;
  return { frames, tokens_per_frame: perFrame, video_tokens, audio_tokens, prompt_tokens, input_tokens: video_tokens + audio_tokens + prompt_tokens };
}
