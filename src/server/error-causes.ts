import { causeChain, errorCode } from '../core/network-errors.js';

const diskFullCodes = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
const disconnectCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

/** True when the disk (or the database file) is full, wherever in the cause chain that was reported. */
export function isDiskFull(error: unknown): boolean {
  for (const link of causeChain(error)) if (diskFullCodes.has(errorCode(link) ?? '')) return true;
  return false;
}

/** True when the error only says that the client went away (reset, aborted upload). */
export function isClientDisconnect(error: unknown): boolean {
  for (const link of causeChain(error)) if (disconnectCodes.has(errorCode(link) ?? '')) return true;
  return false;
}
