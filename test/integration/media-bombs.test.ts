import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaTools } from '../../src/videos/media-tools.js';
import { liveToolProcesses } from '../../src/videos/run-tool.js';
import { makeLongStillVideo, makeMatroskaClaiming, makeMjpegMp4Claiming, makeOneFrameMp4Claiming } from '../helpers/media-bombs.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

const tools = resolveMediaTools(process.env);
let server: TestServer;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'media-bombs-'));
  server = await startTestServer();
});
afterAll(async () => {
  await server.stop({ removeData: true });
  rmSync(dir, { recursive: true, force: true });
});

async function upload(file: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)], { type: 'video/mp4' }), path.basename(file));
  const response = await fetch(`${server.url}/api/video/upload`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

/** No record, no committed file, no thumbnail, no temp file. */
async function expectNothingStored(): Promise<void> {
  expect((await api(`${server.url}/api/videos`)).body.videos).toEqual([]);
  for (const sub of ['videos', 'thumbnails', 'tmp']) {
    const entries = (() => {
      try {
        return readdirSync(path.join(server.dataDir, sub));
      } catch {
        return [];
      }
    })();
    expect(entries, sub).toEqual([]);
  }
}

describe('uploads whose headers claim unbounded work are refused right after probing', () => {
  it('refuses a 1.5 KB file claiming 10 hours with 413, keeping nothing', async () => {
    const file = path.join(dir, 'ten-hours.mp4');
    await makeOneFrameMp4Claiming(file, tools, 36_000);
    const res = await upload(file);
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/lasts 10:00:00.*limit is 3:00:00.*VIDCOMPARE_MAX_DURATION_S/);
    await expectNothingStored();
  });

  it('refuses a 16000×16000 file with 413, keeping nothing', async () => {
    const file = path.join(dir, 'huge-pictures.mp4');
    await makeMjpegMp4Claiming(file, tools, 16_000, 16_000);
    const res = await upload(file);
    expect(res.status).toBe(413);
    expect(res.body.detail).toMatch(/16000×16000.*VIDCOMPARE_MAX_PIXELS/);
    await expectNothingStored();
  });

  it('refuses with 422 a file far too small for the duration it declares (2 h in 1.5 KB)', async () => {
    const file = path.join(dir, 'two-hours.mp4');
    await makeOneFrameMp4Claiming(file, tools, 7200);
    const res = await upload(file);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/bytes per second/);
    await expectNothingStored();
  });

  it('refuses with 422 a file whose packets stop long before its declared duration', async () => {
    const file = path.join(dir, 'declares-ten-minutes.mkv');
    await makeMatroskaClaiming(file, tools, 600);
    const res = await upload(file);
    expect(res.status).toBe(422);
    expect(res.body.detail).toMatch(/declares 10:00 .* streams end at 2\.\d s/);
    await expectNothingStored();
  });
});

describe('measuring a long valid video', () => {
  it('is killed when its job is cancelled, leaving no ffmpeg behind', async () => {
    const file = path.join(dir, 'two-hours-valid.mp4');
    await makeLongStillVideo(file, tools, 7200);
    const video = await upload(file);
    expect(video.status, JSON.stringify(video.body)).toBe(200);
    expect(liveToolProcesses()).toEqual([]);

    const job = await api(`${server.url}/api/compare-async`, {
      method: 'POST',
      json: { video_id: video.body.id, prompt: 'Describe the video', models: ['local-full'], judge_model: 'none' },
    });
    expect(job.status).toBe(200);
    // the measurement is under way once its ffmpeg runs
    await waitFor(() => liveToolProcesses().some((p) => p.tool === 'ffmpeg'), 60_000);
    const measuring = liveToolProcesses().map((p) => p.pid);

    const cancel = await api(`${server.url}/api/jobs/${job.body.job_id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    await waitFor(() => liveToolProcesses().length === 0, 30_000);
    for (const pid of measuring) expect(() => process.kill(pid, 0), `ffmpeg ${pid} still alive`).toThrow(/ESRCH/);
    const finished = await api(`${server.url}/api/jobs/${job.body.job_id}`);
    expect(finished.body.status).toBe('cancelled');
  });
});
