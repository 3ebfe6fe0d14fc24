import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../core/http-errors.js';
import { BlobNotFoundError, type BlobStore } from './blob-store.js';
import { InvalidBlobKeyError } from './local-blob-store.js';

/** a stream of `count` chunks of `size` bytes each */
function chunks(count: number, size: number, fill = 'a'): Readable {
  return Readable.from(Array.from({ length: count }, () => Buffer.alloc(size, fill)));
}

async function put(blobs: BlobStore, key: string, content: string | Buffer): Promise<void> {
  const temp = await blobs.writeTemp(Readable.from([Buffer.from(content)]), { maxBytes: 100 * 1024 * 1024 });
  await blobs.commit(temp.tempId, key);
}

async function bytes(stream: Readable): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part as Buffer);
  return Buffer.concat(parts);
}

/**
 * What every BlobStore must do, run against each implementation. `open`
 * gets a fresh local folder (where uploads are staged under `tmp/`) and
 * returns a store that starts empty.
 */
export function describeBlobStoreContract(name: string, open: (root: string) => Promise<BlobStore> | BlobStore): void {
  describe(`BlobStore contract: ${name}`, () => {
    let root: string;
    let blobs: BlobStore;
    beforeEach(async () => {
      root = await mkdtemp(join(tmpdir(), 'blob-store-'));
      blobs = await open(root);
    });
    afterEach(() => rm(root, { recursive: true, force: true }));

    it('streams into a local temp file with size and sha256, visible under its key only after commit', async () => {
      const content = 'hello video bytes';
      const temp = await blobs.writeTemp(Readable.from([Buffer.from(content)]), { maxBytes: 1000 });
      expect(temp.size).toBe(content.length);
      expect(temp.sha256).toBe(createHash('sha256').update(content).digest('hex'));
      expect(await readFile(temp.path, 'utf8')).toBe(content);
      expect(await blobs.exists('abc')).toBe(false);
      expect(await blobs.listKeys()).toEqual([]);

      await blobs.commit(temp.tempId, 'abc');
      expect(await blobs.exists('abc')).toBe(true);
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
      expect(await text(await blobs.openRead('abc'))).toBe(content);
      expect(await blobs.listKeys()).toEqual(['abc']);
      const committedAt = await blobs.committedAt('abc');
      // the store's clock (S3: the server's, to the second)
      expect(Math.abs(committedAt! - Date.now())).toBeLessThan(60_000);
      expect(await blobs.committedAt('missing')).toBeUndefined();
    });

    it('keeps a blob larger than one multipart part intact', async () => {
      // 17 MiB: more than one 16 MiB part of the S3 store's multipart upload
      const big = Buffer.alloc(17 * 1024 * 1024);
      for (let i = 0; i < big.length; i += 4096) big.writeUInt32BE(i, i);
      await put(blobs, 'big', big);
      const back = await bytes(await blobs.openRead('big'));
      expect(back.length).toBe(big.length);
      expect(createHash('sha256').update(back).digest('hex')).toBe(createHash('sha256').update(big).digest('hex'));
      const tail = await bytes(await blobs.openRead('big', { start: big.length - 4096, end: big.length - 1 }));
      expect(tail.equals(big.subarray(big.length - 4096))).toBe(true);
    });

    it('refuses an oversize stream with 413 and leaves nothing in tmp', async () => {
      const attempt = blobs.writeTemp(chunks(10, 1024), { maxBytes: 4096 });
      await expect(attempt).rejects.toBeInstanceOf(HttpError);
      await expect(attempt).rejects.toMatchObject({ statusCode: 413 });
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
    });

    it('accepts a stream of exactly maxBytes, and discards it', async () => {
      const temp = await blobs.writeTemp(chunks(4, 1024), { maxBytes: 4096 });
      expect(temp.size).toBe(4096);
      await blobs.discardTemp(temp.tempId);
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
      expect(await blobs.listKeys()).toEqual([]);
    });

    it('deletes the temp file when the source fails midway', async () => {
      const failing = new Readable({
        read() {
          this.push(Buffer.alloc(100));
          this.destroy(new Error('client went away'));
        },
      });
      await expect(blobs.writeTemp(failing, { maxBytes: 10_000 })).rejects.toThrow('client went away');
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
    });

    it('reads inclusive byte ranges', async () => {
      await put(blobs, 'digits', '0123456789');
      expect(await text(await blobs.openRead('digits', { start: 2, end: 5 }))).toBe('2345');
      expect(await text(await blobs.openRead('digits', { start: 9, end: 9 }))).toBe('9');
      expect(await text(await blobs.openRead('digits', { start: 0, end: 9 }))).toBe('0123456789');
      await expect(blobs.openRead('digits', { start: 5, end: 2 })).rejects.toBeInstanceOf(RangeError);
    });

    it('rejects keys that could escape its folders', async () => {
      for (const key of ['../x', '..', 'a/b', 'a\\b', '.hidden', '', 'x'.repeat(101), 'a..b', '%2e%2e']) {
        await expect(blobs.openRead(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(blobs.exists(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
        await expect(blobs.delete(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      }
      const temp = await blobs.writeTemp(Readable.from([Buffer.from('x')]), { maxBytes: 10 });
      await expect(blobs.commit(temp.tempId, '../x')).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(blobs.commit('../../etc/passwd', 'ok')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    });

    it('deletes blobs (twice is fine) and reports missing ones', async () => {
      await put(blobs, 'gone', 'x');
      await put(blobs, 'kept.jpg', 'y');
      await blobs.delete('gone');
      await blobs.delete('gone');
      expect(await blobs.exists('gone')).toBe(false);
      await expect(blobs.openRead('gone')).rejects.toBeInstanceOf(BlobNotFoundError);
      expect(await blobs.listKeys()).toEqual(['kept.jpg']);
    });

    it('refuses to commit over an existing key', async () => {
      await put(blobs, 'once', 'first');
      const temp = await blobs.writeTemp(Readable.from([Buffer.from('second')]), { maxBytes: 100 });
      await expect(blobs.commit(temp.tempId, 'once')).rejects.toThrow(/already exists/);
      expect(await text(await blobs.openRead('once'))).toBe('first');
    });

    it('clears temp blobs a crash left behind, and only those', async () => {
      await put(blobs, 'kept', 'k');
      await blobs.writeTemp(Readable.from([Buffer.from('left over')]), { maxBytes: 100 });
      expect(await blobs.clearTemp()).toBe(1);
      expect(await readdir(join(root, 'tmp'))).toEqual([]);
      expect(await blobs.listKeys()).toEqual(['kept']);
    });
  });
}
