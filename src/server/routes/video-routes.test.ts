import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../logging/logger.js';
import { MemoryVideoStore } from '../../videos/__fixtures__/memory-video-store.js';
import { LocalBlobStore } from '../../videos/local-blob-store.js';
import { DEFAULT_MEDIA_LIMITS } from '../../videos/media-limits.js';
import { resolveMediaTools } from '../../videos/media-tools.js';
import { cachedSampleVideo } from '../../videos/sample-video-cache.js';
import { VideoLibrary } from '../../videos/video-library.js';
import { installErrorHandler } from '../error-handler.js';
import { registerVideoRoutes } from './video-routes.js';

const tools = resolveMediaTools(process.env);

interface TestServer {
  app: FastifyInstance;
  url: string;
  dataDir: string;
  inUse: Set<string>;
}

/** The video routes on a real Fastify listening on 127.0.0.1, over a temp data folder. */
async function startServer(maxUploadBytes: number): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'video-routes-'));
  const blobs = new LocalBlobStore(dataDir);
  const library = new VideoLibrary({
    store: new MemoryVideoStore().asStore(),
    blobs,
    files: blobs,
    tools,
    logger: silentLogger(),
    maxUploadBytes,
    dataDir,
    limits: DEFAULT_MEDIA_LIMITS,
  });
  const inUse = new Set<string>();
  const app = Fastify({ logger: false });
  installErrorHandler(app);
  // plugin defaults on purpose (1 MB file limit): the route sets its own limit from the library
  await app.register(multipart);
  registerVideoRoutes(app, { library, isVideoInUse: async (id) => inUse.has(id) });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, url, dataDir, inUse };
}

async function stopServer(server: TestServer | undefined): Promise<void> {
  if (!server) return;
  await server.app.close();
  await rm(server.dataDir, { recursive: true, force: true });
}

async function filesUnder(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true, withFileTypes: true })).filter((e) => e.isFile()).map((e) => e.name);
}

const json = (response: Response): Promise<any> => response.json();

function form(field: string, bytes: Uint8Array, filename: string, type: string): FormData {
  const body = new FormData();
  body.append(field, new Blob([bytes], { type }), filename);
  return body;
}

