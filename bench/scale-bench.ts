import { performance } from 'node:perf_hooks';
import { sampleVideoFile, uploadVideo } from '../test/helpers/sample-video-file.js';
import { missingServices } from '../test/helpers/services.js';
import { api } from '../test/helpers/test-server.js';
import { waitFor } from '../test/helpers/wait-for.js';
import { TestCluster } from '../test/distributed/cluster.js';
import { startGeminiStandIn } from '../test/stand-ins/gemini-stand-in.js';
import { report } from './harness.js';

const localModels = ['local-full', 'local-shots', 'local-audio', 'local-look'];
const geminiModels = ['gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-3.8-flash', 'gemini-2.5-flash-lite'];

/** Starts `jobs` single comparisons at once and returns the ms until all have completed. */
async function makespan(cluster: TestCluster, videoId: string, jobs: number, models: string[], label: string): Promise<number> {
  const started = performance.now();
  const ids: string[] = [];
  for (let i = 0; i < jobs; i++) {
    const created = await api(`${cluster.api.url}/api/compare-async`, {
      method: 'POST',
      json: { video_id: videoId, prompt: `${label} ${i}: list every cut`, models, judge_model: 'none' },
    });
    ids.push(created.body.job_id);
  }
  await waitFor(async () => {
    const jobsNow = (await api(`${cluster.api.url}/api/jobs?limit=200`)).body as any[];
    return ids.every((id) => jobsNow.find((j) => j.job_id === id)?.status === 'completed');
  }, 600_000);
  return performance.now() - started;
}

/** One API node (--no-worker) and `workers` worker processes on PostgreSQL and Redis. */
async function withCluster<T>(
  workers: number,
  concurrency: number,
  env: Record<string, string>,
  body: (cluster: TestCluster, videoId: string) => Promise<T>,
): Promise<T> {
  // a long lock: on a loaded machine a short one can expire under a busy worker and run its unit twice
  const cluster = new TestCluster({ VIDCOMPARE_WORKER_LOCK_MS: '30000', ...env });
  try {
    await cluster.startApi();
    await Promise.all(Array.from({ length: workers }, () => cluster.startWorker(concurrency)));
    await waitFor(async () => ((await api(`${cluster.api.url}/api/workers`)).body as any[]).length === workers, 30_000);
    const videoId = (await uploadVideo(cluster.api.url, await sampleVideoFile('three-shots-tone'))).id;
    return await body(cluster, videoId);
  } finally {
    await cluster.destroy();
  }
}

/**
 * `npm run bench -- scale`: throughput of 200 local-analyzer units with 1, 2
 * and 4 worker processes (this machine has 2 cores: ffmpeg-bound work cannot
 * scale past them), and the makespan of 80 provider calls at a fixed latency
 * spread over 2 workers, divided by the ideal (one latency: every call in parallel).
 * Makespans run from the first job created to the last one completed.
 */
export async function runScaleBench(): Promise<void> {
  const missing = await missingServices(['postgres', 'redis']);
  if (missing.length) {
    report('scale', `skipped: ${missing.join(', ')} does not answer`);
    return;
  }
  const throughput = new Map<number, number>();
  for (const workers of [1, 2, 4]) {
    const ms = await withCluster(workers, 16, {}, async (cluster, videoId) => {
      // warm-up: the media facts of the video are measured once and stored, as in real use
      await makespan(cluster, videoId, 1, localModels, 'warm-up');
      return makespan(cluster, videoId, 50, localModels, 'Scale');
    });
    const unitsPerSecond = 200 / (ms / 1000);
    throughput.set(workers, unitsPerSecond);
    report(`200 local-analyzer units, ${workers} worker(s)`, `${unitsPerSecond.toFixed(1)} units/s (${(unitsPerSecond / throughput.get(1)!).toFixed(2)}× 1 worker)`);
  }

  const latencyMs = 2000;
  const standIn = await startGeminiStandIn({ latencyMs });
  try {
    // the video goes to the provider once (Files API), in the warm-up; then every call refers to it
    const ms = await withCluster(2, 48, { GEMINI_API_KEY: 'bench-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_GEMINI_INLINE_MAX_MB: '0' }, async (cluster, videoId) => {
      await makespan(cluster, videoId, 1, geminiModels, 'warm-up');
      return makespan(cluster, videoId, 20, geminiModels, 'Latency');
    });
    // ideal: every call in parallel, so one latency
    report(`80 provider calls at ${latencyMs} ms on 2 workers: makespan ÷ ideal`, `${(ms / latencyMs).toFixed(2)}× (${Math.round(ms)} ms)`);
  } finally {
    await standIn.close();
  }
}
