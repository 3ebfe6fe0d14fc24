import { spawn, type ChildProcess } from 'node:child_process';
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

/** A media tool ran longer than its time limit and was killed. */
export class ToolTimeoutError extends ToolError {
  override name = 'ToolTimeoutError';
  constructor(tool: string, readonly timeoutMs: number, stderrTail: string) {
    super(`${tool} took longer than ${Math.round(timeoutMs / 100) / 10} s and was stopped`, tool, null, stderrTail);
  }
}

export interface RunToolOptions {
  signal?: AbortSignal;
  /** kills the tool after this long and rejects with a ToolTimeoutError (no limit when unset) */
  timeoutMs?: number;
  /** after SIGTERM (abort, timeout), how long the tool may take to exit before SIGKILL (default 2 s) */
  killGraceMs?: number;
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

/** A tool process that has been started and has not exited yet. */
export interface LiveToolProcess {
  pid: number;
  tool: string;
}

const live = new Map<ChildProcess, LiveToolProcess>();

/** The media tool processes this process started that are still running (for monitoring and tests). */
export function liveToolProcesses(): LiveToolProcess[] {
  return [...live.values()];
}

/**
 * Runs a binary with an argument array (never through a shell). Resolves when
 * it exits 0; rejects with a ToolError otherwise, a ToolTimeoutError after
 * `timeoutMs`, or the signal's reason when aborted. An aborted or timed-out
 * tool gets SIGTERM, then SIGKILL after `killGraceMs`; the promise settles
 * only once the process has exited, so nothing is left running behind it.
 */
export function runTool(binary: string, args: readonly string[], options: RunToolOptions = {}): Promise<RunToolResult> {
  const { signal, onStderrLine, captureStdout = false, stderrTailBytes = 8192, timeoutMs, killGraceMs = 2000 } = options;
  const tool = basename(binary);
  return new Promise<RunToolResult>((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const child = spawn(binary, args, { stdio: ['ignore', captureStdout ? 'pipe' : 'ignore', 'pipe'], windowsHide: true });
    if (child.pid !== undefined) live.set(child, { pid: child.pid, tool });
    const stdoutChunks: Buffer[] = [];
    let stderrTail = '';
    let partialLine = '';
    let settled = false;
    /** why the tool is being stopped; reported once it has exited */
    let stopReason: { error: unknown } | undefined;
    let killTimer: NodeJS.Timeout | undefined;
    let timeoutTimer: NodeJS.Timeout | undefined;

    const finish = (error: unknown | null) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      clearTimeout(timeoutTimer);
      clearTimeout(killTimer);
      if (error) reject(error);
      else {
        const stdoutBytes = Buffer.concat(stdoutChunks);
        resolve({ stdout: stdoutBytes.toString('utf8'), stdoutBytes, stderrTail });
      }
    };
    const stop = (error: unknown) => {
      if (stopReason) return;
      stopReason = { error };
      clearTimeout(timeoutTimer);
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      killTimer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
    };
    const onAbort = () => stop(signal?.reason ?? new Error(`${tool} aborted`));
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== undefined && timeoutMs > 0) {
      timeoutTimer = setTimeout(() => stop(new ToolTimeoutError(tool, timeoutMs, stderrTail)), timeoutMs);
    }

    child.stdout?.on('data', (chunk: Buffer) => stdoutChunks.push(chunk));
    child.stderr?.setEncoding('utf8');
    child.stderr?.on('data', (text: string) => {
      stderrTail = (stderrTail + text).slice(-stderrTailBytes);
      if (!onStderrLine || stopReason) return;
      // ffmpeg ends some lines with \r (progress); treat it as a line break too
      const lines = (partialLine + text).split(/\r\n|\n|\r/);
      partialLine = lines.pop() ?? '';
      try {
        for (const line of lines) onStderrLine(line);
      } catch (error) {
        stop(error);
      }
    });
    child.on('error', (error) => {
      live.delete(child);
      finish(new ToolError(`${tool} could not start: ${error.message}`, tool, null, stderrTail, { cause: error }));
    });
    child.on('close', (code) => {
      live.delete(child);
      if (stopReason) return finish(stopReason.error);
      try {
        if (partialLine && onStderrLine) onStderrLine(partialLine);
      } catch (error) {
        return finish(error);
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
