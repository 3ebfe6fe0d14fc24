import { rename, rm, stat, writeFile } from 'node:fs/promises';
import type { Logger } from '../logging/logger.js';
import { isDiskFullError } from './storage-failures.js';

/** Enough for SQLite to journal the deletion of a large job. */
export const DEFAULT_SPACE_RESERVE_BYTES = 16 * 1024 * 1024;

/**
 * A file of zeros kept in the data folder so that, when the disk fills up,
 * deleting (which SQLite must journal, so it needs a little space too) still
 * works: the reserve is removed, the delete retried, and the reserve made
 * again once there is room.
 */
export class SpaceReserve {
  constructor(
    private readonly path: string,
    private readonly logger: Logger,
    private readonly bytes = DEFAULT_SPACE_RESERVE_BYTES,
  ) {}

  /** Creates the reserve when it is missing. Never throws: without room it stays missing and is retried later. */
  async ensure(): Promise<boolean> {
    if (this.bytes <= 0) return false;
    try {
      if ((await stat(this.path)).size === this.bytes) return true;
    } catch {
      // missing: make it
    }
    const partial = `${this.path}.part`;
    try {
      await writeFile(partial, Buffer.alloc(this.bytes));
      await rename(partial, this.path);
      return true;
    } catch (error) {
      await rm(partial, { force: true }).catch(() => undefined);
      this.logger.warn({ err: error }, 'could not set disk space aside for deletions');
      return false;
    }
  }

  /** Removes the reserve; true when there was one. */
  async release(): Promise<boolean> {
    try {
      await rm(this.path);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Runs a write that frees space (a delete). When it fails because the disk
   * is full, releases the reserve and runs it once more; the reserve is made
   * again afterwards, when there is room.
   */
  async freeing<T>(write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (!isDiskFullError(error) || !(await this.release())) throw error;
      this.logger.warn('disk full: released the space reserve so a deletion can complete');
      try {
        return await write();
      } finally {
        await this.ensure();
      }
    }
  }
}

/** `reserve.freeing(write)`, or just `write()` where no reserve is configured (tests, in-memory stores). */
export function freeingSpace<T>(reserve: SpaceReserve | undefined, write: () => Promise<T>): Promise<T> {
  return reserve ? reserve.freeing(write) : write();
}
