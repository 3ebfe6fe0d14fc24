/** The error and every `cause` below it (bounded, in case of a cycle). */
function* causeChain(error: unknown): Generator<unknown> {
  let current: unknown = error;
  for (let depth = 0; depth < 10 && current !== undefined && current !== null; depth++) {
    yield current;
    current = typeof current === 'object' ? (current as { cause?: unknown }).cause : undefined;
  }
}

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

const diskFullCodes = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const disconnectCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** True when the disk (or the database file) is full, wherever in the cause chain that was reported. */
export function isDiskFull(error: unknown): boolean {
  for (const link of causeChain(error)) if (diskFullCodes.has(codeOf(link) as string)) return true;
  return false;
}

/** True when the error only says that the client went away (reset, aborted upload). */
export function isClientDisconnect(error: unknown): boolean {
  for (const link of causeChain(error)) if (disconnectCodes.has(codeOf(link) as string)) return true;
  return false;
}
