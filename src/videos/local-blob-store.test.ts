import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HttpError } from '../core/http-errors.js';
import { InvalidBlobKeyError, LocalBlobStore } from './local-blob-store.js';

/** a stream of `count` chunks of `size` bytes each */
function chunks(count: number, size: number, fill = 'a'): Readable {
  return Readable.from(Array.from({ length: count }, () => Buffer.alloc(size, fill)));
}

describe('LocalBlobStore', () => {
  let root: string;
  let blobs: LocalBlobStore;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'blob-store-'));
    blobs = new LocalBlobStore(root);
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('streams into a temp file with size and sha256, visible under its key only after commit', async () => {
    const content = 'hello video bytes';
    const temp = await blobs.writeTemp(Readable.from([Buffer.from(content)]), { maxBytes: 1000 });
    expect(temp.size).toBe(content.length);
    expect(temp.sha256).toBe(createHash('sha256').update(content).digest('hex'));
    expect(await readFile(temp.path, 'utf8')).toBe(content);
    expect(await blobs.exists('abc')).toBe(false);

    await blobs.commit(temp.tempId, 'abc');
    expect(await blobs.exists('abc')).toBe(true);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
    expect(await readFile(blobs.localPath('abc'), 'utf8')).toBe(content);
    expect(await text(blobs.openRead('abc'))).toBe(content);
  });

  it('refuses an oversize stream with 413 and leaves nothing in tmp', async () => {
    const attempt = blobs.writeTemp(chunks(10, 1024), { maxBytes: 4096 });
    await expect(attempt).rejects.toBeInstanceOf(HttpError);
    await expect(attempt).rejects.toMatchObject({ statusCode: 413 });
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
  });

  it('accepts a stream of exactly maxBytes', async () => {
    const temp = await blobs.writeTemp(chunks(4, 1024), { maxBytes: 4096 });
    expect(temp.size).toBe(4096);
    await blobs.discardTemp(temp.tempId);
    expect(await readdir(join(root, 'tmp'))).toEqual([]);
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
    const temp = await blobs.writeTemp(Readable.from([Buffer.from('0123456789')]), { maxBytes: 100 });
    await blobs.commit(temp.tempId, 'digits');
    expect(await text(blobs.openRead('digits', { start: 2, end: 5 }))).toBe('2345');
    expect(await text(blobs.openRead('digits', { start: 9, end: 9 }))).toBe('9');
    expect(await text(blobs.openRead('digits', { start: 0, end: 9 }))).toBe('0123456789');
    expect(() => blobs.openRead('digits', { start: 5, end: 2 })).toThrow(RangeError);
  });

  it('rejects keys that could escape its folders', async () => {
    for (const key of ['../x', '..', 'a/b', 'a\\b', '.hidden', '', 'x'.repeat(101), 'a..b', '%2e%2e']) {
      expect(() => blobs.localPath(key), key).toThrow(InvalidBlobKeyError);
      await expect(blobs.exists(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
      await expect(blobs.delete(key), key).rejects.toBeInstanceOf(InvalidBlobKeyError);
    }
    const temp = await blobs.writeTemp(Readable.from([Buffer.from('x')]), { maxBytes: 10 });
    await expect(blobs.commit(temp.tempId, '../x')).rejects.toBeInstanceOf(InvalidBlobKeyError);
    await expect(blobs.commit('../../etc/passwd', 'ok')).rejects.toBeInstanceOf(InvalidBlobKeyError);
  });

  it('deletes blobs and reports missing ones', async () => {
    const temp = await blobs.writeTemp(Readable.from([Buffer.from('x')]), { maxBytes: 10 });
    await blobs.commit(temp.tempId, 'gone');
    await blobs.delete('gone');
    expect(await blobs.exists('gone')).toBe(false);
    expect(() => blobs.localPath('gone')).toThrow(/does not exist/);
    await blobs.delete('gone');
  });
});
