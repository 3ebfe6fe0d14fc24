import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from '../logging/logger.js';
import type { BlobRef, BlobStore, LocalFiles } from './blob-store.js';

export interface BlobCacheOptions {
  /** the store the bytes come from on a miss */
  blobs: BlobStore;
  /** the cache's own folder (files are named by sha256) */
  dir: string;
  /** files not in use are evicted, least recently used first, while the cache holds more than this */
  maxBytes: number;
  logger: Logger;
  now?: () => number;
}

interface Entry {
  size: number;
  lastUsed: number;
  /** callers between asking for the file and `use` returning: the file is not evicted while > 0 */
  users: number;
  /** the download (settled at once for files found on disk) */
  ready: Promise<void>;
  fetched: boolean;
}

const sha256Pattern = /^[0-9a-f]{64}$/;

/** Resolves with `promise`, or rejects with the signal's reason as soon as it aborts (the promise goes on). */
function abortable<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  signal.throwIfAborted();
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Local copies of blobs kept in a remote store (S3), for tools that need a
 * file. Keyed by sha256, so every video with the same bytes shares one file.
 * A miss downloads the blob once however many callers ask meanwhile (checked
 * against its sha256 and size); files beyond `maxBytes` are evicted least
 * recently used first, never while a caller uses them.
 */
export class BlobCache implements LocalFiles {
  private readonly entries = new Map<string, Entry>();
  /** evicted files still being removed: a new download of the same bytes waits for it */
  private readonly removals = new Map<string, Promise<void>>();
  private loaded: Promise<void> | undefined;
  private readonly now: () => number;
  readonly stats = { fetches: 0, hits: 0, evictions: 0 };

  constructor(private readonly options: BlobCacheOptions) {
    this.now = options.now ?? Date.now;
  }

  async use<T>(blob: BlobRef, use: (path: string) => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (!sha256Pattern.test(blob.sha256)) throw new Error(`Invalid sha256 ${JSON.stringify(blob.sha256.slice(0, 80))}`);
    signal?.throwIfAborted();
    await this.load();
    let entry = this.entries.get(blob.sha256);
    if (entry) this.stats.hits += 1;
    else entry = this.startFetch(blob);
    entry.users += 1;
    try {
      await abortable(entry.ready, signal);
      return await use(this.filePath(blob.sha256));
    } finally {
      entry.users -= 1;
      entry.lastUsed = this.now();
      await this.evict();
    }
  }

  /** bytes of the files held now (downloads in progress excluded) */
  get heldBytes(): number {
    let total = 0;
    for (const entry of this.entries.values()) if (entry.fetched) total += entry.size;
    return total;
  }

  private startFetch(blob: BlobRef): Entry {
    const entry: Entry = { size: blob.size, lastUsed: this.now(), users: 0, fetched: false, ready: Promise.resolve() };
    this.stats.fetches += 1;
    entry.ready = this.download(blob).then(
      () => {
        entry.fetched = true;
        // removal failures are logged inside; the download itself succeeded
        void this.evict();
      },
      (error: unknown) => {
        if (this.entries.get(blob.sha256) === entry) this.entries.delete(blob.sha256);
        throw error;
      },
    );
    // the callers see the rejection; this keeps a download nobody waits for any more from being reported as unhandled
    entry.ready.catch(() => undefined);
    this.entries.set(blob.sha256, entry);
    return entry;
  }

  private async download(blob: BlobRef): Promise<void> {
    const { blobs, dir, logger } = this.options;
    const started = performance.now();
    const target = this.filePath(blob.sha256);
    const partial = join(dir, `${blob.sha256}.${randomUUID()}.part`);
    const hash = createHash('sha256');
    let size = 0;
    const meter = new Transform({
      transform(chunk: Buffer, _encoding, callback) {
        size += chunk.length;
        hash.update(chunk);
        callback(null, chunk);
      },
    });
    try {
      await pipeline(await blobs.openRead(blob.key), meter, createWriteStream(partial, { flags: 'wx' }));
      const sha256 = hash.digest('hex');
      if (sha256 !== blob.sha256 || size !== blob.size) {
        throw new Error(`Blob ${blob.key} does not match its record: ${size} bytes with sha256 ${sha256.slice(0, 12)}…, expected ${blob.size} bytes with ${blob.sha256.slice(0, 12)}…`);
      }
      await this.removals.get(blob.sha256);
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    logger.info({ key: blob.key, bytes: size, ms: Math.round(performance.now() - started) }, 'blob cache: fetched from the blob store');
  }

  /** Registers the files a previous run left (their last use taken from mtime) and removes partial downloads. */
  private load(): Promise<void> {
    this.loaded ??= (async () => {
      const { dir } = this.options;
      await mkdir(dir, { recursive: true });
      for (const name of await readdir(dir)) {
        const path = join(dir, name);
        if (!sha256Pattern.test(name)) {
          if (name.endsWith('.part')) await rm(path, { force: true });
          continue;
        }
        const info = await stat(path);
        this.entries.set(name, { size: info.size, lastUsed: info.mtimeMs, users: 0, fetched: true, ready: Promise.resolve() });
      }
      await this.evict();
    })();
    return this.loaded;
  }

  /** Removes idle files, least recently used first, until the cache fits its cap; resolves when they are gone. */
  private async evict(): Promise<void> {
    let excess = this.heldBytes - this.options.maxBytes;
    // removals another eviction started count too: the caller is told the cache fits once the files are gone
    const removals: Promise<void>[] = [...this.removals.values()];
    const idle = [...this.entries.entries()].filter(([, entry]) => entry.fetched && entry.users === 0).sort(([, a], [, b]) => a.lastUsed - b.lastUsed);
    for (const [sha256, entry] of idle) {
      if (excess <= 0) break;
      excess -= entry.size;
      this.entries.delete(sha256);
      this.stats.evictions += 1;
      const removal = rm(this.filePath(sha256), { force: true }).then(
        () => this.options.logger.debug({ sha256, bytes: entry.size }, 'blob cache: evicted'),
        (error: unknown) => this.options.logger.warn({ sha256, err: error }, 'blob cache: could not remove an evicted file'),
      );
      this.removals.set(sha256, removal);
      removals.push(
        removal.finally(() => {
          if (this.removals.get(sha256) === removal) this.removals.delete(sha256);
        }),
      );
    }
    await Promise.all(removals);
  }

  private filePath(sha256: string): string {
    return join(this.options.dir, sha256);
  }
}
