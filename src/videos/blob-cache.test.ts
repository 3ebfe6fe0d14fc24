import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../logging/logger.js';
import { BlobCache } from './blob-cache.js';
import { BlobNotFoundError, type BlobRef, type BlobStore } from './blob-store.js';
import { LocalBlobStore } from './local-blob-store.js';

/** The "remote" store: a local one whose reads are counted and can be held back until released. */
class CountingStore {
  reads = 0;
  private gate: Promise<void> | undefined;
  private openGate: (() => void) | undefined;

  constructor(readonly inner: LocalBlobStore) {}

  hold(): void {
    this.gate = new Promise((resolve) => (this.openGate = resolve));
  }

  release(): void {
    this.openGate?.();
    this.gate = undefined;
  }

  asStore(): BlobStore {
    return new Proxy(this.inner, {
      get: (target, property, receiver) => {
        if (property !== 'openRead') return Reflect.get(target, property, receiver);
        return async (key: string, range?: { start: number; end: number }) => {
          this.reads += 1;
          await this.gate;
          return target.openRead(key, range);
        };
      },
    });
  }
}

describe('BlobCache', () => {
  let root: string;
  let remote: CountingStore;
  let clock: number;
  const open = (maxBytes: number) => new BlobCache({ blobs: remote.asStore(), dir: join(root, 'cache'), maxBytes, logger: createLogger('silent'), now: () => clock });

  async function put(key: string, content: string): Promise<BlobRef> {
    const temp = await remote.inner.writeTemp(Readable.from([Buffer.from(content)]), { maxBytes: 1000 });
    await remote.inner.commit(temp.tempId, key);
    return { key, sha256: temp.sha256, size: temp.size };
  }

  const cached = async () => (await readdir(join(root, 'cache'))).sort();

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blob-cache-'));
    remote = new CountingStore(new LocalBlobStore(join(root, 'remote')));
    clock = 1000;
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('fetches a blob once for callers asking at the same time, into a file named by its sha256', async () => {
    const blob = await put('a', 'aaaa');
    const cache = open(1000);
    remote.hold();
    const reads = [1, 2, 3].map(() => cache.use(blob, (path) => readFile(path, 'utf8')));
    const paths = [1, 2].map(() => cache.use(blob, async (path) => path));
    remote.release();
    expect(await Promise.all(reads)).toEqual(['aaaa', 'aaaa', 'aaaa']);
    expect(new Set(await Promise.all(paths))).toEqual(new Set([join(root, 'cache', blob.sha256)]));
    expect(remote.reads).toBe(1);
    expect(await cache.use(blob, (path) => readFile(path, 'utf8'))).toBe('aaaa');
    expect(remote.reads).toBe(1);
    expect(cache.stats).toMatchObject({ fetches: 1 });
  });

  it('evicts the least recently used files beyond its size cap', async () => {
    const [a, b, c] = [await put('a', 'aaaa'), await put('b', 'bbbb'), await put('c', 'cccc')];
    const cache = open(8);
    const touch = async (blob: BlobRef) => {
      clock += 1;
      await cache.use(blob, async () => undefined);
    };
    await touch(a);
    await touch(b);
    await touch(a); // a is now more recent than b
    await touch(c);
    expect(await cached()).toEqual([a.sha256, c.sha256].sort());
    expect(cache.heldBytes).toBe(8);
    expect(remote.reads).toBe(3);
    await touch(b); // evicted earlier: fetched again, and a (older than c) makes room
    expect(remote.reads).toBe(4);
    expect(await cached()).toEqual([b.sha256, c.sha256].sort());
  });

  it('never evicts a file while a caller uses it, and evicts it once released', async () => {
    const [a, b] = [await put('a', 'aaaa'), await put('b', 'bbbb')];
    const cache = open(4);
    let finish!: () => void;
    const finished = new Promise<void>((resolve) => (finish = resolve));
    let pathOfA = '';
    const usingA = cache.use(a, async (path) => {
      pathOfA = path;
      await finished;
      return readFile(path, 'utf8');
    });
    while (!pathOfA) await new Promise((resolve) => setImmediate(resolve));
    clock += 1;
    // b needs the whole cap; a is the least recently used file but in use, so it stays and b goes once b is done
    expect(await cache.use(b, async (path) => {
      expect(await cached()).toEqual([a.sha256, b.sha256].sort());
      return readFile(path, 'utf8');
    })).toBe('bbbb');
    expect(existsSync(pathOfA)).toBe(true);
    expect(await cached()).toEqual([a.sha256]);
    finish();
    expect(await usingA).toBe('aaaa');
    expect(await cached()).toEqual([a.sha256]);
    clock += 1;
    // once released, a is evicted like any other file
    await cache.use(b, async () => undefined);
    expect(await cached()).toEqual([b.sha256]);
  });

  it('refuses bytes that do not match the record, keeps nothing, and fetches again next time', async () => {
    const blob = await put('a', 'aaaa');
    const cache = open(1000);
    const wrong = { ...blob, sha256: createHash('sha256').update('other').digest('hex') };
    await expect(cache.use(wrong, async () => 'used')).rejects.toThrow(/does not match its record/);
    expect(await cached()).toEqual([]);
    await expect(cache.use({ ...blob, size: 5 }, async () => 'used')).rejects.toThrow(/does not match/);
    expect(await cache.use(blob, async () => 'used')).toBe('used');
    expect(remote.reads).toBe(3);
  });

  it('reports a blob missing from the store', async () => {
    const cache = open(1000);
    await expect(cache.use({ key: 'missing', sha256: 'a'.repeat(64), size: 1 }, async () => 'used')).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await cached()).toEqual([]);
  });

  it('lets one caller stop waiting while the shared download goes on for the others', async () => {
    const blob = await put('a', 'aaaa');
    const cache = open(1000);
    remote.hold();
    const leaving = new AbortController();
    const left = cache.use(blob, async () => 'used', leaving.signal);
    const staying = cache.use(blob, (path) => readFile(path, 'utf8'));
    leaving.abort(new Error('caller gone'));
    await expect(left).rejects.toThrow('caller gone');
    remote.release();
    expect(await staying).toBe('aaaa');
    expect(remote.reads).toBe(1);
  });

  it('keeps the files of an earlier run (no new download) and removes partial downloads', async () => {
    const blob = await put('a', 'aaaa');
    await open(1000).use(blob, async () => undefined);
    await writeFile(join(root, 'cache', `${blob.sha256}.x.part`), 'half');
    const restarted = open(1000);
    expect(await restarted.use(blob, (path) => readFile(path, 'utf8'))).toBe('aaaa');
    expect(remote.reads).toBe(1);
    expect(await cached()).toEqual([blob.sha256]);
  });
});
