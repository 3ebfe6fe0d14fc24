/** Error codes that mean the disk (or the database's quota) is full. */
const diskFullCodes = new Set(['SQLITE_FULL', 'ENOSPC', 'EDQUOT']);
/** Codes of failures that may pass when tried again a little later. */
const transientCodes = new Set([...diskFullCodes, 'SQLITE_BUSY', 'SQLITE_LOCKED', 'SQLITE_IOERR', 'EAGAIN', 'EIO']);

function codesInChain(error: unknown): string[] {
  const codes: string[] = [];
  const seen = new Set<unknown>();
  for (let current = error; current && typeof current === 'object' && !seen.has(current); current = (current as { cause?: unknown }).cause) {
    seen.add(current);
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

/** True when the error, or any error in its `cause` chain, says the disk is full (SQLITE_FULL, ENOSPC, EDQUOT). */
export function isDiskFullError(error: unknown): boolean {
  return codesInChain(error).some((code) => diskFullCodes.has(code));
}

/**
 * True when a write failed for a reason that may pass by itself: a full disk,
 * a busy or locked database, an I/O error (SQLITE_IOERR_* included).
 */
export function isTransientStorageError(error: unknown): boolean {
  return codesInChain(error).some((code) => transientCodes.has(code) || code.startsWith('SQLITE_IOERR_'));
}
