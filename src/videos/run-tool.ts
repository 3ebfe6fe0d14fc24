import { spawn } from 'node:child_process';
import { basename } from 'node:path';

/** A media tool exited non-zero, could not start, or was aborted. */
export class ToolError extends Error {
  override name = 'ToolError';
  constructor(
    message: string,
    readonly tool: string,
    readonly exitCode: number | null,
    /** the last lines the tool wrote to stderr */
    readonly stderrTail: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface RunToolOptions {
  signal?: AbortSignal;
  /** called for every stderr line as it arrives, so long outputs are parsed without being kept */
  onStderrLine?: (line: string) => void;
  /** keep stdout and return it (default: discarded) */
  captureStdout?: boolean;
  /** how much of the end of stderr to keep for error messages (default 8 KiB) */
  stderrTailBytes?: number;
}

export interface RunToolResult {
  /** stdout decoded as UTF-8 (empty unless captureStdout) */
  stdout: string;
  /** stdout as raw bytes, for binary output such as image2pipe frames */
  stdoutBytes: Buffer;
  stderrTail: string;
}

/**
 * Runs a binary with an argument array (never through a shell). Resolves when
 * it exits 0; rejects with a ToolError otherwise, or with the signal's reason
 * when aborted (the child is killed).
 */
export function runTool(binary: string, args: readonly string[], options: RunToolOptions = {}): Promise<RunToolResult> {
  const { signal, onStderrLine, captureStdout = false, stderrTailBytes = 8192 } = options;
  const tool = basename(binary);
  return new Promise<RunToolResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(binary, args, { stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'], windowsHide: true });
    const stdoutChunks: Buffer[] = [];
    let stderrTail = '';
    let partialLine = '';
    let settled = false;

    const finish = (error: unknown | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      if (error) reject(error);
      else {
        const stdoutBytes = Buffer.concat(stdoutChunks);
        resolve({ stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderrTail });
      }
    };
    const onAbort = () => {
      child.kill('SIGKILL');
      finish(signal?.reason ?? new Error(`${tool} aborted`));
    };
    signal?.addEventListener('abort', onAbort, { once: true });

    child.stdout?.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-stderrTailBytes);
      if (!onStderrLine) return;
      // ffmpeg ends some lines with \r (progress); treat it as a line break too
      const lines = (partialLine + text).split(/\r\n|\n|\r/);
      partialLine = lines.pop() ?? '';
      try {
        for (const line of lines) onStderrLine(line);
      } catch (error) {
        child.kill('SIGKILL');
        finish(error);
      }
    });
    child.on('error', (error) => finish(new ToolError(`${tool} could not start: ${error.message}`, tool, null, stderrTail, { cause: error })));
    child.on('close', (code) => {
      try {
        if (partialLine && onStderrLine && !settled) onStderrLine(partialLine);
      } catch (error) {
        finish(error);
      }
      partialLine = '';
      if (code === 0) finish(null);
      else finish(new ToolError(`${tool} exited with code ${code}: ${lastLines(stderrTail, 3)}`, tool, code, stderrTail));
    });
  });
}

function lastLines(text: string, count: number): string {
  return text.trim().split(/\r?\n/).slice(-count).join(' | ');
}
