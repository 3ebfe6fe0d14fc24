import type { MediaWorkKind } from './media-process-slots.js';
import type { MediaTools } from './media-tools.js';
import { runTool, type RunToolOptions, type RunToolResult } from './run-tool.js';

/** No media run is given less than this, however short the video (a loaded 2-core machine can take minutes for seconds of video). */
export const MEDIA_TIMEOUT_FLOOR_MS = 5 * 60_000;
/** Time allowed per second of video: a run may go five times slower than real time. */
export const MEDIA_TIMEOUT_PER_VIDEO_SECOND_MS = 5_000;
/** No media run is given more than this, however long the video (the longest accepted video at five times real time). */
export const MEDIA_TIMEOUT_CAP_MS = 15 * 3_600_000;

/**
 * How long one ffmpeg/ffprobe run over a video of `durationS` may take:
 * proportional to the duration, between a floor and a cap.
 */
export function mediaTimeoutMs(durationS: number | undefined): number {
  const seconds = Number.isFinite(durationS) && durationS! > 0 ? durationS! : 0;
  return Math.min(MEDIA_TIMEOUT_CAP_MS, Math.max(MEDIA_TIMEOUT_FLOOR_MS, seconds * MEDIA_TIMEOUT_PER_VIDEO_SECOND_MS));
}

export interface RunMediaToolOptions extends Omit<RunToolOptions, 'timeoutMs'> {
  kind: MediaWorkKind;
  /** the video's duration, when known: the time limit grows with it (see mediaTimeoutMs) */
  mediaDurationS?: number;
  /** overrides the duration-scaled time limit */
  timeoutMs?: number;
}

/**
 * Runs ffmpeg or ffprobe the way every media run in the application must:
 * inside one of the shared process places (waiting is abortable), with a
 * time limit scaled to the video, killed on abort, and with decoders refusing
 * pictures over `tools.maxPixels`.
 * @throws ToolError / ToolTimeoutError; CancelledError when aborted while waiting for a place
 */
export function runMediaTool(
  tools: MediaTools,
  which: 'ffmpeg' | 'ffprobe',
  args: readonly string[],
  options: RunMediaToolOptions,
): Promise<RunToolResult> {
  const { kind, mediaDurationS, timeoutMs, ...runOptions } = options;
  // -max_pixels is an input (decoder) option: first in the list, it applies to the first input
  const guardedArgs = ['-max_pixels', String(Math.floor(tools.maxPixels)), ...args];
  return tools.processes.run(kind, options.signal, () =>
    runTool(tools[which], guardedArgs, { ...runOptions, timeoutMs: timeoutMs ?? mediaTimeoutMs(mediaDurationS) }),
  );
}
