import type { MediaTools } from '../../videos/media-tools.js';
import { runMediaTool } from '../../videos/run-media-tool.js';

/** Runs ffmpeg with an argument array and returns its stdout as bytes; injectable so tests can count or gate runs. */
export type FfmpegRunner = (
  tools: MediaTools,
  args: readonly string[],
  options: { signal?: AbortSignal; onStderrLine?: (line: string) => void; mediaDurationS?: number },
) => Promise<Buffer>;

/**
 * ffmpeg as background media work (shared process limit, time limit scaled to
 * the video, killed on abort), keeping stdout as raw bytes (JPEG frames).
 * Rejects with a `ToolError` on a non-zero exit, or a cancellation when aborted.
 */
export const runFfmpegBinary: FfmpegRunner = async (tools, args, options) =>
  (await runMediaTool(tools, 'ffmpeg', args, { ...options, kind: 'background', captureStdout: true })).stdoutBytes;
