import { readFileSync } from 'node:fs';
import path from 'node:path';
import { startGeminiStandIn } from '../test/stand-ins/gemini-stand-in.js';
import { sampleVideoFile } from '../test/helpers/sample-video-file.js';
import { assertJobsSucceeded, percentile, postJson, realisticAnswer, report, startBenchServer, timed, writeTimeScaledModelsFile } from './harness.js';

const models = ['gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-3.8-flash', 'gemini-2.5-flash-lite'];

async function upload(url: string, file: string): Promise<string> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)], { type: 'video/mp4' }), path.basename(file));
  const response = await fetch(`${url}/api/video/upload`, { method: 'POST', body: form });
  return ((await response.json()) as { id: string }).id;
}

/**
 * Job creation latency while 50 jobs run, makespan of 20 concurrent jobs ÷ one
 * job, and the job list with 10 000 jobs stored. Provider latency is the seed's
 * 12-36 s (median 20 s) scaled down 100×.
 */
export async function runJobsBench(): Promise<void> {
  const standIn = await startGeminiStandIn({
    latencyMs: (call) => 120 + ((call.callIndex * 37) % 240),
    respond: (_body, call) => realisticAnswer(call.callIndex),
  });
  const server = await startBenchServer({ GEMINI_API_KEY: 'bench-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_MODELS_FILE: writeTimeScaledModelsFile(100) });
  try {
    const videoId = await upload(server.url, await sampleVideoFile());
    // cache: false: prompts repeat across the phases, and each must reach the provider, not the response cache
    const jobBody = (i: number) => ({ video_id: videoId, prompt: `Describe the video (${i})`, models, judge_model: 'none', cache: false });
    const finish = async (ids: string[]) => {
      await Promise.all(ids.map((id) => server.application.jobs.waitForFinish(id)));
      await assertJobsSucceeded(server.url, ids);
    };

    // warm-up: the first job uploads the video to the provider (once, reused afterwards)
    await finish([(await postJson(`${server.url}/api/compare-async`, jobBody(0))).job_id]);
    // makespan: one job, then 20 at once
    const single = await timed(async () => finish([(await postJson(`${server.url}/api/compare-async`, jobBody(0))).job_id]));
    const twenty = await timed(async () => {
      const ids = await Promise.all(Array.from({ length: 20 }, async (_, i) => (await postJson(`${server.url}/api/compare-async`, jobBody(i))).job_id as string));
      return finish(ids);
    });
    report('makespan of 20 concurrent 4-model jobs ÷ one job', `${(twenty.ms / single.ms).toFixed(2)}× (one job ${single.ms.toFixed(0)} ms, 20 jobs ${twenty.ms.toFixed(0)} ms; sequential would be 20×)`);

    // creation latency while 50 jobs run
    const background = await Promise.all(Array.from({ length: 50 }, async (_, i) => (await postJson(`${server.url}/api/compare-async`, jobBody(i))).job_id as string));
    const latencies: number[] = [];
    const created: string[] = [];
    for (let i = 0; i < 100; i++) {
      const { ms, value } = await timed(() => postJson(`${server.url}/api/compare-async`, jobBody(i)));
      latencies.push(ms);
      created.push(value.job_id);
    }
    report('job creation latency while 50 jobs run (100 creations)', `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
    await finish([...background, ...created]);
  } finally {
    await server.stop();
    await standIn.close();
  }

  await runListBench();
}

async function runListBench(): Promise<void> {
  const server = await startBenchServer();
  try {
    const { store } = server.application;
    const request = { video_ids: ['v'], prompts: ['p'], models: ['local-full'], judge_model: null, params: {}, combination_concurrency: 1, judge_context: 'facts' as const, judge_runs: 1 as const };
    const statuses = ['completed', 'failed', 'cancelled', 'running'] as const;
    for (let i = 0; i < 10_000; i++) {
      const id = `bench-${String(i).padStart(5, '0')}`;
      const created_at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
      await store.createJob({
        job: { id, job_type: 'single_compare', status: statuses[i % 4]!, created_at, started_at: created_at, completed_at: null, request, error: null },
        items: [{ job_id: id, item_index: 0, video_id: 'v', prompt: 'p' }],
      });
    }
    const latencies: number[] = [];
    for (let i = 0; i < 200; i++) {
      const { ms } = await timed(async () => {
        const response = await fetch(`${server.url}/api/jobs?limit=50`);
        const jobs = (await response.json()) as unknown[];
        if (jobs.length !== 50) throw new Error(`expected 50 jobs, got ${jobs.length}`);
      });
      latencies.push(ms);
    }
    report('GET /api/jobs?limit=50 with 10 000 jobs stored (200 requests)', `p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms`);
  } finally {
    await server.application.jobs.shutdown();
    await server.stop();
  }
}
