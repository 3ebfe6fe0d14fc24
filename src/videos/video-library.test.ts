import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import { StoreError } from '../store/store-error.js';
import { MemoryVideoStore } from './__fixtures__/memory-video-store.js';
import { LocalBlobStore } from './local-blob-store.js';
import { DEFAULT_MEDIA_LIMITS } from './media-limits.js';
import { resolveMediaTools } from './media-tools.js';
import { cachedSampleVideo } from './sample-video-cache.js';
import { VideoLibrary } from './video-library.js';

const tools = resolveMediaTools(process.env);

async function filesUnder(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

describe('VideoLibrary', () => {
  let sample: string;
  let otherSample: string;
  let dataDir: string;
  let store: MemoryVideoStore;
  let library: VideoLibrary;
  const makeLibrary = (overrides: { store?: Store; maxUploadBytes?: number; orphanMinAgeMs?: number } = {}) => {
    const blobs = new LocalBlobStore(dataDir);
    return new VideoLibrary({
      store: overrides.store ?? store.asStore(),
      blobs,
      files: blobs,
      tools,
      logger: silentLogger(),
      maxUploadBytes: overrides.maxUploadBytes ?? 50 * 1024 * 1024,
      dataDir,
      limits: DEFAULT_MEDIA_LIMITS,
      orphanMinAgeMs: overrides.orphanMinAgeMs,
    });
  };
  const upload = (path = sample, filename = 'clip.mp4') => ({ stream: createReadStream(path), filename, contentType: 'video/mp4' });

  beforeAll(async () => {
    sample = await cachedSampleVideo('cuts-and-silence', tools);
    otherSample = await cachedSampleVideo('three-shots-tone', tools);
  });
  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'library-data-'));
    store = new MemoryVideoStore();
    library = makeLibrary();
  });
  afterEach(() => rm(dataDir, { recursive: true, force: true }));

  it('ingests an upload: probed, hashed, stored, thumbnailed and recorded', async () => {
    const record = await library.ingest(upload(sample, '../../holiday\u0007.mp4'));
    const bytes = await readFile(sample);
    expect(record).toMatchObject({
      filename: 'holiday.mp4',
      size: bytes.length,
      content_type: 'video/mp4',
      width: 640,
      height: 360,
      fps: 25,
      has_audio: true,
      video_codec: 'h264',
      audio_codec: 'aac',
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(record.id).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(record.duration_s).toBeCloseTo(15, 1);
    expect(await library.get(record.id)).toEqual(record);
    // Buffer.equals: toEqual walks megabytes element by element
    expect((await readFile(join(dataDir, 'videos', record.id))).equals(bytes)).toBe(true);
    // the thumbnail is kept in the blob store beside the video, so any API node can serve it
    const thumbnail = Buffer.concat(await (await library.openThumbnail(record.id))!.toArray());
    expect(thumbnail.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect((await readFile(join(dataDir, 'videos', `${record.id}.jpg`))).equals(thumbnail)).toBe(true);
    expect(await filesUnder(join(dataDir, 'thumbnails'))).toEqual([]);
    expect(await filesUnder(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('refuses a file that is not a video with 415 and leaves no file behind', async () => {
    const text = join(dataDir, '..', `${Date.now()}-notes.txt`);
    await writeFile(text, 'not a video at all\n'.repeat(1000));
    try {
      await expect(library.ingest(upload(text, 'notes.txt'))).rejects.toMatchObject({ statusCode: 415 });
    } finally {
      await rm(text, { force: true });
    }
    expect(await filesUnder(dataDir)).toEqual([]);
    expect(store.videos.size).toBe(0);
  });

  it('refuses an upload over the limit with 413 and leaves no file behind', async () => {
    const small = makeLibrary({ maxUploadBytes: 100_000 });
    await expect(small.ingest(upload())).rejects.toMatchObject({ statusCode: 413 });
    expect(await filesUnder(dataDir)).toEqual([]);
    expect(store.videos.size).toBe(0);
  });

  it('removes the committed file and thumbnail when the store fails to record the video', async () => {
    const failing = new Proxy(store.asStore(), {
      get: (target, property, receiver) =>
        property === 'insertVideo' ? async () => { throw new Error('disk full'); } : Reflect.get(target, property, receiver),
    });
    await expect(makeLibrary({ store: failing }).ingest(upload())).rejects.toThrow('disk full');
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  it('measures facts once for concurrent callers, then serves them from the store', async () => {
    const { id } = await library.ingest(upload());
    const asset = (await library.asset(id))!;
    expect(await asset.useFile(async (path) => path)).toBe(join(dataDir, 'videos', id));
    const [a, b, c] = await Promise.all([asset.facts(), asset.facts(), (await library.asset(id))!.facts()]);
    expect(store.saveMediaFactsCalls).toBe(1);
    expect(a).toEqual(b);
    expect(a).toEqual(c);
    expect(a.cuts_s).toHaveLength(2);
    // a fresh library (as after a restart) reads the cached facts instead of measuring again
    expect(await (await makeLibrary().asset(id))!.facts()).toEqual(a);
    expect(store.saveMediaFactsCalls).toBe(1);
  });

  it('streams the stored bytes, whole or by range', async () => {
    const { id } = await library.ingest(upload());
    const bytes = await readFile(sample);
    const read = async (stream: NodeJS.ReadableStream) => Buffer.concat(await Readable.from(stream).toArray());
    expect((await read((await library.asset(id))!.openStream())).equals(bytes)).toBe(true);
    expect((await read(await library.openRead(id, { start: 100, end: 199 }))).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it('lists newest first and deletes the record, file and thumbnail', async () => {
    const first = await library.ingest(upload(sample, 'first.mp4'));
    const second = await library.ingest(upload(otherSample, 'second.mp4'));
    store.videos.get(first.id)!.created_at = '2020-01-01T00:00:00.000Z';
    expect((await library.list()).map((v) => v.filename)).toEqual(['second.mp4', 'first.mp4']);

    expect(await library.delete(second.id)).toBe(true);
    expect(await library.get(second.id)).toBeUndefined();
    expect(await library.openThumbnail(second.id)).toBeUndefined();
    expect((await filesUnder(dataDir)).sort()).toEqual([first.id, `${first.id}.jpg`].sort());
    expect(await library.delete(second.id)).toBe(false);
  });

  it('stores the same bytes once: a second upload returns the stored video as duplicate_of, and keeps no second file', async () => {
    const first = await library.ingest(upload(sample, 'first.mp4'));
    expect(first.duplicate_of).toBeUndefined();
    const again = await library.ingest(upload(sample, 'renamed-copy.mp4'));
    expect(again).toEqual({ ...first, duplicate_of: first.id });
    expect(await library.list()).toHaveLength(1);
    expect((await filesUnder(join(dataDir, 'videos'))).sort()).toEqual([first.id, `${first.id}.jpg`]);
    expect(await filesUnder(join(dataDir, 'tmp'))).toEqual([]);
  });

  it('stores two identical uploads arriving together once', async () => {
    const [a, b] = await Promise.all([library.ingest(upload(sample, 'a.mp4')), library.ingest(upload(sample, 'b.mp4'))]);
    expect(a.id).toBe(b.id);
    expect([a.duplicate_of, b.duplicate_of].filter(Boolean)).toEqual([a.id]);
    expect(await library.list()).toHaveLength(1);
    // one video and its thumbnail
    expect(await filesUnder(join(dataDir, 'videos'))).toHaveLength(2);
  });

  it('deletes on a full disk by removing the files first when the database cannot write until space is freed', async () => {
    const { id } = await library.ingest(upload());
    const videoFile = join(dataDir, 'videos', id);
    let refusals = 0;
    const fullDisk = new Proxy(store.asStore(), {
      get: (target, property, receiver) =>
        property === 'deleteVideo'
          ? async (videoId: string) => {
              if (existsSync(videoFile)) {
                refusals += 1;
                throw new StoreError('database_error', 'deleteVideo: database or disk is full', { cause: Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }) });
              }
              return store.deleteVideo(videoId);
            }
          : Reflect.get(target, property, receiver),
    });
    expect(await makeLibrary({ store: fullDisk }).delete(id)).toBe(true);
    expect(refusals).toBe(1);
    expect(await library.get(id)).toBeUndefined();
    expect(await filesUnder(dataDir)).toEqual([]);
  });

  it('treats ids that are not its own as unknown, never as paths', async () => {
    await library.ingest(upload());
    for (const id of ['../videos', '..', '../../etc/passwd', 'a/b', '', 'x'.repeat(65), 'a.b']) {
      expect(await library.get(id)).toBeUndefined();
      expect(await library.asset(id)).toBeUndefined();
      expect(await library.openThumbnail(id)).toBeUndefined();
      expect(await library.delete(id)).toBe(false);
    }
    expect(() => library.openRead('../x')).toThrow(/Invalid video id/);
  });

  it('adds the sample videos with friendly names', async () => {
    const records = await makeLibrary({ maxUploadBytes: 1000 }).addSampleVideos();
    expect(records.map((r) => r.filename)).toEqual(['sample-cuts-and-silence.mp4', 'sample-three-shots-tone.mp4']);
    expect(records.map((r) => Math.round(r.duration_s))).toEqual([15, 12]);
    expect((await filesUnder(join(dataDir, 'videos'))).filter((name) => !name.endsWith('.jpg'))).toHaveLength(2);
  });

  it('with shared storage, leaves a blob without a record alone until it is old enough (another node may be storing it)', async () => {
    await mkdir(join(dataDir, 'videos'), { recursive: true });
    await writeFile(join(dataDir, 'videos', 'justcommitted'), 'another node is recording it');
    await writeFile(join(dataDir, 'videos', 'leftover'), 'a crash left it');
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await utimes(join(dataDir, 'videos', 'leftover'), anHourAgo, anHourAgo);
    expect(await makeLibrary({ orphanMinAgeMs: 600_000 }).sweepInterruptedUploads()).toBe(1);
    expect(await filesUnder(join(dataDir, 'videos'))).toEqual(['justcommitted']);
  });

  it('moves a thumbnail an older version left on local disk into the blob store at start-up', async () => {
    const { id } = await library.ingest(upload());
    const thumbnail = await readFile(join(dataDir, 'videos', `${id}.jpg`));
    await rm(join(dataDir, 'videos', `${id}.jpg`));
    await mkdir(join(dataDir, 'thumbnails'), { recursive: true });
    await writeFile(join(dataDir, 'thumbnails', `${id}.jpg`), thumbnail);
    await writeFile(join(dataDir, 'thumbnails', 'unknown.jpg'), thumbnail);
    expect(await library.sweepInterruptedUploads()).toBe(1);
    expect(Buffer.concat(await (await library.openThumbnail(id))!.toArray()).equals(thumbnail)).toBe(true);
    expect(await filesUnder(join(dataDir, 'thumbnails'))).toEqual([]);
  });
});
