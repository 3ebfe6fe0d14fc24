import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { detailOf, rawRequest } from './raw-http.js';

let server: TestServer;
let videoCount = 0;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.stop({ removeData: true }));

const fileHeaders = 'Content-Disposition: form-data; name="file"; filename="a.mp4"\r\nContent-Type: video/mp4\r\n\r\n';

/** multipart bodies a broken or hostile client sends, each with the Content-Type it claims */
const malformedUploads: [string, string, string][] = [
  ['a part without Content-Disposition', 'multipart/form-data; boundary=XyZ', `--XyZ\r\nContent-Type: video/mp4\r\n\r\n${'a'.repeat(40_000)}\r\n--XyZ--\r\n`],
  ['no boundary parameter', 'multipart/form-data', `--XyZ\r\n${fileHeaders}abc\r\n--XyZ--\r\n`],
  ['an empty boundary', 'multipart/form-data; boundary=', '--\r\n\r\n'],
  ['an unterminated body', 'multipart/form-data; boundary=XyZ', `--XyZ\r\n${fileHeaders}abc`],
  ['garbage instead of parts', 'multipart/form-data; boundary=XyZ', 'garbage, no boundary anywhere'],
  ['a boundary that never appears', 'multipart/form-data; boundary=QQQ', `--XyZ\r\n${fileHeaders}abc\r\n--XyZ--\r\n`],
];

describe('malformed multipart uploads', () => {
  it.each(malformedUploads)('answers %s with a prompt 400 {detail} and stores nothing', async (_what, contentType, body) => {
    const response = await rawRequest(server.url, { method: 'POST', target: '/api/video/upload', headers: { 'content-type': contentType }, body, timeoutMs: 5000 });
    expect(response.status).toBe(400);
    expect(detailOf(response)).toMatch(/multipart|file/i);
    expect((await api(`${server.url}/api/videos`)).body.videos).toHaveLength(videoCount);
  });

  it('answers 200 parts without Content-Disposition sent at once, leaving no request hanging', async () => {
    // 17-65 KB parts used to stall busboy for good
    const body = `--XyZ\r\nContent-Type: video/mp4\r\n\r\n${'a'.repeat(40_000)}\r\n--XyZ--\r\n`;
    const answers = await Promise.all(
      Array.from({ length: 200 }, () => rawRequest(server.url, { method: 'POST', target: '/api/video/upload', headers: { 'content-type': 'multipart/form-data; boundary=XyZ' }, body, timeoutMs: 20_000 })),
    );
    expect(answers.filter((a) => a.status === 400)).toHaveLength(200);
  });
});

describe('a video whose file is gone', () => {
  it('answers 410 {detail} for its bytes and its facts, not 500', async () => {
    const video = await uploadVideo(server.url, await sampleVideoFile('three-shots-tone'));
    videoCount += 1;
    rmSync(path.join(server.dataDir, 'videos', video.id));
    for (const target of [`/api/video/${video.id}`, `/api/video/${video.id}/facts`]) {
      const response = await rawRequest(server.url, { method: 'GET', target });
      expect(response.status, target).toBe(410);
      expect(detailOf(response), target).toMatch(/missing/);
    }
    expect((await rawRequest(server.url, { method: 'HEAD', target: `/api/video/${video.id}` })).status).toBe(410);
  });
});

describe("Fastify's own URL errors", () => {
  it('use the {detail} shape and do not echo the URL', async () => {
    const longId = 'x'.repeat(150);
    for (const target of ['/api/video/%ff%fe', '/api/jobs/%E0%A4%A', `/api/video/${longId}`, `/api/jobs/${longId}/result`]) {
      const response = await rawRequest(server.url, { method: 'GET', target });
      expect([400, 404, 414], target).toContain(response.status);
      expect(Object.keys(JSON.parse(response.body)).sort(), target).toEqual(['code', 'detail']);
      expect(response.body, target).not.toContain(target.split('/').pop()!);
    }
  });
});

describe('job listings', () => {
  it('cap a page at 200 jobs with a clear 400 above', async () => {
    expect((await api(`${server.url}/api/jobs?limit=200`)).status).toBe(200);
    const tooMany = await api(`${server.url}/api/jobs?limit=1000`);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.detail).toMatch(/at most 200.*offset/);
  });
});
