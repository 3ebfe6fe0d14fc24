import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

const gemini = ['gemini-3-flash-preview', 'gemini-3.1-pro-preview'];
const prompts = ['List the cuts with timecodes', 'Describe the audio track'];
// polled every 50 ms: tests wait on the stand-in's state, never on the clock
const env = (standIn: GeminiStandIn) => ({ GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_GEMINI_BATCH_POLL_S: '0.05' });

let server: TestServer | undefined;
let standIn: GeminiStandIn | undefined;
const scratch: string[] = [];

afterEach(async () => {
  await server?.stop({ removeData: true });
  await standIn?.close();
  server = undefined;
  standIn = undefined;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function startBatchJob(url: string, models: string[], extra: Record<string, unknown> = {}): Promise<string> {
  const video = await uploadVideo(url, await sampleVideoFile());
  const created = await api(`${url}/api/batch-compare-async`, {
    method: 'POST',
    json: { video_ids: [video.id], prompts, models, judge_model: 'none', mode: 'batch', ...extra },
  });
  expect(created.status).toBe(200);
  return created.body.job_id;
}

const job = (url: string, id: string) => api(`${url}/api/jobs/${id}`);
const resultsOf = (view: any): any[] => view.body.result.comparisons.flatMap((c: any) => c.results);
const batchNames = () => [...standIn!.batches.keys()];

describe('Gemini Batch mode ("mode": "batch")', () => {
  it('end to end: one batch per Gemini model with one request per combination, answers mapped back at 50 % of the table price and judged; the local model runs as usual', async () => {
    standIn = await startGeminiStandIn({ holdBatches: true });
    server = await startTestServer({ env: env(standIn) });
    const id = await startBatchJob(server.url, [...gemini, 'local-shots'], { judge_model: 'local-judge' });

    await waitFor(() => standIn!.batches.size === 2);
    // the local model answers while Gemini still holds the batches
    await waitFor(async () => (await job(server!.url, id)).body.units_done === 2);
    const running = await job(server.url, id);
    expect(running.body.status).toBe('running');
    expect(running.body.progress_message).toContain('queued at Gemini (batch)');
    expect(standIn.totalGenerateCalls()).toBe(0);
    expect(standIn.stats.uploads).toBe(1);
    for (const batch of standIn.batches.values()) {
      expect(gemini).toContain(batch.model);
      expect(batch.requests.map((r) => r.metadata?.['key'])).toEqual(['0', '1']);
      expect(batch.requests.map((r) => r.request.contents?.[0]?.parts?.find((p) => p.text)?.text)).toEqual(prompts);
      expect(batch.requests.every((r) => r.request.contents?.[0]?.parts?.[0]?.fileData?.fileUri)).toBe(true);
    }

    for (const name of batchNames()) standIn.finishBatch(name);
    await server.application.jobs.waitForFinish(id);
    const view = await job(server.url, id);
    expect(view.body.status).toBe('completed');
    const results = resultsOf(view);
    expect(results).toHaveLength(6);
    expect(results.filter((r) => r.status !== 'succeeded').map((r) => r.error)).toEqual([]);

    const prices = new Map<string, any>((await api(`${server.url}/api/models`)).body.details.map((d: any) => [d.id, d]));
    for (const r of results.filter((r) => gemini.includes(r.model_id))) {
      expect(r.billing).toBe('batch');
      expect(r.response).toContain(`## Analysis by ${r.model_id}`);
      const { input_usd_per_mtok: inPrice, output_usd_per_mtok: outPrice } = prices.get(r.model_id);
      const tablePrice = (r.input_tokens * inPrice + (r.output_tokens + r.thinking_tokens) * outPrice) / 1e6;
      expect(r.cost_usd).toBeGreaterThan(0);
      expect(r.cost_usd / tablePrice).toBeCloseTo(0.5, 10);
    }
    // each combination is judged once its batch answers are in
    for (const comparison of view.body.result.comparisons) {
      expect(comparison.evaluation_error).toBeNull();
      expect(comparison.evaluation.map((e: any) => e.model_id).sort()).toEqual([...gemini, 'local-shots'].sort());
    }
    const local = results.filter((r) => r.model_id === 'local-shots');
    expect(local).toHaveLength(2);
    expect(local.every((r) => r.billing === undefined)).toBe(true);
    // each combination was answered by the batch, once
    expect(standIn.batchStats.creates).toBe(2);
    expect(standIn.totalGenerateCalls()).toBe(0);
  });

  it('cancelling the job cancels the batch at Gemini', async () => {
    standIn = await startGeminiStandIn({ holdBatches: true });
    server = await startTestServer({ env: env(standIn) });
    const id = await startBatchJob(server.url, ['gemini-3-flash-preview']);
    await waitFor(() => standIn!.batches.size === 1);
    await waitFor(() => standIn!.batchStats.gets > 0);

    const cancelled = await api(`${server.url}/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    await waitFor(() => standIn!.batchStats.cancels === 1);
    expect([...standIn.batches.values()][0]!.state).toBe('BATCH_STATE_CANCELLED');
    expect((await job(server.url, id)).body.status).toBe('cancelled');
  });

  it('a batch that fails marks its answers failed with Gemini\'s reason; an expired one says it expired', async () => {
    standIn = await startGeminiStandIn({ holdBatches: true });
    server = await startTestServer({ env: env(standIn) });
    const id = await startBatchJob(server.url, gemini);
    await waitFor(() => standIn!.batches.size === 2);
    const byModel = new Map([...standIn.batches.values()].map((b) => [b.model, b.name]));
    standIn.finishBatch(byModel.get('gemini-3-flash-preview')!, { state: 'BATCH_STATE_FAILED', error: 'Batch quota exceeded for this project' });
    standIn.finishBatch(byModel.get('gemini-3.1-pro-preview')!, { state: 'BATCH_STATE_EXPIRED' });
    await server.application.jobs.waitForFinish(id);
    const view = await job(server.url, id);
    expect(view.body.status).toBe('completed');
    const results = resultsOf(view);
    expect(results.every((r) => r.status === 'failed' && r.cost_usd === null)).toBe(true);
    for (const r of results.filter((r) => r.model_id === 'gemini-3-flash-preview')) expect(r.error).toContain('Batch quota exceeded for this project');
    for (const r of results.filter((r) => r.model_id === 'gemini-3.1-pro-preview')) expect(r.error).toMatch(/expired/);
  });

  it('a single comparison in batch mode goes through the Batch API too', async () => {
    standIn = await startGeminiStandIn();
    server = await startTestServer({ env: env(standIn) });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const created = await api(`${server.url}/api/compare-async`, {
      method: 'POST',
      json: { video_id: video.id, prompt: prompts[0], models: ['gemini-3-flash-preview'], judge_model: 'none', mode: 'batch' },
    });
    expect(created.status).toBe(200);
    await server.application.jobs.waitForFinish(created.body.job_id);
    const view = await job(server.url, created.body.job_id);
    expect(view.body.request_data.mode).toBe('batch');
    expect(view.body.result.results).toMatchObject([{ model_id: 'gemini-3-flash-preview', status: 'succeeded', billing: 'batch' }]);
    expect(standIn.batchStats.creates).toBe(1);
    expect(standIn.totalGenerateCalls()).toBe(0);
  });

  it('refuses batch mode without a Gemini model, with a reason and nothing stored', async () => {
    standIn = await startGeminiStandIn();
    server = await startTestServer({ env: env(standIn) });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const refused = await api(`${server.url}/api/batch-compare-async`, {
      method: 'POST',
      json: { video_ids: [video.id], prompts, models: ['local-shots'], mode: 'batch' },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/Gemini/);
    const budgeted = await api(`${server.url}/api/batch-compare-async`, {
      method: 'POST',
      json: { video_ids: [video.id], prompts, models: gemini, mode: 'batch', max_cost_usd: 1 },
    });
    expect(budgeted.status).toBe(400);
    expect(budgeted.body.detail).toMatch(/max_cost_usd cannot be enforced in mode "batch"/);
    const unknown = await api(`${server.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts, models: gemini, mode: 'later' } });
    expect(unknown.status).toBe(400);
    expect((await api(`${server.url}/api/jobs`)).body).toEqual([]);
  });
});

describe('Gemini Batch mode across a server crash', () => {
  it('re-attaches to the stored batch after kill -9: no second batch, and the job completes', async () => {
    standIn = await startGeminiStandIn({ holdBatches: true });
    const dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-batch-crash-'));
    scratch.push(dataDir);
    const processEnv = { VIDCOMPARE_DATA_DIR: dataDir, ...env(standIn) };
    let child: ServerProcess = await startServerProcess(processEnv);
    try {
      const id = await startBatchJob(child.url, ['gemini-3-flash-preview']);
      await waitFor(() => standIn!.batches.size === 1);
      const name = batchNames()[0]!;
      // the batch was recorded before the first poll
      await waitFor(() => standIn!.batches.get(name)!.gets > 0);
      child.child.kill('SIGKILL');
      await child.exited;

      child = await startServerProcess(processEnv);
      const getsBefore = standIn.batches.get(name)!.gets;
      await waitFor(() => standIn!.batches.get(name)!.gets > getsBefore);
      standIn.finishBatch(name);
      await waitFor(async () => (await job(child.url, id)).body.status === 'completed');
      const results = resultsOf(await job(child.url, id));
      expect(results).toHaveLength(2);
      expect(results.every((r) => r.status === 'succeeded' && r.billing === 'batch')).toBe(true);
      expect(standIn.batchStats.creates).toBe(1);
      expect(standIn.batchStats.cancels).toBe(0);
    } finally {
      child.child.kill('SIGTERM');
      await child.exited;
    }
  });
});
