import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findTimestamps, promptTemplates } from '../../src/domain/index.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { readEvents } from '../helpers/sse-client.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

const localModels = ['local-full', 'local-shots', 'local-audio', 'local-look'];
const pacingPrompt = promptTemplates.find((t) => t.id === 'transitions-pacing')!.prompt;
let server: TestServer;
let video: any;

beforeAll(async () => {
  server = await startTestServer();
  video = await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'));
});
afterAll(() => server.stop({ removeData: true }));

describe('a comparison with the built-in local models, no key, no network', () => {
  it('probes the upload', () => {
    expect(video).toMatchObject({ filename: 'cuts-and-silence.mp4', width: 640, height: 360, has_audio: true });
    expect(video.duration_s).toBeCloseTo(15, 0);
    expect(video.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('answers with the measured cuts and judges every answer (blocking seed endpoint)', async () => {
    const res = await api(`${server.url}/api/compare`, { method: 'POST', json: { video_id: video.id, prompt: pacingPrompt, models: localModels, judge_model: 'local-judge' } });
    expect(res.status).toBe(200);
    const { results, evaluation, overall_summary } = res.body;
    expect(results.map((r: any) => r.model_id)).toEqual(localModels);
    for (const result of results) {
      expect(result.status, result.error).toBe('succeeded');
      expect(result.response).toMatch(/measure/i);
      const times = findTimestamps(result.response).map((t) => t.seconds);
      expect(Math.max(...times), result.model_id).toBeLessThanOrEqual(15.5);
    }
    const shots = results.find((r: any) => r.model_id === 'local-shots').response as string;
    const times = findTimestamps(shots).map((t) => t.seconds);
    expect(times.some((t) => Math.abs(t - 5) <= 0.5)).toBe(true);
    expect(times.some((t) => Math.abs(t - 10) <= 0.5)).toBe(true);
    const audio = await api(`${server.url}/api/compare`, { method: 'POST', json: { video_id: video.id, prompt: 'How is the audio? Any silences?', models: ['local-audio'], judge_model: 'none' } });
    const silence = /silence from[^\n]*/i.exec(audio.body.results[0].response)?.[0] ?? '';
    expect(findTimestamps(silence).some((t) => Math.abs(t.seconds - 5) <= 0.5), silence).toBe(true);
    expect(evaluation).toHaveLength(4);
    for (const score of evaluation) {
      expect(Number.isInteger(score.score), `${score.model_id} ${score.score}`).toBe(true);
      expect(score.score).toBeGreaterThanOrEqual(1);
      expect(score.score).toBeLessThanOrEqual(10);
      expect(score.score).toBe(Math.round(score.score_exact));
      // the rubric's points add up to the precise score
      const points = score.rubric.reduce((sum: number, line: { points: number }) => sum + line.points, 0);
      expect(points).toBeCloseTo(score.score_exact, 1);
      expect(localModels).toContain(score.model_id);
    }
    expect(typeof overall_summary).toBe('string');
  });

  it('streams live progress over SSE until the job completes', async () => {
    let createdId: string | undefined;
    let ready!: () => void;
    const streamReady = new Promise<void>((resolve) => (ready = resolve));
    const streamed = readEvents(`${server.url}/api/events`, (event) => {
      if (event.type === 'ready') ready();
      if (event.type === 'created') createdId ??= event.data.job_id;
      return event.type === 'status' && event.data.job_id === createdId && event.data.status === 'completed';
    });
    await streamReady;
    const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'How is the audio?', models: localModels } });
    expect(created.body.status).toBe('pending');
    const events = (await streamed).filter((e) => e.data.job_id === created.body.job_id);
    const types = events.map((e) => e.type);
    expect(types[0]).toBe('created');
    expect(types.filter((t) => t === 'model_result')).toHaveLength(4);
    expect(types).toContain('evaluation');
    expect(events.at(-1)).toMatchObject({ type: 'status', data: { status: 'completed', progress: 100 } });
    const progress = events.filter((e) => e.type === 'progress' || e.type === 'status').map((e) => e.data.progress);
    expect(progress).toEqual([...progress].sort((a, b) => a - b));

    // a per-job stream of a finished job sends its snapshot and ends
    const perJob = await readEvents(`${server.url}/api/jobs/${created.body.job_id}/events`);
    expect(perJob).toHaveLength(1);
    expect(perJob[0]).toMatchObject({ type: 'snapshot', data: { status: 'completed', progress: 100 } });
  });

  it('lists jobs newest first with seed fields and deletes and cleans up', async () => {
    const list = await api(`${server.url}/api/jobs?limit=50`);
    expect(Array.isArray(list.body)).toBe(true);
    const job = list.body[0];
    for (const field of ['job_id', 'job_type', 'status', 'created_at', 'started_at', 'completed_at', 'progress', 'progress_message', 'request_data', 'result', 'error']) {
      expect(job).toHaveProperty(field);
    }
    expect(list.body.map((j: any) => j.created_at)).toEqual([...list.body.map((j: any) => j.created_at)].sort().reverse());
    const detail = await api(`${server.url}/api/jobs/${job.job_id}`);
    expect(detail.body.request_data).toMatchObject({ video_id: video.id, models: localModels });
    expect((await api(`${server.url}/api/jobs/${job.job_id}/result`)).status).toBe(200);
    expect((await api(`${server.url}/api/jobs/${job.job_id}`, { method: 'DELETE' })).status).toBe(200);
    expect((await api(`${server.url}/api/jobs/${job.job_id}`)).status).toBe(404);
    const cleanup = await api(`${server.url}/api/jobs/cleanup?days=0`, { method: 'POST' });
    expect(cleanup.status).toBe(200);
    expect(cleanup.body.deleted).toBeGreaterThanOrEqual(1);
    expect((await api(`${server.url}/api/jobs`)).body).toEqual([]);
  });

  it('keeps videos across a restart, serves byte ranges, and clears what an interrupted upload left', async () => {
    const dataDir = server.dataDir;
    await server.stop();
    // what a kill -9 in the middle of uploads can leave: a partial upload, a partial thumbnail, a file without a record
    writeFileSync(path.join(dataDir, 'tmp', 'upload-partial'), 'partial');
    writeFileSync(path.join(dataDir, 'thumbnails', 'abc.jpg.part'), 'partial');
    writeFileSync(path.join(dataDir, 'videos', 'orphan-video'), 'no record');
    server = await startTestServer({ dataDir });
    const list = await api(`${server.url}/api/videos`);
    expect(list.body.videos.map((v: any) => v.id)).toContain(video.id);
    const ranged = await fetch(`${server.url}/api/video/${video.id}`, { headers: { range: 'bytes=10-19' } });
    expect(ranged.status).toBe(206);
    expect((await ranged.arrayBuffer()).byteLength).toBe(10);
    expect(readdirSync(path.join(dataDir, 'tmp'))).toEqual([]);
    // the thumbnail is kept in the blob store beside its video; the thumbnails folder only holds ones being made
    expect(readdirSync(path.join(dataDir, 'videos')).sort()).toEqual([video.id, `${video.id}.jpg`].sort());
    expect(readdirSync(path.join(dataDir, 'thumbnails'))).toEqual([]);
  });
});