describe('video routes', () => {
  let sampleBytes: Buffer;
  let otherBytes: Buffer;
  let server: TestServer;
  let small: TestServer;
  let video: { id: string; size: number; filename: string; sha256: string };

  beforeAll(async () => {
    const sample = await cachedSampleVideo('cuts-and-silence', tools);
    const other = await cachedSampleVideo('three-shots-tone', tools);
    sampleBytes = await readFile(sample);
    otherBytes = await readFile(other);
    [server, small] = await Promise.all([startServer(50 * 1024 * 1024), startServer(100 * 1024)]);
    const response = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: form('file', sampleBytes, 'cuts.mp4', 'video/mp4') });
    expect(response.status).toBe(200);
    video = await json(response);
  });
  afterAll(async () => {
    await Promise.all([stopServer(server), stopServer(small)]);
  });

  it('uploads a multipart video larger than the plugin default limit and returns its record', async () => {
    expect(sampleBytes.length).toBeGreaterThan(1024 * 1024);
    expect(video).toMatchObject({ filename: 'cuts.mp4', size: sampleBytes.length, content_type: 'video/mp4', width: 640, height: 360, fps: 25, has_audio: true });
    const list = await json(await fetch(`${server.url}/api/videos`));
    expect(list.videos.map((v: { id: string }) => v.id)).toContain(video.id);
    const metadata = await json(await fetch(`${server.url}/api/video/${video.id}/metadata`));
    expect(metadata).toEqual(video);
  });

  it('answers an upload of bytes already stored with the stored video and duplicate_of, and lists it once', async () => {
    const response = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: form('file', sampleBytes, 'same-again.mp4', 'video/mp4') });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ ...video, duplicate_of: video.id });
    const list = await json(await fetch(`${server.url}/api/videos`));
    expect(list.videos.filter((v: { sha256: string }) => v.sha256 === video.sha256)).toHaveLength(1);
    expect((await filesUnder(server.dataDir)).filter((name) => !name.endsWith('.jpg'))).toEqual([video.id]);
  });

  it('serves the bytes whole, and a Range as 206 with the exact bytes', async () => {
    const whole = await fetch(`${server.url}/api/video/${video.id}`);
    expect(whole.status).toBe(200);
    expect(whole.headers.get('content-type')).toBe('video/mp4');
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(Buffer.from(await whole.arrayBuffer()).equals(sampleBytes)).toBe(true);

    const head = await fetch(`${server.url}/api/video/${video.id}`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(String(sampleBytes.length));

    const part = await fetch(`${server.url}/api/video/${video.id}`, { headers: { Range: 'bytes=1000-1999' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 1000-1999/${sampleBytes.length}`);
    expect(part.headers.get('content-length')).toBe('1000');
    expect(Buffer.from(await part.arrayBuffer()).equals(sampleBytes.subarray(1000, 2000))).toBe(true);

    const tail = await fetch(`${server.url}/api/video/${video.id}`, { headers: { Range: 'bytes=-16' } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(sampleBytes.subarray(-16))).toBe(true);

    const open = await fetch(`${server.url}/api/video/${video.id}`, { headers: { Range: `bytes=${sampleBytes.length - 5}-` } });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(5);

    const beyond = await fetch(`${server.url}/api/video/${video.id}`, { headers: { Range: `bytes=${sampleBytes.length}-` } });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get('content-range')).toBe(`bytes */${sampleBytes.length}`);
    expect((await json(beyond)).detail).toMatch(/outside/);
  });

  it('serves the thumbnail and the measured facts', async () => {
    const thumbnail = await fetch(`${server.url}/api/video/${video.id}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await thumbnail.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));

    const facts = await json(await fetch(`${server.url}/api/video/${video.id}/facts`));
    expect(facts.cuts_s).toHaveLength(2);
    expect(facts.shots).toHaveLength(3);
    expect(facts.silences).toHaveLength(1);
  });

  it('refuses a file that is not a video with 415 and keeps nothing', async () => {
    const before = await filesUnder(server.dataDir);
    const response = await fetch(`${server.url}/api/video/upload`, {
      method: 'POST',
      body: form('file', Buffer.from('just some text\n'.repeat(500)), 'notes.mp4', 'video/mp4'),
    });
    expect(response.status).toBe(415);
    expect((await json(response)).detail).toMatch(/not a video/);
    expect(await filesUnder(server.dataDir)).toEqual(before);
    expect(await filesUnder(join(server.dataDir, 'tmp'))).toEqual([]);
  });

  it.each([
    ['declared by Content-Length', () => sampleBytes],
    ['found while streaming', () => sampleBytes.subarray(0, 150 * 1024)],
  ])('refuses an upload over the limit (%s) with 413, keeps nothing, and keeps serving', async (_how, bytes) => {
    const response = await fetch(`${small.url}/api/video/upload`, { method: 'POST', body: form('file', bytes(), 'big.mp4', 'video/mp4') });
    expect(response.status).toBe(413);
    expect((await json(response)).detail).toMatch(/larger than the limit of 100 KB/);
    expect(await filesUnder(small.dataDir)).toEqual([]);
    const list = await json(await fetch(`${small.url}/api/videos`));
    expect(list.videos).toEqual([]);
  });

  it('refuses a chunked upload (no Content-Length) over the limit with 413 and keeps nothing', async () => {
    const request = new Request(`${small.url}/api/video/upload`, { method: 'POST', body: form('file', sampleBytes, 'big.mp4', 'video/mp4') });
    const response = await fetch(request.url, {
      method: 'POST',
      headers: { 'content-type': request.headers.get('content-type')! },
      body: request.body,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(await filesUnder(small.dataDir)).toEqual([]);
    expect((await fetch(`${small.url}/api/videos`)).status).toBe(200);
  });

  it('answers 400 when there is no file field or no multipart body', async () => {
    const fieldsOnly = new FormData();
    fieldsOnly.append('note', 'no file here');
    const noFile = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: fieldsOnly });
    expect(noFile.status).toBe(400);
    expect((await json(noFile)).detail).toMatch(/"file"/);

    const wrongField = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: form('video', Buffer.from('x'), 'a.mp4', 'video/mp4') });
    expect(wrongField.status).toBe(400);

    const notMultipart = await fetch(`${server.url}/api/video/upload`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(notMultipart.status).toBe(400);
  });

  it('answers 404 for unknown ids and ids that try to escape the data folder', async () => {
    for (const id of ['nope', '..%2F..%2Fetc', '..%2F..%2Fetc%2Fpasswd', '%2E%2E', 'a.b']) {
      for (const suffix of ['', '/metadata', '/thumbnail', '/facts']) {
        const response = await fetch(`${server.url}/api/video/${id}${suffix}`);
        expect(response.status, `${id}${suffix}`).toBe(404);
        expect((await json(response)).detail).toBeTypeOf('string');
      }
      expect((await fetch(`${server.url}/api/video/${id}`, { method: 'DELETE' })).status).toBe(404);
    }
  });

  it('refuses to delete a video in use (409), then deletes it and its files', async () => {
    const upload = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: form('file', otherBytes, 'doomed.mp4', 'video/mp4') });
    const doomed = await json(upload);
    server.inUse.add(doomed.id);
    const refused = await fetch(`${server.url}/api/video/${doomed.id}`, { method: 'DELETE' });
    expect(refused.status).toBe(409);
    expect((await json(refused)).detail).toMatch(/job/);
    expect((await fetch(`${server.url}/api/video/${doomed.id}/metadata`)).status).toBe(200);

    server.inUse.delete(doomed.id);
    const deleted = await fetch(`${server.url}/api/video/${doomed.id}`, { method: 'DELETE' });
    expect(deleted.status).toBe(200);
    expect(await json(deleted)).toEqual({ deleted: true, id: doomed.id });
    expect((await fetch(`${server.url}/api/video/${doomed.id}`)).status).toBe(404);
    expect((await filesUnder(server.dataDir)).filter((name) => name.startsWith(doomed.id))).toEqual([]);
  });

  it('adds the sample videos', async () => {
    // on the server with nothing stored: the samples are not duplicates of an upload there
    const response = await fetch(`${small.url}/api/videos/samples`, { method: 'POST' });
    expect(response.status).toBe(200);
    const { videos } = await json(response);
    expect(videos.map((v: { filename: string }) => v.filename)).toEqual(['sample-cuts-and-silence.mp4', 'sample-three-shots-tone.mp4']);
  });
});
