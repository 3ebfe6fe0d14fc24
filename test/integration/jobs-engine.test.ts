import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ProviderError } from '../../src/core/provider-error.js';
import { GatedProvider, rateLimited } from '../helpers/gated-provider.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { writeTestModelsFile } from '../helpers/test-models.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { readEvents } from '../helpers/sse-client.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const testModels = ['test-1', 'test-2', 'test-3', 'test-4'];
let videoFile: string;
let server: TestServer | undefined;

beforeAll(async () => {
  videoFile = await sampleVideoFile('cuts-and-silence');
});

afterEach(async () => {
  await server?.stop({ removeData: true });
  server = undefined;
});

async function startWithGate(gate: GatedProvider, dataDir?: string, providerLimits?: { requests_per_minute: number; concurrent: number }) {
  const dir = dataDir ?? mkdtempSync(path.join(tmpdir(), 'vidcompare-engine-'));
  const modelsFile = writeTestModelsFile(dir, 4, undefined, providerLimits);
  server = await startTestServer({ dataDir: dir, providers: [gate], env: { VIDCOMPARE_MODELS_FILE: modelsFile } });
  return server;
}

async function startJob(s: TestServer, videoId: string, extra: Record<string, unknown> = {}) {
  const res = await api(`${s.url}/api/compare-async`, { method: 'POST', json: { video_id: videoId, prompt: 'Describe the cuts', models: testModels, judge_model: 'none', ...extra } });
  expect(res.status).toBe(200);
  return res.body.job_id as string;
}

