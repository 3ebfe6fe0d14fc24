import type { VideoRecord } from '../../domain/index.js';
import { planFrames } from '../frames/frame-plan.js';
import type { FrameInputEstimate } from '../openai/token-estimate.js';
import { estimateTextTokens } from '../text-token-estimate.js';

/** Anthropic's vision rule: tokens ≈ width × height / 750, after the API's own resize. */
export const ANTHROPIC_PIXELS_PER_TOKEN = 750;
const MAX_LONG_EDGE = 1568;
const MAX_IMAGE_TOKENS = 1600;

/**
 * Tokens of one image: an image whose long edge is over 1568 px, or that
 * would cost over about 1600 tokens, is first scaled down (aspect kept).
 */
export function anthropicImageTokens(width: number, height: number): number {
  let scale = Math.min(1, MAX_LONG_EDGE / Math.max(width, height));
  const pixels = width * scale * height * scale;
  if (pixels / ANTHROPIC_PIXELS_PER_TOKEN > MAX_IMAGE_TOKENS) scale *= Math.sqrt((MAX_IMAGE_TOKENS * ANTHROPIC_PIXELS_PER_TOKEN) / pixels);
  return Math.ceil((Math.floor(width * scale) * Math.floor(height * scale)) / ANTHROPIC_PIXELS_PER_TOKEN);
}

/** Input tokens of one Anthropic answer call: the frames buildAnthropicRequest sends and the words around them. */
export function estimateAnthropicInputTokens(input: { video: VideoRecord | undefined; params?: Record<string, unknown>; prompt: string }): FrameInputEstimate {
  const promptTokens = estimateTextTokens(input.prompt);
  if (!input.video) return { frames: 0, tokens_per_frame: 0, image_tokens: 0, text_tokens: promptTokens, input_tokens: promptTokens };
  const plan = planFrames(input.video, input.params);
  const perFrame = anthropicImageTokens(plan.width, plan.height);
  const image_tokens = perFrame * plan.count;
  const text_tokens = plan.text_tokens + promptTokens;
  return { frames: plan.count, tokens_per_frame: perFrame, image_tokens, text_tokens, input_tokens: image_tokens + text_tokens };
}
