import type { Readable } from 'node:stream';

/** A committed blob as tools ask for it: its key in the store and what identifies its bytes. */
export interface BlobRef {
  key: string;
  sha256: string;
  size: number;
}

/**
 * Where video bytes live: local disk by default, S3 when configured. Keys are
 * opaque ids chosen by the caller (validated: no path tricks). Nothing here
 * hands out a file path: tools that need a file go through `LocalFiles`.
 */
export interface BlobStore {
  /**
   * streams `source` into a temporary blob; nothing is visible under `key` until `commit`.
   * The temporary blob is always a local file (`path`), so an upload can be probed before it is kept.
   */
  writeTemp(source: Readable, options: { maxBytes: number }): Promise<{ tempId: string; size: number; sha256: string; path: string }>;
  commit(tempId: string, key: string): Promise<void>;
  discardTemp(tempId: string): Promise<void>;
  /**
   * The bytes, or an inclusive byte range of them (as in HTTP Range headers).
   * @throws BlobNotFoundError when no blob has this key; RangeError for an invalid range
   */
  openRead(key: string, range?: { start: number; end: number }): Promise<Readable>;
  exists(key: string): Promise<boolean>;
  /** idempotent: deleting a missing key is not an error */
  delete(key: string): Promise<void>;
  /** every committed key (for finding files a crash left without a record) */
  listKeys(): Promise<string[]>;
  /** when the blob was committed (ms since the epoch), or undefined when it does not exist */
  committedAt(key: string): Promise<number | undefined>;
  /** removes temporary blobs a crash left behind; call only when no upload is running */
  clearTemp(): Promise<number>;
}

/** A blob tools need as a local file (ffmpeg, frame sampling, OCR, file uploads to providers). */
export interface LocalFiles {
  /**
   * Runs `use` with a local file holding the blob's bytes, fetched first when
   * needed; the file is not removed while `use` runs.
   * @throws BlobNotFoundError when the store has no such blob; the signal's reason when aborted while waiting
   */
  use<T>(blob: BlobRef, use: (path: string) => Promise<T>, signal?: AbortSignal): Promise<T>;
}

export class BlobNotFoundError extends Error {
  override name = 'BlobNotFoundError';
  constructor(readonly key: string) {
    super(`Blob ${key} does not exist`);
  }
}

/** Checks an inclusive byte range before any I/O. */
export function assertValidRange(range: { start: number; end: number }): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new RangeError(`Invalid byte range ${start}-${end}`);
  }
}
