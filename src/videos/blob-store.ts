import type { Readable } from 'node:stream';

/**
 * Where video bytes live. Local disk by default; an object store later.
 * Keys are opaque ids chosen by the caller (validated: no path tricks).
 */
export interface BlobStore {
  /** streams `source` into a temporary blob; nothing is visible under `key` until `commit` */
  writeTemp(source: Readable, options: { maxBytes: number }): Promise<{ tempId: string; size: number; sha256: string; path: string }>;
  commit(tempId: string, key: string): Promise<void>;
  discardTemp(tempId: string): Promise<void>;
  /** a local file path for tools that need one (ffmpeg); throws if missing */
  localPath(key: string): string;
  openRead(key: string, range?: { start: number; end: number }): Readable;
  exists(key: string): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** every committed key (for finding files a crash left without a record) */
  listKeys(): Promise<string[]>;
  /** removes temporary blobs a crash left behind; call only when no upload is running */
  clearTemp(): Promise<number>;
}
