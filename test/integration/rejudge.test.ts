import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn, type GenerateRequestBody } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

const models = ['gemini-3.1-pro-preview', 'gemini-3-flash-preview'];
let server: TestServer | undefined;
let standIn: GeminiStandIn | undefined;

afterEach(async () => {
  await server?.stop({ removeData: true });
  await standIn?.close();
  server = undefined;
  standIn = undefined;
});

const isJudgeCall = (body: GenerateRequestBody) => Boolean(body.generationConfig?.responseJsonSchema);
const promptOf = (body: GenerateRequestBody) => body.contents?.flatMap((c) => c.parts ?? []).find((p) => p.text)?.text ?? '';

/** Model calls answer in markdown; judge calls score the labelled responses 9, 8, ... */
function respond(body: GenerateRequestBody): string {
  if (!isJudgeCall(body)) return '## Answer\n\nCuts at 00:05 and 00:09.';
  const labels = [...JSON.stringify(body).matchAll(/<response id=\\"([A-Z]+)\\">/g)].map((m) => m[1]!);
  return JSON.stringify({
    evaluations: labels.map((label, i) => ({ response: label, score: 9 - i, reasoning: `Response ${label} is fine`, strengths: ['clear'], weaknesses: [] })),
    overall_summary: `Response ${labels[0]} is best`,
  });
}

async function finished(jobId: string): Promise<any> {
  await server!.application.jobs.waitForFinish(jobId);
  return (await api(`${server!.url}/api/jobs/${jobId}`)).body;
}

describe('re-judging a finished job', () => {
  it('reuses every answer (zero model calls), runs only the new judges, and links the new job to its source', async () => {
    const calls = { model: 0, judge: 0 };
    standIn = await startGeminiStandIn({ respond, onCall: (call) => (isJudgeCall(call.body) ? calls.judge++ : calls.model++) });
    server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url } });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const created = await api(`${server.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['List the cuts', 'Describe the audio'], models, judge_model: 'local-judge' } });
    const source = await finished(created.body.job_id);
    expect(source.status).toBe('completed');
    expect(calls).toEqual({ model: 4, judge: 0 });

    const rejudged = await api(`${server.url}/api/jobs/${source.job_id}/rejudge`, { method: 'POST', json: { judge_model: 'gemini-3-flash-preview' } });
    expect(rejudged.status).toBe(202);
    expect(rejudged.body.rejudge_of).toBe(source.job_id);
    const job = await finished(rejudged.body.job_id);
    expect(job.status).toBe('completed');
    expect(calls).toEqual({ model: 4, judge: 2 });
    expect(job.rejudge_of).toBe(source.job_id);
    expect(job.request_data.judge_model).toBe('gemini-3-flash-preview');
    for (const [i, comparison] of job.result.comparisons.entries()) {
      expect(comparison.judge_model).toBe('gemini-3-flash-preview');
      expect(comparison.evaluation.map((e: any) => e.score).sort()).toEqual([8, 9]);
      expect(comparison.results.map((r: any) => r.response)).toEqual(source.result.comparisons[i].results.map((r: any) => r.response));
      expect(comparison.results.map((r: any) => r.latency_ms)).toEqual(source.result.comparisons[i].results.map((r: any) => r.latency_ms));
      expect(comparison.results.map((r: any) => r.cached)).toEqual([true, true]);
      expect(source.result.comparisons[i].results.map((r: any) => r.cached)).toEqual([false, false]);
    }
    // the source keeps its own verdicts
    const sourceAfter = (await api(`${server.url}/api/jobs/${source.job_id}`)).body;
    expect(sourceAfter.result.comparisons.map((c: any) => c.judge_model)).toEqual(['local-judge', 'local-judge']);
    // the job list shows it like any other, with its source
    const listed = (await api(`${server.url}/api/jobs`)).body.find((j: any) => j.job_id === job.job_id);
    expect(listed).toMatchObject({ status: 'completed', rejudge_of: source.job_id });

    // a panel: each judge scores every answer; only the LLM judge calls the provider
    const panel = await api(`${server.url}/api/jobs/${job.job_id}/rejudge`, { method: 'POST', json: { judge_models: ['gemini-3.1-pro-preview', 'local-judge'], judge_runs: 2 } });
    expect(panel.status).toBe(202);
    const panelJob = await finished(panel.body.job_id);
    expect(panelJob.status).toBe('completed');
    expect(calls).toEqual({ model: 4, judge: 2 + 2 * 2 });
    expect(panelJob.request_data).toMatchObject({ judge_models: ['gemini-3.1-pro-preview', 'local-judge'], judge_runs: 2, rejudge_of: job.job_id });
    expect(panelJob.result.comparisons[0].judges.map((j: any) => [j.judge_model, j.status])).toEqual([['gemini-3.1-pro-preview', 'succeeded'], ['local-judge', 'succeeded']]);
  });

  it('refuses an unknown job (404), an unfinished one (409) and a judge it cannot use (400), storing nothing', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    standIn = await startGeminiStandIn({ respond, gate: (call) => (promptOf(call.body).includes('HOLD') ? held : Promise.resolve()) });
    server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url } });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const running = (await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'HOLD on', models: models.slice(0, 1), judge_model: 'none' } })).body.job_id;
    const jobsBefore = (await api(`${server.url}/api/jobs`)).body.length;

    const post = (id: string, json: unknown) => api(`${server!.url}/api/jobs/${id}/rejudge`, { method: 'POST', json });
    const unknownJob = await post('no-such-job', { judge_model: 'local-judge' });
    expect(unknownJob.status).toBe(404);
    expect(unknownJob.body.detail).toMatch(/no-such-job not found/);
    const unfinished = await post(running, { judge_model: 'local-judge' });
    expect(unfinished.status).toBe(409);
    expect(unfinished.body.detail).toMatch(/still (pending|running).*once it has finished/);
    for (const [body, detail] of [
      [{ judge_model: 'no-such-judge' }, /unknown model "no-such-judge"/],
      [{ judge_model: 'none' }, /would judge nothing/],
      [{}, /name the judge/],
      [{ judge_model: 'local-judge', judge_models: ['local-judge'] }, /not both/],
      [{ judge_model: 'local-shots' }, /cannot act as a judge/],
      [{ judge_model: 'local-judge', judge_runs: 3 }, /judge_runs/],
    ] as const) {
      const refused = await post(running, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.detail).toMatch(detail);
    }
    expect((await api(`${server.url}/api/jobs`)).body).toHaveLength(jobsBefore);

    release();
    expect((await finished(running)).status).toBe('completed');
    expect((await post(running, { judge_model: 'local-judge' })).status).toBe(202);
  });
});
