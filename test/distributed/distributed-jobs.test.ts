import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createS3Client } from '../../src/videos/s3-blob-store.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { missingServices } from '../helpers/services.js';
import { readEvents, type SseEvent } from '../helpers/sse-client.js';
import { api } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { startS3StandIn, type S3StandIn } from '../stand-ins/s3-stand-in.js';
import { callKey, TestCluster } from './cluster.js';

const unavailable = (await missingServices(['postgres', 'redis'])).length > 0;
const models = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-2.5-flash-lite'];

interface CallRecord {
  key: string;
  at: number;
}

async function jobView(url: string, jobId: string): Promise<any> {
  return (await api(`${url}/api/jobs/${jobId}`)).body;
}

async function startCompare(url: string, videoId: string, prompt: string): Promise<string> {
  const created = await api(`${url}/api/compare-async`, { method: 'POST', json: { video_id: videoId, prompt, models, judge_model: 'none' } });
  expect(created.status).toBe(200);
  return created.body.job_id;
}

async function startBatch(url: string, videoId: string, prompts: string[]): Promise<string> {
  const created = await api(`${url}/api/batch-compare-async`, { method: 'POST', json: { video_ids: [videoId], prompts, models, judge_model: 'none' } });
  expect(created.status).toBe(200);
  return created.body.job_id;
}

function countPerKey(calls: CallRecord[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of calls) counts.set(call.key, (counts.get(call.key) ?? 0) + 1);
  return counts;
}

/** Names of the files under `dir` (recursively); none when it does not exist. */
function filesUnder(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => e.name) : [];
}

