import { runTool } from '../../videos/run-tool.js';

/** Runs ffmpeg with an argument array and returns its stdout as bytes; injectable so tests can count or gate runs. */
export type FfmpegRunner = (
  binary: string,
  args: readonly string[],
  options: { signal?: AbortSignal; onStderrLine?: (line: string) => void },
) => Promise<Buffer>;

/**
 * `runTool` keeping stdout as raw bytes (JPEG frames). Rejects with a
 * `ToolError` on a non-zero exit, or with the signal's reason when aborted.
 */
export const runFfmpegBinary: FfmpegRunner = async (binary, args, options) =>
  (await runTool(binary, args, { ...options, captureStdout: true })).stdoutBytes;
