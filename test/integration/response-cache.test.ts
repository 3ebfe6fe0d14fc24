import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

const fourModels = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-2.5-flash-lite'];
let server: TestServer | undefined;
let standIn: GeminiStandIn | undefined;

afterEach(async () => {
  await server?.stop({ removeData: true });
  await standIn?.close();
  server = undefined;
  standIn = undefined;
});

function providerCalls(): number {
  return Object.values(standIn!.stats.generateCalls).reduce((sum, n) => sum + n, 0);
}

async function run(path: '/api/compare-async' | '/api/batch-compare-async', body: Record<string, unknown>): Promise<any[]> {
  const created = await api(`${server!.url}${path}`, { method: 'POST', json: { judge_model: 'none', ...body } });
  expect(created.status).toBe(200);
  await server!.application.jobs.waitForFinish(created.body.job_id);
  const view = await api(`${server!.url}/api/jobs/${created.body.job_id}`);
  expect(view.body.status).toBe('completed');
  const result = view.body.result;
  return result.comparisons ? result.comparisons.flatMap((c: any) => c.results) : result.results;
}

describe('response cache', () => {
  it('answers the same comparison from the cache with no provider call, keeps it across a restart, asks afresh with cache: false, and forgets it with the video', async () => {
    standIn = await startGeminiStandIn();
    const env = { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url };
    server = await startTestServer({ env });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const body = { video_id: video.id, prompt: 'List every cut', models: fourModels.slice(0, 2), params: { '*': { temperature: 0.2, maxOutputTokens: 900 } } };

    const fresh = await run('/api/compare-async', body);
    expect(providerCalls()).toBe(2);
    expect(fresh.map((r) => [r.status, r.cached, r.cached_at])).toEqual([['succeeded', false, null], ['succeeded', false, null]]);

    const again = await run('/api/compare-async', body);
    expect(providerCalls()).toBe(2);
    for (const [i, answer] of again.entries()) {
      expect(answer).toMatchObject({
        status: 'succeeded',
        cached: true,
        response: fresh[i].response,
        latency_ms: fresh[i].latency_ms,
        input_tokens: fresh[i].input_tokens,
        output_tokens: fresh[i].output_tokens,
        cost_usd: fresh[i].cost_usd,
        attempts: 0,
      });
      expect(answer.input_tokens).toBeGreaterThan(0);
      expect(Date.parse(answer.cached_at)).toBeGreaterThan(0);
    }

    // the same params in another key order are the same request; another temperature is not
    await run('/api/compare-async', { ...body, params: { '*': { maxOutputTokens: 900, temperature: 0.2 } }, models: [...body.models].reverse() });
    expect(providerCalls()).toBe(2);
    await run('/api/compare-async', { ...body, params: { '*': { temperature: 0.7, maxOutputTokens: 900 } } });
    expect(providerCalls()).toBe(4);

    const forced = await run('/api/compare-async', { ...body, cache: false });
    expect(providerCalls()).toBe(6);
    expect(forced.every((r) => r.cached === false && r.attempts >= 1)).toBe(true);

    // the cache is in the store: a restarted server still answers from it
    const dataDir = server.dataDir;
    await server.stop();
    server = await startTestServer({ env, dataDir });
    const afterRestart = await run('/api/compare-async', body);
    expect(providerCalls()).toBe(6);
    expect(afterRestart.every((r) => r.cached === true)).toBe(true);
    // the forced run refreshed the entries: they now carry its answers' date and figures
    for (const [i, answer] of afterRestart.entries()) {
      expect(Date.parse(answer.cached_at)).toBeGreaterThan(Date.parse(again[i].cached_at));
      expect(answer.latency_ms).toBe(forced[i].latency_ms);
    }

    const store = server.application.store;
    expect(await store.countCachedAnswers(video.sha256)).toBe(4);
    expect((await api(`${server.url}/api/video/${video.id}`, { method: 'DELETE' })).status).toBe(200);
    expect(await store.countCachedAnswers(video.sha256)).toBe(0);
  });

  it('a 2 videos × 3 prompts × 4 models batch rerun with one more model calls only the new model, 6 times', async () => {
    standIn = await startGeminiStandIn();
    server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url } });
    const videos = [await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence')), await uploadVideo(server.url, await sampleVideoFile('three-shots-tone'))];
    const batch = { video_ids: videos.map((v) => v.id), prompts: ['List every cut', 'Describe the audio', 'Summarise'], combination_concurrency: 3 };

    const first = await run('/api/batch-compare-async', { ...batch, models: fourModels });
    expect(first).toHaveLength(24);
    expect(providerCalls()).toBe(24);

    const rerun = await run('/api/batch-compare-async', { ...batch, models: [...fourModels, 'gemini-3.1-pro-preview'] });
    expect(rerun).toHaveLength(30);
    const newCalls = providerCalls() - 24;
    expect(newCalls).toBe(6);
    expect(standIn.stats.generateCalls['gemini-3.1-pro-preview']).toBe(6);
    expect(rerun.filter((r) => r.cached).map((r) => r.model_id).sort()).toEqual(fourModels.flatMap((m) => Array(6).fill(m)).sort());
    expect(rerun.every((r) => r.status === 'succeeded')).toBe(true);
    console.log(`response cache: rerunning the 2 × 3 × 4 batch with a fifth model made ${newCalls} provider calls instead of 30 (24 answered from the cache)`);
  });
});
