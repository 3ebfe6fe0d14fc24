import { formatBytes } from '../domain/format-bytes.js';
import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { payloadTooLarge } from '../core/http-errors.js';
import { assertValidRange, BlobNotFoundError, type BlobRef, type BlobStore, type LocalFiles } from './blob-store.js';

const keyPattern = /^[A-Za-z0-9_.-]{1,100}$/;

/** A key or temp id that could name something outside the store's folders. */
export class InvalidBlobKeyError extends Error {
  override name = 'InvalidBlobKeyError';
  constructor(readonly key: string) {
    super(`Invalid blob key ${JSON.stringify(key.slice(0, 120))}`);
  }
}

/** True when `key` is a plain file name (no separators, no dot-dot, no leading dot). */
export function isValidBlobKey(key: string): boolean {
  return keyPattern.test(key) && !key.includes('..') && !key.startsWith('.');
}

/** Throws InvalidBlobKeyError unless `key` is a plain file name (no separators, no dot-dot, no leading dot). */
export function assertValidBlobKey(key: string): void {
  if (!isValidBlobKey(key)) throw new InvalidBlobKeyError(key);
}

/**
 * Blobs as files on local disk: `<rootDir>/videos/<key>`, uploads in progress
 * under `<rootDir>/tmp/`. A blob appears under its key only by an atomic
 * rename, so a reader never sees a partial file. Its files are already local,
 * so it is its own `LocalFiles` (no copy, nothing to evict).
 */
export class LocalBlobStore implements BlobStore, LocalFiles {
  private readonly videosDir: string;
  private readonly tmpDir: string;

  constructor(rootDir: string) {
    this.videosDir = join(rootDir, 'videos');
    this.tmpDir = join(rootDir, 'tmp');
  }

  /**
   * @throws HttpError 413 (payloadTooLarge) when the stream exceeds `maxBytes`;
   * the partial temp file is deleted before this rejects, whatever the error.
   */
  async writeTemp(source: Readable, options: { maxBytes: number }): Promise<{ tempId: string; size: number; sha256: string; path: string }> {
    const { maxBytes } = options;
    await mkdir(this.tmpDir, { recursive: true });
    const tempId = `${randomUUID()}.part`;
    const path = join(this.tmpDir, tempId);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        if (size > maxBytes) {
          callback(payloadTooLarge(`Upload is larger than the limit of ${formatBytes(maxBytes)}`));
          return;
        }
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(source, meter, createWriteStream(path, { flags: 'wx' }));
    } catch (error) {
      await rm(path, { force: true });
      throw error;
    }
    return { tempId, size, sha256: hash.digest('hex'), path };
  }

  async commit(tempId: string, key: string): Promise<void> {
    const from = this.tempPath(tempId);
    const to = this.blobPath(key);
    await mkdir(this.videosDir, { recursive: true });
    if (existsSync(to)) throw new Error(`Blob ${key} already exists`);
    await rename(from, to);
  }

  async discardTemp(tempId: string): Promise<void> {
    await rm(this.tempPath(tempId), { force: true });
  }

  async use<T>(blob: BlobRef, use: (path: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    signal?.throwIfAborted();
    if (!(await this.exists(blob.key))) throw new BlobNotFoundError(blob.key);
    return use(this.blobPath(blob.key));
  }

  /** The local file of an upload still in progress (what `commit` will keep). */
  tempFile(tempId: string): string {
    return this.tempPath(tempId);
  }

  /** `range` is inclusive at both ends, as in HTTP Range headers. */
  async openRead(key: string, range?: { start: number; end: number }): Promise<Readable> {
    const path = this.blobPath(key);
    if (range) assertValidRange(range);
    if (!(await this.exists(key))) throw new BlobNotFoundError(key);
    return range ? createReadStream(path, range) : createReadStream(path);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return (await stat(this.blobPath(key))).isFile();
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
  }

  async committedAt(key: string): Promise<number | undefined> {
    try {
      return (await stat(this.blobPath(key))).mtimeMs;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.blobPath(key), { force: true });
  }

  private blobPath(key: string): string {
    assertValidBlobKey(key);
    return join(this.videosDir, key);
  }

  private tempPath(tempId: string): string {
    assertValidBlobKey(tempId);
    return join(this.tmpDir, tempId);
  }

  async listKeys(): Promise<string[]> {
    await mkdir(this.videosDir, { recursive: true });
    return readdir(this.videosDir);
  }

  async clearTemp(): Promise<number> {
    await mkdir(this.tmpDir, { recursive: true });
    const leftovers = await readdir(this.tmpDir);
    await Promise.all(leftovers.map((name) => rm(join(this.tmpDir, name), { force: true, recursive: true })));
    return leftovers.length;
  }
}

