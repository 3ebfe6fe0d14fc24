import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateTextVideo, titledVideo, untitledVideo } from '../../src/videos/ocr/__fixtures__/text-videos.js';
import { characterAccuracy } from '../../src/videos/ocr/text-similarity.js';
import { testMediaTools, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

/**
 * GET /api/video/{id}/facts with on-screen text, through real HTTP. The
 * server's ffmpeg is a wrapper that logs every run, so the test counts frame
 * extractions (each extracted frame is OCR'd once) instead of timing anything.
 */
let server: TestServer;
let runLog: string;
let titled: any;
let untitled: any;

/** ffmpeg runs that piped frames out (OCR's frame extraction); thumbnails and measurements write elsewhere */
function frameExtractions(videoId: string): number {
  return readFileSync(runLog, 'utf8').split('\n').filter((line) => line.includes('image2pipe') && line.includes(videoId)).length;
}

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-text-facts-'));
  runLog = path.join(dir, 'ffmpeg-runs.log');
  writeFileSync(runLog, '');
  const wrapper = path.join(dir, 'ffmpeg-logged');
  writeFileSync(wrapper, `#!/bin/sh\nprintf '%s\\n' "$*" >> '${runLog}'\nexec '${testMediaTools.ffmpeg}' "$@"\n`);
  chmodSync(wrapper, 0o755);
  server = await startTestServer({ dataDir: dir, env: { FFMPEG_PATH: wrapper } });
  const titledFile = path.join(dir, 'titled.mp4');
  const untitledFile = path.join(dir, 'untitled.mp4');
  await generateTextVideo(titledFile, testMediaTools, titledVideo);
  await generateTextVideo(untitledFile, testMediaTools, untitledVideo);
  titled = await uploadVideo(server.url, titledFile);
  untitled = await uploadVideo(server.url, untitledFile);
});
afterAll(() => server?.stop({ removeData: true }));

describe('on-screen text in GET /api/video/{id}/facts', () => {
  it('leaves OCR out of a plain facts request: no frame is extracted and no text reported', async () => {
    const { status, body } = await api(`${server.url}/api/video/${titled.id}/facts`);
    expect(status).toBe(200);
    expect(body.shots.length).toBeGreaterThanOrEqual(3);
    expect(body.on_screen_text).toBeUndefined();
    expect(frameExtractions(titled.id)).toBe(0);
  });

  it('refuses a text flag it does not understand, with a reason', async () => {
    const { status, body } = await api(`${server.url}/api/video/${titled.id}/facts?text=maybe`);
    expect(status).toBe(400);
    expect(body.detail).toMatch(/text must be 1 or 0/);
    expect(frameExtractions(titled.id)).toBe(0);
  });

  it('reads the titles on ?text=1, once: a second request and a local-text answer extract no frame again', async () => {
    const first = await api(`${server.url}/api/video/${titled.id}/facts?text=1`);
    expect(first.status).toBe(200);
    const text = first.body.on_screen_text;
    for (const title of titledVideo.titles.filter((t) => t.plain)) {
      const span = text.spans.find((s: any) => characterAccuracy(s.text, title.text) >= 0.95);
      expect(span, `${title.text} in ${JSON.stringify(text.spans)}`).toBeDefined();
      expect(Math.abs(span.start_s - title.start_s)).toBeLessThanOrEqual(1);
    }
    const extractions = frameExtractions(titled.id);
    expect(extractions).toBeGreaterThan(0);

    const again = await api(`${server.url}/api/video/${titled.id}/facts?text=1`);
    expect(again.body.on_screen_text).toEqual(text);
    const plain = await api(`${server.url}/api/video/${titled.id}/facts`);
    expect(plain.body.on_screen_text).toEqual(text);

    const answer = await api(`${server.url}/api/compare`, { method: 'POST', json: { video_id: titled.id, prompt: 'What text appears on screen?', models: ['local-text'] } });
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.results[0].status, JSON.stringify(answer.body.results[0])).toBe('succeeded');
    expect(answer.body.results[0].response).toContain('TOKYO - DAY 1');
    expect(frameExtractions(titled.id)).toBe(extractions);
  });

  it('stops reading when the client disconnects, caching nothing, so the next request reads afresh', async () => {
    const client = new AbortController();
    const leaving = fetch(`${server.url}/api/video/${untitled.id}/facts?text=1`, { signal: client.signal }).catch((error: unknown) => error);
    // the facts are measured first (the OCR plan needs the shots), then the frames are extracted
    await waitFor(() => frameExtractions(untitled.id) > 0, 90_000);
    client.abort();
    expect(await leaving).toBeInstanceOf(Error);
    const abandoned = frameExtractions(untitled.id);

    const { status, body } = await api(`${server.url}/api/video/${untitled.id}/facts?text=1`);
    expect(status).toBe(200);
    expect(body.on_screen_text.spans).toEqual([]);
    // the abandoned reading was not shared or cached: this one extracted its frames again
    expect(frameExtractions(untitled.id)).toBeGreaterThan(abandoned);
  });
});
