import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startGeminiStandIn } from '../test/stand-ins/gemini-stand-in.js';
import { sampleVideoFile } from '../test/helpers/sample-video-file.js';
import { resolveMediaTools } from '../src/videos/media-tools.js';
import { generateSampleVideo, sampleVideoSpecs } from '../src/videos/sample-videos.js';
import { assertJobsSucceeded, postJson, realisticAnswer, report, startBenchServer, timed } from './harness.js';

const models = ['gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-3.8-flash', 'gemini-2.5-flash-lite'];

async function upload(url: string, file: string): Promise<{ id: string; size: number }> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)], { type: 'video/mp4' }), path.basename(file));
  const response = await fetch(`${url}/api/video/upload`, { method: 'POST', body: form });
  return (await response.json()) as { id: string; size: number };
}

/** Upload-once bytes ratio, concurrent makespan at 2 s latency, and goodput under a rate cap. */
export async function runGeminiBench(): Promise<void> {
  await bytesRatio();
  await concurrentMakespan();
  await goodputUnderRateLimit();
}

async function bytesRatio(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-videos-'));
  const standIn = await startGeminiStandIn({ respond: (_b, call) => realisticAnswer(call.callIndex) });
  // inline threshold 0: every video goes through the Files API, as large real videos do
  const server = await startBenchServer({ GEMINI_API_KEY: 'bench-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_GEMINI_INLINE_MAX_MB: '0' });
  try {
    const tools = resolveMediaTools(process.env);
    const base = sampleVideoSpecs['cuts-and-silence']!;
    const videos = [];
    for (let i = 0; i < 5; i++) {
      const file = path.join(dir, `video-${i}.mp4`);
      await generateSampleVideo(file, tools, { ...base, audio: [{ kind: 'tone', duration_s: 15, frequency_hz: 300 + i * 50 }] });
      videos.push(await upload(server.url, file));
    }
    const job = await postJson(`${server.url}/api/batch-compare-async`, {
      video_ids: videos.map((v) => v.id),
      prompts: ['Summarise', 'List the cuts', 'Audio notes'],
      models,
      judge_model: 'none',
      combination_concurrency: 3,
    });
    await server.application.jobs.waitForFinish(job.job_id);
    await assertJobsSucceeded(server.url, [job.job_id]);
    const meanSize = videos.reduce((sum, v) => sum + v.size, 0) / videos.length;
    report('provider bytes ÷ video size, 5 videos × 3 prompts × 4 models', `${(standIn.stats.bytesUploaded / meanSize).toFixed(2)}× (ideal 5×; re-sending per call 60×; ${standIn.stats.uploads} uploads, ${standIn.totalGenerateCalls()} calls)`);
  } finally {
    await server.stop();
    await standIn.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function concurrentMakespan(): Promise<void> {
  const standIn = await startGeminiStandIn({ latencyMs: 2000, respond: (_b, call) => realisticAnswer(call.callIndex) });
  const server = await startBenchServer({ GEMINI_API_KEY: 'bench-key', GOOGLE_GEMINI_BASE_URL: standIn.url });
  try {
    const video = await upload(server.url, await sampleVideoFile());
    // cache: false: the same request again must reach the provider, not the response cache
    const body = { video_id: video.id, prompt: 'Describe the video', models, judge_model: 'none', cache: false };
    // warm-up: the first job uploads the video (once); measure the steady state
    await server.application.jobs.waitForFinish((await postJson(`${server.url}/api/compare-async`, body)).job_id);
    const one = await timed(async () => server.application.jobs.waitForFinish((await postJson(`${server.url}/api/compare-async`, body)).job_id));
    const ten = await timed(async () => {
      const ids = await Promise.all(Array.from({ length: 10 }, async () => (await postJson(`${server.url}/api/compare-async`, body)).job_id as string));
      await Promise.all(ids.map((id) => server.application.jobs.waitForFinish(id)));
      await assertJobsSucceeded(server.url, ids);
    });
    report('makespan of 10 concurrent 4-model jobs at 2 s latency ÷ one job', `${(ten.ms / one.ms).toFixed(2)}× (one ${one.ms.toFixed(0)} ms, ten ${ten.ms.toFixed(0)} ms; max ${standIn.stats.maxInFlight} calls in flight)`);
  } finally {
    await server.stop();
    await standIn.close();
  }
}

/**
 * Issue 15's rate-control figures: 8 jobs × 4 models against a stand-in that
 * admits 4 calls per 2 s across all models (a per-project quota) and answers
 * 503 to every 7th admitted call, with the default retry settings. A one-model
 * warm-up uploads the video first, so the figure measures rate control, not the upload.
 */
export async function goodputUnderRateLimit(): Promise<void> {
  const cap = { limit: 4, windowMs: 2000, retryDelay: '2s' };
  const standIn = await startGeminiStandIn({ latencyMs: 50, rateLimit: cap, failEvery: 7 });
  const server = await startBenchServer({ GEMINI_API_KEY: 'bench-key', GOOGLE_GEMINI_BASE_URL: standIn.url });
  try {
    const video = await upload(server.url, await sampleVideoFile());
    const warmUp = await postJson(`${server.url}/api/compare-async`, { video_id: video.id, prompt: 'Warm-up', models: [models[0]], judge_model: 'none' });
    await server.application.jobs.waitForFinish(warmUp.job_id);
    await new Promise((resolve) => setTimeout(resolve, cap.windowMs)); // the warm-up call leaves the quota window
    const before = { rateLimited: standIn.stats.rateLimited };
    const { ms, value } = await timed(async () => {
      const ids = await Promise.all(Array.from({ length: 8 }, async (_, i) => (await postJson(`${server.url}/api/compare-async`, { video_id: video.id, prompt: `Prompt ${i}`, models, judge_model: 'none' })).job_id as string));
      await Promise.all(ids.map((id) => server.application.jobs.waitForFinish(id)));
      return Promise.all(ids.map(async (id) => (await (await fetch(`${server.url}/api/jobs/${id}`)).json()) as any));
    });
    const results = value.flatMap((job) => job.result.results);
    const ok = results.filter((r: any) => r.status === 'succeeded').length;
    const rateLimited = standIn.stats.rateLimited - before.rateLimited;
    const goodput = ok / (ms / 1000);
    const capPerSecond = cap.limit / (cap.windowMs / 1000);
    report('goodput under a 4 calls / 2 s stand-in (+503 every 7th) ÷ its cap', `${(goodput / capPerSecond).toFixed(2)} (${ok}/${results.length} answers in ${(ms / 1000).toFixed(1)} s; ceiling 0.86)`);
    report('429s per successful call, same run', `${(rateLimited / Math.max(1, ok)).toFixed(2)} (${rateLimited} 429s)`);
    report('failed answers, same run', `${results.length - ok}${results.length - ok ? ` (${results.find((r: any) => r.status !== 'succeeded')?.error})` : ''}`);
  } finally {
    await server.stop();
    await standIn.close();
  }
}
