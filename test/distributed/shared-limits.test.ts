import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultModels } from '../../src/config/default-models.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { missingServices } from '../helpers/services.js';
import { api } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { TestCluster } from './cluster.js';

const unavailable = (await missingServices(['postgres', 'redis'])).length > 0;
const models = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-2.5-flash-lite'];
const cap = { limit: 4, windowMs: 2000 };

describe.skipIf(unavailable)('a provider quota shared by 2 workers', () => {
  let standIn: GeminiStandIn;
  let cluster: TestCluster;
  const arrivals: number[] = [];

  beforeAll(async () => {
    standIn = await startGeminiStandIn({ latencyMs: 100, rateLimit: { ...cap, retryDelay: '2s' }, onCall: () => arrivals.push(Date.now()) });
    cluster = new TestCluster({ GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_RETRY_ATTEMPTS: '20',
      // inline video: no Files API upload inside the first attempts, so admissions and arrivals line up
      VIDCOMPARE_GEMINI_INLINE_MAX_MB: '20',
    });
    // the account quota, as the catalogue states it: 4 calls per 2 s, 4 at once
    const modelsFile = path.join(cluster.dataDir, 'models.json');
    writeFileSync(modelsFile, JSON.stringify({ providers: { gemini: { requests_per_minute: 120, concurrent: 4 } } }));
    cluster.extraEnv.VIDCOMPARE_MODELS_FILE = modelsFile;
    await cluster.startApi();
    await Promise.all([cluster.startWorker(), cluster.startWorker()]);
  });

  afterAll(async () => {
    await cluster?.destroy();
    await standIn?.close();
  });

  it('4 calls per 2 s with 2 workers: no answer fails, starts stay within the shared windows', async () => {
    const videoId = (await uploadVideo(cluster.api.url, await sampleVideoFile())).id;
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const created = await api(`${cluster.api.url}/api/compare-async`, {
        method: 'POST',
        json: { video_id: videoId, prompt: `Quota job ${i}`, models, judge_model: 'none' },
      });
      ids.push(created.body.job_id);
    }
    await waitFor(async () => {
      const views = await Promise.all(ids.map(async (id) => (await api(`${cluster.api.url}/api/jobs/${id}`)).body));
      return views.every((v) => v.status === 'completed');
    }, 90_000);
    for (const id of ids) {
      const results = (await api(`${cluster.api.url}/api/jobs/${id}`)).body.result.results;
      expect(results.filter((r: any) => r.status !== 'succeeded').map((r: any) => r.error)).toEqual([]);
    }
    // every call that reached the provider, refused or not. The shared limit counts starts in fixed windows
    //, so a sliding 2 s window can straddle two of them: at most twice the cap,
    // where two unshared workers would each send their own full burst on top of each other's retries;
    // a call admitted late in one window can still arrive in the next: those are calls in flight.
    const busiest = Math.max(...arrivals.map((t) => arrivals.filter((u) => u >= t && u < t + cap.windowMs).length));
    expect(busiest).toBeLessThanOrEqual(2 * cap.limit + standIn.stats.maxInFlight);
    // refusals stay fewer than the answers
    expect(standIn.stats.rateLimited).toBeLessThan(16);
    console.log(`quota test: ${arrivals.length} calls for 16 answers, ${standIn.stats.rateLimited} refused with 429, busiest 2 s window ${busiest}`);
  });
});

describe.skipIf(unavailable)('a model\'s concurrency shared by 2 workers', () => {
  let standIn: GeminiStandIn;
  let cluster: TestCluster;
  // a model that is not retired (a retired one routes to its successor, whose limits are its own)
  const model = 'gemini-2.5-flash-lite';

  beforeAll(async () => {
    // answers slow enough that calls overlap; the video goes through the Files API once, so each call is a small request
    standIn = await startGeminiStandIn({ latencyMs: 1000 });
    cluster = new TestCluster({ GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url });
    // the model allows 2 calls at once (and many per minute): each worker alone would run 2, together 4 without sharing
    const builtIn = defaultModels.find((m) => m.id === model)!;
    const modelsFile = path.join(cluster.dataDir, 'models.json');
    writeFileSync(modelsFile, JSON.stringify({ models: [{ ...builtIn, limits: { requests_per_minute: 6000, concurrent: 2 } }] }));
    cluster.extraEnv.VIDCOMPARE_MODELS_FILE = modelsFile;
    await cluster.startApi();
    // 2 units at a time per worker, so the queued units spread over both workers
    await Promise.all([cluster.startWorker(2), cluster.startWorker(2)]);
  });

  afterAll(async () => {
    await cluster?.destroy();
    await standIn?.close();
  });

  it('concurrent: 2 with 2 workers busy: the provider never sees more than 2 calls at once', async () => {
    const videoId = (await uploadVideo(cluster.api.url, await sampleVideoFile())).id;
    // one job each, so the jobs' units are queued at once rather than in one job's turns
    const jobUrls: string[] = [];
    for (let i = 0; i < 10; i++) {
      const created = await api(`${cluster.api.url}/api/compare-async`, {
        method: 'POST',
        json: { video_id: videoId, prompt: `Concurrency prompt ${i}`, models: [model], judge_model: 'none' },
      });
      expect(created.status).toBe(200);
      jobUrls.push(`${cluster.api.url}/api/jobs/${created.body.job_id}`);
    }
    await waitFor(async () => (await Promise.all(jobUrls.map((url) => api(url)))).every((view) => view.body.status === 'completed'), 90_000);
    const results = (await Promise.all(jobUrls.map((url) => api(url)))).flatMap((view) => view.body.result.results);
    expect(results.map((r: any) => r.status)).toEqual(Array(10).fill('succeeded'));
    // both workers ran units: the cap held across processes, not inside one
    let workers: any[] = [];
    await waitFor(async () => {
      workers = (await api(`${cluster.api.url}/api/workers`)).body as any[];
      return workers.length === 2 && workers.reduce((sum, w) => sum + w.units_done, 0) >= 10;
    }, 10_000);
    console.log(`shared concurrency: at most ${standIn.stats.maxInFlight} calls at once; units per worker ${workers.map((w) => w.units_done).join(' + ')}`);
    expect(workers.every((w) => w.units_done > 0)).toBe(true);
    // every call went to the model whose limit was set (not to a successor with limits of its own)
    expect(standIn.stats.generateCalls).toEqual({ [model]: 10 });
    // without the shared places this reaches 4 (2 per worker)
    expect(standIn.stats.maxInFlight).toBeLessThanOrEqual(2);
  });
});
