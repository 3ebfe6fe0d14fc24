/** Exit codes of the CLI: 0 ok, 1 a job failed or was cancelled or the server refused, 2 bad usage. */
export const exitCodes = { ok: 0, failure: 1, usage: 2 } as const;

/** The command line is wrong (bad option value, missing argument, unknown template...): exit 2. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = exitCodes.usage;
}

/** A job ended failed or cancelled (or vanished): exit 1. */
export class JobOutcomeError extends Error {
  override name = 'JobOutcomeError';
  readonly exitCode = exitCodes.failure;
}

/** Whatever was already printed explains the failure; only the exit code is left to set. */
export class SilentExit extends Error {
  override name = 'SilentExit';
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