describe('job engine', () => {
  it('runs 10 jobs at the same time: all 40 model calls are in flight together', async () => {
    const gate = new GatedProvider();
    const s = await startWithGate(gate);
    const video = await uploadVideo(s.url, videoFile);
    const ids = [];
    for (let i = 0; i < 10; i++) ids.push(await startJob(s, video.id));
    await gate.waitForInFlight(40);
    expect(gate.maxInFlight).toBe(40);
    const running = await api(`${s.url}/api/jobs?status=running`);
    expect(running.body).toHaveLength(10);
    gate.release();
    for (const id of ids) expect((await s.application.jobs.waitForFinish(id))?.status).toBe('completed');
  });

  it('honours a limit shared by all models of a provider, across jobs', async () => {
    const gate = new GatedProvider();
    const s = await startWithGate(gate, undefined, { requests_per_minute: 100_000, concurrent: 3 });
    const video = await uploadVideo(s.url, videoFile);
    const ids = [await startJob(s, video.id), await startJob(s, video.id)];
    // 8 calls want to run; the provider's shared limit lets 3 through at a time
    for (let released = 0; released < 8; released += 3) {
      await gate.waitForInFlight(Math.min(3, 8 - released));
      expect(gate.inFlight).toBe(Math.min(3, 8 - released));
      gate.release();
    }
    for (const id of ids) expect((await s.application.jobs.waitForFinish(id))?.status).toBe('completed');
    expect(gate.maxInFlight).toBe(3);
  });

  it('inside a batch runs combinations one after another and models in parallel', async () => {
    const gate = new GatedProvider();
    const s = await startWithGate(gate);
    const video = await uploadVideo(s.url, videoFile);
    const res = await api(`${s.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['p1', 'p2', 'p3'], models: testModels, judge_model: 'none' } });
    const id = res.body.job_id;
    for (let combination = 1; combination <= 3; combination++) {
      await gate.waitForInFlight(4);
      expect(gate.inFlight).toBe(4);
      expect(new Set(gate.calls.slice(-4).map((c) => c.prompt))).toEqual(new Set([`p${combination}`]));
      gate.release();
    }
    const job = await s.application.jobs.waitForFinish(id);
    expect(job?.status).toBe('completed');
    expect(gate.maxInFlight).toBe(4);
    const view = await api(`${s.url}/api/jobs/${id}`);
    expect(view.body.progress).toBe(100);
    expect(view.body.result.total_combinations).toBe(3);
    expect(view.body.result.comparisons.every((c: any) => c.results.every((r: any) => r.status === 'succeeded' && r.cost_usd > 0))).toBe(true);
  });

  it('streams a running job over its own SSE stream until it finishes', async () => {
    const gate = new GatedProvider();
    const s = await startWithGate(gate);
    const video = await uploadVideo(s.url, videoFile);
    const id = await startJob(s, video.id);
    await gate.waitForInFlight(4);
    let connected!: () => void;
    const snapshotSeen = new Promise<void>((resolve) => (connected = resolve));
    const streamed = readEvents(`${s.url}/api/jobs/${id}/events`, (event) => {
      if (event.type === 'snapshot') connected();
      return false;
    });
    await snapshotSeen;
    gate.release();
    const events = await streamed;
    expect(events[0]?.type).toBe('snapshot');
    expect(events.filter((e) => e.type === 'model_result')).toHaveLength(4);
    expect(events.at(-1)).toMatchObject({ type: 'status', data: { job_id: id, status: 'completed', progress: 100 } });
  });

  it('cancels a running job: in-flight calls are aborted, finished answers kept', async () => {
    const gate = new GatedProvider();
    const s = await startWithGate(gate);
    const video = await uploadVideo(s.url, videoFile);
    const id = await startJob(s, video.id);
    await gate.waitForInFlight(4);
    gate.release(2);
    await waitFor(async () => (await api(`${s.url}/api/jobs/${id}`)).body.units_done === 2);
    const cancel = await api(`${s.url}/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(cancel.status).toBe(200);
    expect(gate.inFlight).toBe(0);
    const view = await api(`${s.url}/api/jobs/${id}`);
    expect(view.body.status).toBe('cancelled');
    expect(view.body.result.results.filter((r: any) => r.status === 'succeeded')).toHaveLength(2);
    expect((await api(`${s.url}/api/jobs/${id}/cancel`, { method: 'POST' })).status).toBe(409);
  });

  it('slows down on 429 instead of failing, and records non-retryable errors without failing the job', async () => {
    const gate = new GatedProvider();
    gate.autoRelease = true;
    gate.failNext(rateLimited(5));
    gate.failNext(rateLimited(5));
    const s = await startWithGate(gate);
    const video = await uploadVideo(s.url, videoFile);
    const ok = await startJob(s, video.id, { models: ['test-1'] });
    await s.application.jobs.waitForFinish(ok);
    const okView = await api(`${s.url}/api/jobs/${ok}`);
    expect(okView.body.result.results[0]).toMatchObject({ status: 'succeeded', attempts: 3 });

    gate.failNext(new ProviderError('Invalid argument', { provider: 'test', statusCode: 400 }));
    const bad = await startJob(s, video.id, { models: ['test-1', 'test-2'] });
    await s.application.jobs.waitForFinish(bad);
    const badView = await api(`${s.url}/api/jobs/${bad}`);
    expect(badView.body.status).toBe('completed');
    const statuses = badView.body.result.results.map((r: any) => [r.status, r.attempts]);
    expect(statuses).toContainEqual(['failed', 1]);
    expect(statuses).toContainEqual(['succeeded', 1]);
  });

  it('resumes unfinished jobs after a restart without repeating finished calls', async () => {
    const gate = new GatedProvider();
    const s = await startWithGate(gate);
    const dataDir = s.dataDir;
    const video = await uploadVideo(s.url, videoFile);
    const res = await api(`${s.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['p1', 'p2'], models: testModels, judge_model: 'local-judge' } });
    const id = res.body.job_id;
    await gate.waitForInFlight(4);
    gate.release(3);
    await waitFor(async () => (await api(`${s.url}/api/jobs/${id}`)).body.units_done === 3);
    await s.stop();
    server = undefined;

    const second = new GatedProvider();
    second.autoRelease = true;
    const restarted = await startWithGate(second, dataDir);
    const job = await restarted.application.jobs.waitForFinish(id);
    expect(job?.status).toBe('completed');
    // 8 model units in all, 3 finished before the restart
    expect(second.calls).toHaveLength(5);
    const view = await api(`${restarted.url}/api/jobs/${id}`);
    expect(view.body.result.comparisons.map((c: any) => c.evaluation.length)).toEqual([4, 4]);
  });

  it('routes a retired model to its successor and records it', async () => {
    const gate = new GatedProvider();
    gate.autoRelease = true;
    const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-engine-'));
    const file = path.join(dir, 'models.json');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, JSON.stringify({ models: [
      { id: 'test-new', name: 'New', provider: 'test', provider_model: 'new' },
      { id: 'test-old', name: 'Old', provider: 'test', provider_model: 'old', retired: { successor: 'test-new', since: '2026-03-09' } },
    ] }));
    server = await startTestServer({ dataDir: dir, providers: [gate], env: { VIDCOMPARE_MODELS_FILE: file } });
    const video = await uploadVideo(server.url, videoFile);
    const id = await startJob(server, video.id, { models: ['test-old'] });
    await server.application.jobs.waitForFinish(id);
    const view = await api(`${server.url}/api/jobs/${id}`);
    expect(view.body.result.results[0]).toMatchObject({ model_id: 'test-old', served_by: 'test-new', status: 'succeeded' });
    expect(gate.calls[0]?.model.provider_model).toBe('new');
  });
});
