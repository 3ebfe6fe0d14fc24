import type { VideoRecord } from '../../domain/index.js';
import { planFrames } from '../frames/frame-plan.js';
import { estimateTextTokens } from '../text-token-estimate.js';

/** OpenAI's image rule (vision guide): a fixed 85 tokens, plus 170 per 512 px tile at high detail. */
export const OPENAI_IMAGE_BASE_TOKENS = 85;
export const OPENAI_TOKENS_PER_TILE = 170;

/**
 * Tokens of one image: `low` detail is 85 flat; `high` (and `auto`, counted as
 * high to stay on the safe side) fits the image in 2048×2048, scales it down
 * so its shorter side is at most 768 px, and counts 512 px tiles.
 */
export function openAiImageTokens(width: number, height: number, detail: 'low' | 'high' | 'auto' = 'auto'): number {
  if (detail === 'low') return OPENAI_IMAGE_BASE_TOKENS;
  let w = width;
  let h = height;
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const shorten = Math.min(1, 768 / Math.min(w, h));
  w *= shorten;
  h *= shorten;
  const tiles = Math.ceil(w / 512) * Math.ceil(h / 512);
  return OPENAI_IMAGE_BASE_TOKENS + OPENAI_TOKENS_PER_TILE * tiles;
}

export interface FrameInputEstimate {
  frames: number;
  tokens_per_frame: number;
  image_tokens: number;
  /** the preamble, the frame labels and the prompt */
  text_tokens: number;
  input_tokens: number;
}

/** Input tokens of one OpenAI-compatible answer call: the frames buildOpenAiRequest sends, at its `image_detail`, and the words around them. */
export function estimateOpenAiInputTokens(input: { video: VideoRecord | undefined; params?: Record<string, unknown>; prompt: string }): FrameInputEstimate {
  const promptTokens = estimateTextTokens(input.prompt);
  if (!input.video) return { frames: 0, tokens_per_frame: 0, image_tokens: 0, text_tokens: promptTokens, input_tokens: promptTokens };
  const plan = planFrames(input.video, input.params);
  const detailParam = input.params?.image_detail;
  const detail = detailParam === 'low' || detailParam === 'high' ? detailParam : 'auto';
  const perFrame = openAiImageTokens(plan.width, plan.height, detail);
  const image_tokens = perFrame * plan.count;
  const text_tokens = plan.text_tokens + promptTokens;
  return { frames: plan.count, tokens_per_frame: perFrame, image_tokens, text_tokens, input_tokens: image_tokens + text_tokens };
}