describe.skipIf(unavailable)('1 API node + 2 workers on PostgreSQL, Redis and S3', () => {
  let standIn: GeminiStandIn;
  let s3: S3StandIn;
  let cluster: TestCluster;
  let videoId: string;
  let videoSha256: string;
  const calls: CallRecord[] = [];

  beforeAll(async () => {
    standIn = await startGeminiStandIn({ latencyMs: 120, onCall: (call) => calls.push({ key: callKey(call), at: Date.now() }) });
    s3 = await startS3StandIn();
    // every process has its own data folder: the video reaches the workers only through S3
    cluster = new TestCluster({ GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url }, { s3 });
    await cluster.startApi();
    await Promise.all([cluster.startWorker(), cluster.startWorker()]);
    ({ id: videoId, sha256: videoSha256 } = await uploadVideo(cluster.api.url, await sampleVideoFile()));
  });

  afterAll(async () => {
    await cluster?.destroy();
    await standIn?.close();
    await s3?.close();
  });

  it('keeps the video and its thumbnail in S3, not on the API node, and serves byte ranges from there', async () => {
    const client = createS3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: s3.credentials });
    const listed = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: `${cluster.prefix}/` }));
    expect((listed.Contents ?? []).map((o) => o.Key).sort()).toEqual([`${cluster.prefix}/${videoId}`, `${cluster.prefix}/${videoId}.jpg`]);
    client.destroy();
    expect(filesUnder(path.join(cluster.dataDir, 'videos'))).toEqual([]);

    const bytes = readFileSync(await sampleVideoFile());
    const ranged = await fetch(`${cluster.api.url}/api/video/${videoId}`, { headers: { range: 'bytes=1000-1999' } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get('content-range')).toBe(`bytes 1000-1999/${bytes.length}`);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(bytes.subarray(1000, 2000))).toBe(true);
    const thumbnail = await fetch(`${cluster.api.url}/api/video/${videoId}/thumbnail`);
    expect(thumbnail.status).toBe(200);
    expect(Buffer.from(await thumbnail.arrayBuffer()).subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
  });

  it('8 jobs × 4 models complete, each answer computed exactly once, shared by both workers', async () => {
    const prompts = Array.from({ length: 8 }, (_, i) => `Batch A job ${i}: describe the video`);
    const ids = await Promise.all(prompts.map((prompt) => startCompare(cluster.api.url, videoId, prompt)));
    await waitFor(async () => (await Promise.all(ids.map((id) => jobView(cluster.api.url, id)))).every((v) => v.status === 'completed'), 60_000);

    for (const id of ids) {
      const results = (await jobView(cluster.api.url, id)).result.results;
      expect(results.map((r: any) => r.status)).toEqual(['succeeded', 'succeeded', 'succeeded', 'succeeded']);
    }
    const perKey = countPerKey(calls.filter((c) => c.key.includes('Batch A')));
    expect(perKey.size).toBe(32);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);

    // heartbeats are written every second: wait for both to report the finished batch
    let workers: any[] = [];
    await waitFor(async () => {
      workers = (await api(`${cluster.api.url}/api/workers`)).body as any[];
      return workers.length === 2 && workers.every((w) => w.active_units === 0) && workers.reduce((sum, w) => sum + w.units_done, 0) >= 32;
    }, 10_000);
    expect(workers.map((w) => w.pid).sort()).toEqual(cluster.workers.map((w) => w.pid).sort());
    expect(workers.every((w) => w.active_units === 0 && w.host && w.started_at && w.last_seen)).toBe(true);
    expect(workers.reduce((sum, w) => sum + w.units_done, 0)).toBe(32);
    // both workers took part
    expect(workers.every((w) => w.units_done > 0)).toBe(true);
    // one upload of the video to the provider, though both workers needed it at once
    expect(standIn.stats.uploads).toBe(1);
    // the worker that uploaded it fetched the bytes from S3 into its cache; no worker stores videos itself
    const cached = cluster.workers.flatMap((w) => filesUnder(path.join(w.dataDir, 'blob-cache')));
    expect(cached).toEqual([videoSha256]);
    expect(cluster.workers.flatMap((w) => filesUnder(path.join(w.dataDir, 'videos')))).toEqual([]);
  });

  it('SSE clients reconnect after the API node restarts mid-batch and see the job finish', async () => {
    const prompts = Array.from({ length: 5 }, (_, i) => `Batch B prompt ${i}: list the cuts`);
    const jobId = await startBatch(cluster.api.url, videoId, prompts);
    const url = cluster.api.url;
    const port = new URL(url).port;
    const seen: SseEvent[] = [];
    const finished = (event: SseEvent) => event.type === 'status' && event.data.status === 'completed';

    // an SSE client that reconnects when the stream breaks, as EventSource does
    const client = (async () => {
      for (;;) {
        try {
          const events = await readEvents(`${url}/api/jobs/${jobId}/events`, finished);
          seen.push(...events);
          if (events.some(finished)) return;
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
      }
    })();

    await waitFor(async () => (await jobView(url, jobId)).units_done >= 4, 30_000);
    await cluster.stopApi('SIGTERM');
    // the workers keep answering what was queued while no API node runs
    await cluster.startApi(['--port', port]);
    await client;
    expect(seen.some(finished)).toBe(true);
    const view = await jobView(url, jobId);
    expect(view.status).toBe('completed');
    expect(view.result.comparisons.flatMap((c: any) => c.results).every((r: any) => r.status === 'succeeded')).toBe(true);
    const perKey = countPerKey(calls.filter((c) => c.key.includes('Batch B')));
    expect(perKey.size).toBe(20);
    expect([...perKey.values()].every((n) => n === 1)).toBe(true);
  });

  it('a cancel on the API node stops every worker: no provider call starts 2 s after it', async () => {
    const prompts = Array.from({ length: 30 }, (_, i) => `Batch C prompt ${i}: suggest trims`);
    const jobId = await startBatch(cluster.api.url, videoId, prompts);
    await waitFor(async () => (await jobView(cluster.api.url, jobId)).units_done >= 8, 30_000);
    const cancelled = await api(`${cluster.api.url}/api/jobs/${jobId}/cancel`, { method: 'POST' });
    expect(cancelled.status).toBe(200);
    const cancelledAt = Date.now();
    const startedBefore = calls.filter((c) => c.key.includes('Batch C')).length;
    // give any straggler the chance to show itself: wait well past the 2 s bound
    await waitFor(() => Date.now() - cancelledAt > 3000, 5000);
    const late = calls.filter((c) => c.key.includes('Batch C') && c.at > cancelledAt + 2000);
    expect(late).toEqual([]);
    expect(startedBefore).toBeLessThan(120);
    expect((await jobView(cluster.api.url, jobId)).status).toBe('cancelled');
    await waitFor(async () => ((await api(`${cluster.api.url}/api/workers`)).body as any[]).every((w) => w.active_units === 0), 10_000);
  });

  it('the response cache and re-judging work across processes: a repeated comparison and a re-judge call no model', async () => {
    const prompt = 'Batch E: the same question twice';
    const finished = async (jobId: string) => {
      await waitFor(async () => ['completed', 'failed', 'cancelled'].includes((await jobView(cluster.api.url, jobId)).status), 60_000);
      return jobView(cluster.api.url, jobId);
    };
    const first = await finished(await startCompare(cluster.api.url, videoId, prompt));
    expect(first.status).toBe('completed');
    const callsAfterFirst = calls.filter((c) => c.key.includes('Batch E')).length;
    expect(callsAfterFirst).toBe(4);

    const second = await finished(await startCompare(cluster.api.url, videoId, prompt));
    expect(second.result.results.map((r: any) => [r.status, r.cached])).toEqual(Array(4).fill(['succeeded', true]));
    expect(calls.filter((c) => c.key.includes('Batch E')).length).toBe(4);

    const totalBefore = calls.length;
    const rejudged = await api(`${cluster.api.url}/api/jobs/${first.job_id}/rejudge`, { method: 'POST', json: { judge_model: 'local-judge' } });
    expect(rejudged.status).toBe(202);
    const view = await finished(rejudged.body.job_id);
    expect(view).toMatchObject({ status: 'completed', rejudge_of: first.job_id });
    expect(view.result.judge_model).toBe('local-judge');
    expect(view.result.evaluation).toHaveLength(4);
    expect(calls.length).toBe(totalBefore);
  });

  it('SIGKILL of a worker mid-batch: the other finishes the batch, only calls in flight at the kill are repeated', async () => {
    const prompts = Array.from({ length: 6 }, (_, i) => `Batch D prompt ${i}: describe the audio`);
    const jobId = await startBatch(cluster.api.url, videoId, prompts);
    await waitFor(async () => (await jobView(cluster.api.url, jobId)).units_done >= 6, 30_000);
    const victim = cluster.workers[0]!;
    await victim.kill('SIGKILL');
    const callsAtKill = calls.filter((c) => c.key.includes('Batch D')).length;

    // the dead worker's units come back after BullMQ's stalled-job check: generous on a loaded machine
    await waitFor(async () => (await jobView(cluster.api.url, jobId)).status === 'completed', 150_000);
    const view = await jobView(cluster.api.url, jobId);
    expect(view.result.comparisons.flatMap((c: any) => c.results).every((r: any) => r.status === 'succeeded')).toBe(true);
    const perKey = countPerKey(calls.filter((c) => c.key.includes('Batch D')));
    expect(perKey.size).toBe(24);
    const repeated = [...perKey.values()].filter((n) => n > 1);
    expect(repeated.every((n) => n === 2)).toBe(true);
    // a repeat is a call that had started before the kill (it was in flight on the dead worker)
    expect(repeated.length).toBeLessThanOrEqual(Math.min(8, callsAtKill));
    await waitFor(async () => ((await api(`${cluster.api.url}/api/workers`)).body as any[]).length === 1, 15_000);
  }, 240_000);
});
