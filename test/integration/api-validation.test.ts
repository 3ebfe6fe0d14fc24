import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer;
let videoId: string;

beforeAll(async () => {
  server = await startTestServer({ env: { VIDCOMPARE_MAX_COMBINATIONS: '6', VIDCOMPARE_MAX_PROMPT_CHARS: '200' } });
  videoId = (await uploadVideo(server.url, await sampleVideoFile())).id;
});

afterAll(() => server.stop({ removeData: true }));

async function jobCount(): Promise<number> {
  const listing = await api(`${server.url}/api/jobs?limit=200`);
  // a refused listing would make every count `undefined` and every comparison vacuous
  expect(listing.status).toBe(200);
  return listing.body.length;
}

describe('bad input gets a clear 4xx and changes nothing', () => {
  const cases: [string, string, unknown, number, RegExp][] = [
    ['empty prompt', '/api/compare-async', { video_id: 'X', prompt: '   ' }, 400, /prompt must not be empty/],
    ['oversized prompt', '/api/compare-async', { video_id: 'X', prompt: 'x'.repeat(201) }, 400, /longer than 200/],
    ['unknown model', '/api/compare-async', { video_id: 'X', prompt: 'hi', models: ['nope'] }, 400, /unknown model "nope"/],
    ['model without key', '/api/compare-async', { video_id: 'X', prompt: 'hi', models: ['gemini-2.5-pro'] }, 400, /GEMINI_API_KEY/],
    ['judge without key', '/api/compare-async', { video_id: 'X', prompt: 'hi', models: ['local-full'], judge_model: 'gemini-2.5-pro' }, 400, /judge_model: .*GEMINI_API_KEY/],
    ['judge as answer model', '/api/compare-async', { video_id: 'X', prompt: 'hi', models: ['local-judge'] }, 400, /is a judge/],
    ['unknown video', '/api/compare-async', { video_id: 'does-not-exist', prompt: 'hi', models: ['local-full'] }, 404, /Video does-not-exist not found/],
    ['missing fields', '/api/batch-compare-async', { prompts: ['a'] }, 400, /video_ids/],
    ['too many combinations', '/api/batch-compare-async', { video_ids: ['X'], prompts: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }, 400, /7 combinations, more than the limit of 6/],
    ['wrong types', '/api/batch-compare-async', { video_ids: 'X', prompts: ['a'] }, 400, /video_ids/],
  ];

  for (const [name, route, body, status, detail] of cases) {
    it(name, async () => {
      const before = await jobCount();
      const json = JSON.parse(JSON.stringify(body).replaceAll('"X"', JSON.stringify(videoId)));
      const res = await api(`${server.url}${route}`, { method: 'POST', json });
      expect(res.status).toBe(status);
      expect(res.body.detail).toMatch(detail);
      expect(await jobCount()).toBe(before);
    });
  }

  it('malformed JSON', async () => {
    const res = await api(`${server.url}/api/compare-async`, { method: 'POST', body: '{"video_id": ', headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.detail).toMatch(/JSON/i);
  });

  it('unknown ids and ids that try to escape the data folder', async () => {
    for (const route of ['/api/jobs/nope', '/api/video/nope', '/api/video/..%2F..%2Fetc%2Fpasswd', '/api/video/..%2Fvidcompare.db/metadata']) {
      const res = await api(`${server.url}${route}`);
      expect(res.status, route).toBe(404);
      expect(typeof res.body.detail).toBe('string');
    }
    expect((await api(`${server.url}/api/jobs/nope/cancel`, { method: 'POST' })).status).toBe(404);
    expect((await api(`${server.url}/api/jobs/nope`, { method: 'DELETE' })).status).toBe(404);
  });

  it('a bad listing query', async () => {
    expect((await api(`${server.url}/api/jobs?limit=0`)).status).toBe(400);
    expect((await api(`${server.url}/api/jobs?status=weird`)).status).toBe(400);
  });

  it('uploads that are not videos leave nothing behind', async () => {
    const form = new FormData();
    form.append('file', new Blob(['hello, not a video']), 'notes.mp4');
    const res = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: form });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { detail: string }).detail).toMatch(/not a video/i);
    // only the one video uploaded in beforeAll, and its thumbnail (kept beside it in the blob store)
    expect(readdirSync(path.join(server.dataDir, 'videos')).sort()).toEqual([videoId, `${videoId}.jpg`].sort());
    expect(readdirSync(path.join(server.dataDir, 'thumbnails'))).toEqual([]);
    expect(readdirSync(path.join(server.dataDir, 'tmp'))).toEqual([]);
    expect((await api(`${server.url}/api/videos`)).body.videos).toHaveLength(1);
  });
});

describe('catalogue and docs', () => {
  it('lists the seed Gemini ids as unavailable without a key, and the local models as available', async () => {
    const res = await api(`${server.url}/api/models`);
    expect(res.status).toBe(200);
    for (const id of ['gemini-3-pro-preview', 'gemini-3-flash-preview', 'gemini-2.5-pro', 'gemini-2.5-flash']) {
      expect(res.body.models).toContain(id);
      const detail = res.body.details.find((d: any) => d.id === id);
      expect(detail).toMatchObject({ available: false, provider: 'gemini' });
      expect(detail.reason).toMatch(/GEMINI_API_KEY/);
    }
    const local = res.body.details.filter((d: any) => d.provider === 'local' && d.available);
    expect(local.length).toBeGreaterThanOrEqual(4);
    expect(res.body.default_judge).toBe('local-judge');
  });

  it('serves nine prompt templates, health, the OpenAPI document and page', async () => {
    expect((await api(`${server.url}/api/prompts`)).body.prompts).toHaveLength(9);
    expect((await api(`${server.url}/health`)).body).toEqual({ status: 'healthy' });
    const openapi = await api(`${server.url}/docs/json`);
    const body = openapi.body.paths['/api/compare-async'].post.requestBody.content['application/json'].schema;
    expect(body.required).toEqual(['video_id', 'prompt']);
    expect(body.properties.judge_model.description).toMatch(/local-judge/);
    expect(openapi.body.paths['/api/jobs/{id}']).toBeDefined();
    const page = await fetch(`${server.url}/docs`, { redirect: 'follow' });
    expect(page.status).toBe(200);
    expect(await page.text()).toMatch(/swagger/i);
  });
});
