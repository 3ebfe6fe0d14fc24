import { CommanderError } from 'commander';
import { ApiError, ServerUnreachableError } from './api-client.js';
import { exitCodes, JobOutcomeError, SilentExit, UsageError } from './cli-errors.js';
import { parseCliConfig, type CliConfig } from '../config/cli-config.js';
import { configSource } from '../config/config-source.js';
import { createProgram } from './create-program.js';

/** stdout was closed by the reader (`vidcompare export ID | head`): nothing is wrong */
function isClosedPipe(error: unknown): boolean {
  return (error as { code?: string }).code === 'EPIPE';
}

/** The exit code for an error a command threw. */
export function exitCodeFor(error: unknown): number {
  if (isClosedPipe(error)) return exitCodes.ok;
  if (error instanceof CommanderError) return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  if (error instanceof UsageError || error instanceof SilentExit || error instanceof JobOutcomeError) return error.exitCode;
  if ((error as { name?: string }).name === 'ConfigError') return exitCodes.usage;
  return exitCodes.failure;
}

/** One line saying what went wrong (the server's `detail` for API errors). */
export function errorLine(error: unknown): string | undefined {
  if (error instanceof SilentExit || isClosedPipe(error)) return undefined;
  if (error instanceof CommanderError) {
    if (error.exitCode === 0) return undefined;
    return `${error.message.replace(/^error:\s*/i, 'vidcompare: ')} (see --help)`;
  }
  if (error instanceof ApiError) {
    const prefix = error.status === 401 ? 'vidcompare: not authorised (set --token or VIDCOMPARE_TOKEN)' : 'vidcompare';
    return `${prefix}: ${error.detail}${error.status >= 500 ? ` (HTTP ${error.status})` : ''}`;
  }
  if (error instanceof ServerUnreachableError || error instanceof UsageError || error instanceof JobOutcomeError) return `vidcompare: ${error.message}`;
  if (error instanceof Error) return `vidcompare: ${error.message}`;
  return `vidcompare: ${String(error)}`;
}

/**
 * Runs the CLI and resolves with the exit code and whether the process must
 * keep running (`serve`); it never exits the process itself. Errors are
 * written as one line on stderr.
 */
export async function runCli(argv: string[], stderr: { write(text: string): unknown } = process.stderr): Promise<{ code: number; keepAlive: boolean }> {
  const state = { keepAlive: false };
  let config: CliConfig | undefined;
  try {
    config = parseCliConfig(configSource());
    await createProgram(state, config).parseAsync(argv);
    return { code: exitCodes.ok, keepAlive: state.keepAlive };
  } catch (error) {
    const line = errorLine(error);
    if (line) stderr.write(`${line.replace(/\s*\n\s*/g, ' ').trim()}\n`);
    if (config?.debug && error instanceof Error && error.stack) stderr.write(`${error.stack}\n`);
    return { code: exitCodeFor(error), keepAlive: false };
  }
}
