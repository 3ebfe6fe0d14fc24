import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
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
import { generateSampleVideo, sampleVideoSpecs } from './sample-videos.js';
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
  let samplesDir: string;
  let sample: string;
  let dataDir: string;
  let store: MemoryVideoStore;
  let library: VideoLibrary;
  const makeLibrary = (overrides: { store?: Store; maxUploadBytes?: number } = {}) =>
    new VideoLibrary({
      store: overrides.store ?? store.asStore(),
      blobs: new LocalBlobStore(dataDir),
      tools,
      logger: silentLogger(),
      maxUploadBytes: overrides.maxUploadBytes ?? 50 * 1024 * 1024,
      dataDir,
      limits: DEFAULT_MEDIA_LIMITS,
    });
  const upload = (path = sample, filename = 'clip.mp4') => ({ stream: createReadStream(path), filename, contentType: 'video/mp4' });

  beforeAll(async () => {
    samplesDir = await mkdtemp(join(tmpdir(), 'library-samples-'));
    sample = join(samplesDir, 'cuts-and-silence.mp4');
    await generateSampleVideo(sample, tools, sampleVideoSpecs['cuts-and-silence']);
  });
  afterAll(() => rm(samplesDir, { recursive: true, force: true }));
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
    const thumbnail = await library.thumbnailPath(record.id);
    expect(thumbnail).toBe(join(dataDir, 'thumbnails', `${record.id}.jpg`));
    expect((await readFile(thumbnail!)).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
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
    expect(asset.path).toBe(join(dataDir, 'videos', id));
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
    expect((await read(library.openRead(id, { start: 100, end: 199 }))).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it('lists newest first and deletes the record, file and thumbnail', async () => {
    const first = await library.ingest(upload(sample, 'first.mp4'));
    const second = await library.ingest(upload(sample, 'second.mp4'));
    store.videos.get(first.id)!.created_at = '2020-01-01T00:00:00.000Z';
    expect((await library.list()).map((v) => v.filename)).toEqual(['second.mp4', 'first.mp4']);

    expect(await library.delete(second.id)).toBe(true);
    expect(await library.get(second.id)).toBeUndefined();
    expect(await library.thumbnailPath(second.id)).toBeUndefined();
    expect((await filesUnder(dataDir)).sort()).toEqual([first.id, `${first.id}.jpg`].sort());
    expect(await library.delete(second.id)).toBe(false);
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
      expect(await library.thumbnailPath(id)).toBeUndefined();
      expect(await library.delete(id)).toBe(false);
    }
    expect(() => library.openRead('../x')).toThrow(/Invalid video id/);
  });

  it('adds the sample videos with friendly names', async () => {
    const records = await makeLibrary({ maxUploadBytes: 1000 }).addSampleVideos();
    expect(records.map((r) => r.filename)).toEqual(['sample-cuts-and-silence.mp4', 'sample-three-shots-tone.mp4']);
    expect(records.map((r) => Math.round(r.duration_s))).toEqual([15, 12]);
    expect(await filesUnder(join(dataDir, 'videos'))).toHaveLength(2);
  });
});
