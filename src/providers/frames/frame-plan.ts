import type { VideoRecord } from '../../domain/index.js';
import { estimateTextTokens } from '../text-token-estimate.js';
import { framesPreamble, labelFrames } from './frame-labels.js';
import { readFrameParams } from './frame-params.js';
import { DEFAULT_MAX_FRAMES, DEFAULT_MAX_WIDTH } from './sample-frames.js';

/** The frames a frame-sampling adapter will send for a video, worked out without decoding it. */
export interface FramePlan {
  count: number;
  /** pixel size of each frame after the adapter's scaling (a 16:9 frame at the width cap when the video's size is unknown) */
  width: number;
  height: number;
  /** tokens of the words around the images: the preamble and one "Frame at MM:SS" label per frame */
  text_tokens: number;
}

/**
 * What extractFrames and the request builders will produce: `max_frames`
 * frames (one when the duration is unknown) at the middle of equal slices,
 * scaled to at most `max_width` (even pixels, aspect kept, as ffmpeg's
 * `scale=trunc(min(W,iw)/2)*2:-2` does), each introduced by its time label.
 */
export function planFrames(
  video: VideoRecord,
  params: Record<string, unknown> | undefined,
  defaults: { maxFrames?: number; maxWidth?: number } = {},
): FramePlan {
  const { maxFrames, maxWidth } = readFrameParams(
    params,
    { maxFrames: defaults.maxFrames ?? DEFAULT_MAX_FRAMES, maxWidth: defaults.maxWidth ?? DEFAULT_MAX_WIDTH },
    true,
  );
  const duration = Number.isFinite(video.duration_s) && video.duration_s > 0 ? video.duration_s : 0;
  const count = duration > 0 ? maxFrames : 1;
  const step = duration / count;
  const frames = Array.from({ length: count }, (_, k) => ({ timestamp_s: (k + 0.5) * step, jpeg: Buffer.alloc(0) }));
  const words = [framesPreamble({ record: video }, frames), ...labelFrames(frames).map((f) => f.label)];
  const text_tokens = words.reduce((sum, text) => sum + estimateTextTokens(text), 0);

  const sourceWidth = video.width || maxWidth;
  const sourceHeight = video.height || Math.round((maxWidth * 9) / 16);
  const width = Math.max(2, Math.trunc(Math.min(maxWidth, sourceWidth) / 2) * 2);
  const height = Math.max(2, Math.round((sourceHeight * width) / sourceWidth / 2) * 2);
  return { count, width, height, text_tokens };
}
