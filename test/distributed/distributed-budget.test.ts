import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { missingServices } from '../helpers/services.js';
import { api } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { TestCluster } from './cluster.js';

const unavailable = (await missingServices(['postgres', 'redis'])).length > 0;
// about 1000 output tokens per answer, so actual costs are near the estimates
const longAnswer = 'The cut at 00:05 is hard. '.repeat(154);

describe.skipIf(unavailable)('budgets with 2 workers on PostgreSQL and Redis', () => {
  let standIn: GeminiStandIn;
  let cluster: TestCluster;
  let videoId: string;

  beforeAll(async () => {
    standIn = await startGeminiStandIn({ latencyMs: 150, respond: () => longAnswer });
    cluster = new TestCluster({ GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url });
    await cluster.startApi();
    await Promise.all([cluster.startWorker(), cluster.startWorker()]);
    videoId = (await uploadVideo(cluster.api.url, await sampleVideoFile())).id;
  });

  afterAll(async () => {
    await cluster?.destroy();
    await standIn?.close();
  });

  it('a batch whose combinations run at once on both workers never starts a call past max_cost_usd', async () => {
    const url = cluster.api.url;
    const perCall = (await api(`${url}/api/estimate`, { method: 'POST', json: { video_id: videoId, prompt: 'Prompt 0', models: ['gemini-3.8-flash'], judge_model: 'none' } })).body.total_usd as number;
    const limit = 2.5 * perCall;
    const prompts = Array.from({ length: 8 }, (_, i) => `Prompt ${i}`);
    const created = await api(`${url}/api/batch-compare-async`, {
      method: 'POST',
      json: { video_ids: [videoId], prompts, models: ['gemini-3.8-flash'], judge_model: 'none', combination_concurrency: 8, max_cost_usd: limit },
    });
    expect(created.status).toBe(200);
    const jobId = created.body.job_id;
    let view: any;
    await waitFor(async () => {
      view = (await api(`${url}/api/jobs/${jobId}`)).body;
      return view.status === 'completed' || view.status === 'failed';
    }, 120_000);
    expect(view.status).toBe('completed');
    const answers = view.result.comparisons.flatMap((c: any) => c.results);
    const succeeded = answers.filter((a: any) => a.status === 'succeeded');
    const skipped = answers.filter((a: any) => a.status === 'skipped');
    expect(succeeded.length + skipped.length).toBe(8);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(skipped.length).toBeGreaterThanOrEqual(4);
    expect(view.result.budget).toMatchObject({ limit_usd: limit, stopped: true, scope: 'job' });
    // every call was admitted with the spend so far plus all estimates in flight within the limit, and here
    // each call costs less than its estimate (the stand-in bills a video as 1000 tokens), so the spend stays within it
    expect(succeeded.every((a: any) => a.cost_usd < a.estimated_cost_usd)).toBe(true);
    expect(view.result.budget.spent_usd).toBeLessThanOrEqual(limit);
    expect(standIn.totalGenerateCalls()).toBe(succeeded.length);
  });
});
