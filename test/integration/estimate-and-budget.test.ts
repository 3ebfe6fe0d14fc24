import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

const fourGemini = ['gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-3.8-flash', 'gemini-2.5-flash-lite'];
// about 1000 output tokens per answer (the stand-in counts 4 characters a token), so actual costs are near the estimates
const longAnswer = 'The cut at 00:05 is hard. '.repeat(154);
let server: TestServer | undefined;
let standIn: GeminiStandIn | undefined;

afterEach(async () => {
  await server?.stop({ removeData: true });
  await standIn?.close();
  server = undefined;
  standIn = undefined;
});

async function start(env: Record<string, string> = {}) {
  standIn = await startGeminiStandIn({ respond: () => longAnswer });
  server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url, ...env } });
  return uploadVideo(server.url, await sampleVideoFile());
}

async function finishedJob(jobId: string): Promise<any> {
  await server!.application.jobs.waitForFinish(jobId);
  return (await api(`${server!.url}/api/jobs/${jobId}`)).body;
}

const answersOf = (result: any): any[] => (result.comparisons ? result.comparisons.flatMap((c: any) => c.results) : result.results);

describe('POST /api/estimate', () => {
  it('answers a compare body with per-model token arithmetic, and refuses bad bodies as compare does', async () => {
    const video = await start();
    const body = { video_id: video.id, prompt: 'List every cut', models: fourGemini, judge_model: 'none' };
    const { status, body: estimate } = await api(`${server!.url}/api/estimate`, { method: 'POST', json: body });
    expect(status).toBe(200);
    expect(estimate.calls).toBe(4);
    const seconds = video.duration_s as number;
    const promptTokens = Math.ceil('List every cut'.length / 4);
    const audio = video.has_audio ? Math.ceil(seconds * 32) : 0;
    const byId = Object.fromEntries(estimate.per_model.map((m: any) => [m.model_id, m]));
    expect(byId['gemini-2.5-flash-lite'].input_tokens).toBe(Math.ceil(seconds) * 258 + audio + promptTokens);
    expect(byId['gemini-3-flash-preview'].input_tokens).toBe(Math.ceil(seconds) * 70 + audio + promptTokens);
    expect(estimate.total_usd).toBeCloseTo(estimate.per_model.reduce((sum: number, m: any) => sum + m.cost_usd, 0), 12);
    expect(standIn!.totalGenerateCalls()).toBe(0);

    const low = await api(`${server!.url}/api/estimate`, { method: 'POST', json: { ...body, params: { '*': { mediaResolution: 'low' } } } });
    expect(low.body.per_model.find((m: any) => m.model_id === 'gemini-2.5-flash-lite').input_tokens).toBe(Math.ceil(seconds) * 66 + audio + promptTokens);

    const batch = await api(`${server!.url}/api/estimate`, { method: 'POST', json: { video_ids: [video.id, video.id], prompts: ['a', 'b', 'c'], models: ['gemini-2.5-flash-lite'], judge_model: 'gemini-2.5-flash-lite' } });
    expect(batch.status).toBe(200);
    expect(batch.body.per_model.map((m: any) => [m.model_id, m.role, m.calls])).toStrictEqual([['gemini-2.5-flash-lite', 'answer', 6], ['gemini-2.5-flash-lite', 'judge', 6]]);

    for (const [bad, code] of [
      [{ ...body, prompt: '   ' }, 400],
      [{ ...body, video_id: 'nope' }, 404],
      [{ ...body, models: ['no-such-model'] }, 400],
      [{ ...body, max_cost_usd: -1 }, 400],
    ] as const) {
      const response = await api(`${server!.url}/api/estimate`, { method: 'POST', json: bad });
      expect(response.status).toBe(code);
      expect(typeof response.body.detail).toBe('string');
    }
  });

  it('after a run, each answer shows its estimate next to the actual usage the provider reported', async () => {
    const video = await start();
    const job = (await api(`${server!.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'List every cut', models: fourGemini, judge_model: 'none' } })).body.job_id;
    const view = await finishedJob(job);
    expect(view.status).toBe('completed');
    expect(view.request_data.estimate.calls).toBe(4);
    const rows = answersOf(view.result).map((r: any) => {
      expect(r.status).toBe('succeeded');
      expect(r.estimated_input_tokens).toBeGreaterThan(0);
      expect(r.estimated_cost_usd).toBeGreaterThan(0);
      return `${r.model_id}: input est ${r.estimated_input_tokens} / actual ${r.input_tokens}; output est ${r.estimated_output_tokens} / actual ${r.output_tokens + r.thinking_tokens}; cost est ${r.estimated_cost_usd.toFixed(6)} / actual ${r.cost_usd.toFixed(6)}`;
    });
    // the figures the closing note quotes (the stand-in bills every video as 1000 tokens)
    console.info(`estimate vs actual on the Gemini stand-in (${video.duration_s} s video):\n${rows.join('\n')}`);
  });
});

describe('budgets', () => {
  async function perCallEstimate(videoId: string, model: string): Promise<number> {
    const estimate = (await api(`${server!.url}/api/estimate`, { method: 'POST', json: { video_id: videoId, prompt: 'Prompt 0', models: [model], judge_model: 'none' } })).body;
    return estimate.total_usd;
  }

  it('a batch with a small max_cost_usd stops: completed, result.budget.stopped, the unstarted answers skipped', async () => {
    const video = await start();
    const limit = 2.3 * (await perCallEstimate(video.id, 'gemini-3.8-flash'));
    const prompts = Array.from({ length: 6 }, (_, i) => `Prompt ${i}`);
    const job = (await api(`${server!.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts, models: ['gemini-3.8-flash'], judge_model: 'none', max_cost_usd: limit } })).body.job_id;
    const view = await finishedJob(job);
    expect(view.status).toBe('completed');
    const answers = answersOf(view.result);
    const succeeded = answers.filter((a) => a.status === 'succeeded');
    const skipped = answers.filter((a) => a.status === 'skipped');
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    expect(skipped.length).toBeGreaterThanOrEqual(1);
    expect(succeeded.length + skipped.length).toBe(6);
    expect(skipped.every((a) => a.error === 'skipped: budget reached' && a.input_tokens === null)).toBe(true);
    const spent = succeeded.reduce((sum, a) => sum + a.cost_usd, 0);
    expect(view.result.budget).toStrictEqual({ limit_usd: limit, spent_usd: expect.closeTo(spent, 12), stopped: true, scope: 'job' });
    expect(spent).toBeLessThanOrEqual(limit);
    expect(standIn!.totalGenerateCalls()).toBe(succeeded.length);
    // skipped is its own status in the exports too
    const csv = await (await fetch(`${server!.url}/api/jobs/${job}/export?format=csv`)).text();
    expect(csv).toMatch(/skipped/);
  });

  it('the daily budget stops a second job: today\'s spend is read from the store across jobs', async () => {
    const video = await start({ VIDCOMPARE_DAILY_BUDGET_USD: '1' });
    // the daily limit is set above; size the jobs from one call's estimate so that the first job can afford about two
    const perCall = await perCallEstimate(video.id, 'gemini-3.8-flash');
    await server!.stop({ removeData: false });
    const dataDir = server!.dataDir;
    server = await startTestServer({ dataDir, env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn!.url, VIDCOMPARE_DAILY_BUDGET_USD: String(2.3 * perCall) } });
    const first = (await api(`${server.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['A', 'B', 'C', 'D'], models: ['gemini-3.8-flash'], judge_model: 'none' } })).body.job_id;
    const firstView = await finishedJob(first);
    const firstAnswers = answersOf(firstView.result);
    expect(firstAnswers.filter((a) => a.status === 'succeeded').length).toBeGreaterThanOrEqual(1);
    const callsAfterFirst = standIn!.totalGenerateCalls();

    const second = (await api(`${server.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['E', 'F'], models: ['gemini-3.8-flash'], judge_model: 'none' } })).body.job_id;
    const secondView = await finishedJob(second);
    expect(secondView.status).toBe('completed');
    expect(answersOf(secondView.result).map((a) => a.status)).toStrictEqual(['skipped', 'skipped']);
    expect(secondView.result.budget).toMatchObject({ stopped: true, scope: 'daily', spent_usd: 0, limit_usd: expect.closeTo(2.3 * perCall, 12) });
    expect(standIn!.totalGenerateCalls()).toBe(callsAfterFirst);
  });

  it('a budget large enough changes nothing', async () => {
    const video = await start({ VIDCOMPARE_DAILY_BUDGET_USD: '50' });
    const job = (await api(`${server!.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['A', 'B', 'C'], models: ['gemini-3.8-flash', 'gemini-2.5-flash-lite'], judge_model: 'none', max_cost_usd: 100 } })).body.job_id;
    const view = await finishedJob(job);
    const answers = answersOf(view.result);
    expect(answers.map((a) => a.status)).toStrictEqual(Array(6).fill('succeeded'));
    expect(view.result.budget).toMatchObject({ limit_usd: 100, stopped: false, scope: 'job' });
    expect(standIn!.totalGenerateCalls()).toBe(6);
  });
});
