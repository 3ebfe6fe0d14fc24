import { spawn } from 'node:child_process';
import { basename } from 'node:path';
import { ToolError } from '../../videos/run-tool.js';

/** Runs ffmpeg with an argument array and returns its stdout as bytes. */
export type FfmpegRunner = (
  binary: string,
  args: readonly string[],
  options: { signal?: AbortSignal; onStderrLine?: (line: string) => void },
) => Promise<Buffer>;

const STDERR_TAIL_BYTES = 8192;

/**
 * Like `runTool`, but keeps stdout as raw bytes (`runTool` decodes it as
 * UTF-8, which would corrupt JPEG data). Rejects with a `ToolError` on a
 * non-zero exit, or with the signal's reason when aborted (the child is killed).
 */
export const runFfmpegBinary: FfmpegRunner = (binary, args, options) => {
  const { signal, onStderrLine } = options;
  const tool = basename(binary);
  return new Promise<Buffer>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'], windowsHide: true });
    const chunks: Buffer[] = [];
    let stderrTail = '';
    let partialLine = '';
    let settled = false;

    const finish = (error: unknown | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else resolve(Buffer.concat(chunks));
    };
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(signal?.reason ?? new Error(`${tool} aborted`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-STDERR_TAIL_BYTES);
      if (!onStderrLine) return;
      const lines = (partialLine + text).split(/\r\n|\n|\r/);
      partialLine = lines.pop() ?? '';
      for (const line of lines) onStderrLine(line);
    });
    child.on('error', (error) => finish(new ToolError(`${tool} could not start: ${error.message}`, tool, null, stderrTail, { cause: error })));
    child.on('close', (code) => {
      if (partialLine && onStderrLine && !settled) onStderrLine(partialLine);
      if (code === 0) finish(null);
      else {
        const tail = stderrTail.trim().split(/\r?\n/).slice(-3).join(' | ');
        finish(new ToolError(`${tool} exited with code ${code}: ${tail}`, tool, code, stderrTail));
      }
    });
  });
};
