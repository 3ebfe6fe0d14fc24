import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveMediaTools } from '../../src/videos/media-tools.js';
import { runTool } from '../../src/videos/run-tool.js';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

const models = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-2.5-flash-lite'];
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

async function results(jobIds: string[]): Promise<any[]> {
  const all = [];
  for (const id of jobIds) {
    await server!.application.jobs.waitForFinish(id);
    const view = await api(`${server!.url}/api/jobs/${id}`);
    expect(view.body.status).toBe('completed');
    const result = view.body.result;
    all.push(...(result.comparisons ? result.comparisons.flatMap((c: any) => c.results) : result.results));
  }
  return all;
}

describe('Gemini through the job engine', () => {
  it('4 jobs × 4 models under a 4-calls-per-window cap with a 503 every 7th call: every answer succeeds', async () => {
    standIn = await startGeminiStandIn({ rateLimit: { limit: 4, windowMs: 1000, retryDelay: '1s' }, failEvery: 7 });
    server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_RETRY_ATTEMPTS: '20' } });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const ids = [];
    for (let i = 0; i < 4; i++) {
      ids.push((await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: `Prompt ${i}`, models, judge_model: 'none' } })).body.job_id);
    }
    const answers = await results(ids);
    expect(answers).toHaveLength(16);
    expect(answers.filter((r) => r.status !== 'succeeded').map((r) => r.error)).toEqual([]);
    // the provider did push back, and the engine retried through it
    expect(standIn.stats.rateLimited).toBeGreaterThan(0);
    expect(answers.some((r) => r.attempts > 1)).toBe(true);
    expect(answers.every((r) => r.input_tokens > 0 && r.cost_usd > 0)).toBe(true);
  });

  it('a video over 20 MB used by 4 models in 3 jobs and a 2-prompt batch reaches the provider once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-big-'));
    scratch.push(dir);
    const big = path.join(dir, 'big-noise.mp4');
    const tools = resolveMediaTools(process.env);
    // lossless random noise: a small, valid video that is over 20 MB
    await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'nullsrc=s=640x360:r=25:d=3,geq=random(1)*255:128:128', '-c:v', 'libx264', '-preset', 'ultrafast', '-qp', '0', '-pix_fmt', 'yuv420p', big]);
    const size = statSync(big).size;
    expect(size).toBeGreaterThan(20 * 1024 * 1024);

    standIn = await startGeminiStandIn({ processingPolls: 1 });
    server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_GEMINI_INLINE_MAX_MB: '20' } });
    const video = await uploadVideo(server.url, big);
    const ids = [];
    for (let i = 0; i < 3; i++) {
      ids.push((await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: `Prompt ${i}`, models, judge_model: 'none' } })).body.job_id);
    }
    ids.push((await api(`${server.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['A', 'B'], models, judge_model: 'none' } })).body.job_id);
    const answers = await results(ids);
    expect(answers).toHaveLength(20);
    expect(answers.every((r) => r.status === 'succeeded')).toBe(true);
    expect(standIn.stats.uploads).toBe(1);
    expect(standIn.stats.inlineBytes).toBe(0);
    expect(standIn.stats.bytesUploaded).toBe(size);
  });

  it('judges blind through an LLM judge: no model names reach it, facts do, and scores map back after shuffling', async () => {
    const judgeRequests: string[] = [];
    standIn = await startGeminiStandIn({
      respond: (body) => {
        const text = JSON.stringify(body);
        if (!body.generationConfig?.responseJsonSchema) return `## Answer\n\nCuts at 00:07 and 00:12. I am ${models[0]}.`;
        judgeRequests.push(text);
        const labels = [...text.matchAll(/<response id=\\"([A-Z]+)\\">/g)].map((m) => m[1]!);
        // the judge scores by label: A=9, B=8, ...
        return JSON.stringify({
          evaluations: labels.map((label, i) => ({ response: label, score: 9 - i, reasoning: `Response ${label} is fine`, strengths: ['clear'], weaknesses: [] })),
          overall_summary: `Response ${labels[0]} is best`,
        });
      },
    });
    server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url } });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const judged = models.slice(0, 3);
    const job = (await api(`${server.url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [video.id], prompts: ['List the cuts', 'Audio?'], models: judged, judge_model: 'gemini-2.5-flash' } })).body.job_id;
    await server.application.jobs.waitForFinish(job);
    const view = await api(`${server.url}/api/jobs/${job}`);
    expect(view.body.status).toBe('completed');
    expect(judgeRequests).toHaveLength(2);
    for (const request of judgeRequests) {
      for (const id of judged) expect(request).not.toContain(id);
      expect(request).not.toMatch(/gemini/i);
      expect(request).toMatch(/00:05/); // measured cut, from the facts
    }
    for (const comparison of view.body.result.comparisons) {
      const order = comparison.evaluation_details.label_order as Record<string, string>;
      const labels = Object.keys(order).sort();
      for (const [i, label] of labels.entries()) {
        expect(comparison.evaluation.find((e: any) => e.model_id === order[label]).score).toBe(9 - i);
      }
    }
    expect(view.body.result.leaderboard.overall).toHaveLength(3);
  });
});

