import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultModels } from '../config/default-models.js';
import { ModelsCatalogue } from '../config/models-catalogue.js';
import type { JobRequest } from '../domain/index.js';
import { silentLogger } from '../logging/logger.js';
import type { BatchStatus, ProviderBatchApi } from '../providers/provider-batch.js';
import { ProviderError } from '../core/provider-error.js';
import { ProviderRegistry } from '../providers/provider-registry.js';
import type { GenerateResult, VideoAsset } from '../providers/provider.js';
import { createScheduler } from '../scheduler/create-scheduler.js';
import { makeVideo } from '../store/__fixtures__/store-test-data.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { createInProcessDispatcher } from './in-process-dispatcher.js';
import { JobEventBus } from './job-events.js';
import { JobService } from './job-service.js';
import { bySize, createProviderBatchExecution } from './provider-batch-execution.js';
import { createStoreWriteRetry } from './retry-store-write.js';

const MODEL = 'gemini-2.5-flash';
const request: JobRequest = {
  video_ids: ['v1'], prompts: ['Where are the cuts?', 'What is heard?'], models: [MODEL], judge_model: null, params: {},
  combination_concurrency: 1, judge_context: 'facts', judge_runs: 1, mode: 'batch',
};

/** A batch API whose every poll answers what the test's `poll` says; it records submits and cancels. */
function scriptedApi(poll: (name: string, polls: number) => BatchStatus | Error, maxRequestBytes = 16 * 1024 * 1024) {
  const seen = { submits: 0, polls: 0, cancels: [] as string[], polled: undefined as (() => void) | undefined };
  const api: ProviderBatchApi = {
    family: 'gemini',
    label: 'Gemini',
    priceFactor: 0.5,
    maxRequestBytes,
    async submit() {
      seen.submits += 1;
      return `batches/b${seen.submits}`;
    },
    async status(name) {
      seen.polls += 1;
      seen.polled?.();
      const outcome = poll(name, seen.polls);
      if (outcome instanceof Error) throw outcome;
      return outcome;
    },
    async cancel(name) {
      seen.cancels.push(name);
    },
  };
  return { api, seen, nextPoll: () => new Promise<void>((resolve) => (seen.polled = resolve)) };
}

const running: BatchStatus = { state: 'running', results: new Map() };
const answered: BatchStatus = {
  state: 'succeeded',
  results: new Map<string, GenerateResult | ProviderError>([
    ['0', { text: 'cuts at 00:05', usage: { input_tokens: 1_000_000, output_tokens: 0, thinking_tokens: 0 }, warnings: [] }],
    ['1', new ProviderError('Gemini batch request failed (400): bad prompt', { provider: 'gemini', isRetryable: false })],
  ]),
};

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'provider-batch-'));
  store = await openSqliteStore({ dbPath: join(dir, 'vidcompare.db') });
  await store.insertVideo(makeVideo('v1'));
});
afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function jobService(api: ProviderBatchApi): JobService {
  const logger = silentLogger();
  const catalogue = new ModelsCatalogue(defaultModels);
  const events = new JobEventBus();
  const retryWrite = createStoreWriteRetry({ logger });
  const asset = async (id: string) => ({ record: makeVideo(id), path: '/nonexistent', openStream: () => process.stdin, facts: async () => ({}) }) as unknown as VideoAsset;
  const ctx = {
    store, catalogue, providers: new ProviderRegistry(catalogue, []), events, logger, now: Date.now, retryWrite, videos: { asset },
    scheduler: createScheduler({ retry: { maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1 }, logger }),
  };
  const batches = createProviderBatchExecution({ ctx, apis: [api], pollIntervalMs: 1 });
  return new JobService({ store, dispatcher: createInProcessDispatcher(ctx), events, catalogue, logger, now: Date.now, retryWrite, batches });
}

describe('provider batch execution', () => {
  it('polls through passing outages, then stores each answer (half price) or its own error', async () => {
    const unavailable = new ProviderError('Gemini API 503 UNAVAILABLE', { provider: 'gemini', statusCode: 503 });
    const { api, seen } = scriptedApi((_name, polls) => (polls <= 2 ? unavailable : polls === 3 ? running : answered));
    const jobs = jobService(api);
    const job = await jobs.create('batch_compare', request);
    expect((await jobs.waitForFinish(job.id))?.status).toBe('completed');
    expect(seen.submits).toBe(1);
    expect(seen.polls).toBe(4);
    const runs = await store.getModelRuns(job.id);
    const price = defaultModels.find((m) => m.id === MODEL)!.input_usd_per_mtok!;
    expect(runs.find((r) => r.item_index === 0)).toMatchObject({ status: 'succeeded', response: 'cuts at 00:05', cost_usd: price / 2, billing: 'batch' });
    expect(runs.find((r) => r.item_index === 1)).toMatchObject({ status: 'failed', error: 'Gemini batch request failed (400): bad prompt', cost_usd: null });
    expect(await store.getProviderBatches(job.id)).toMatchObject([{ batch_name: 'batches/b1', model_id: MODEL, item_indexes: [0, 1] }]);
  });

  it('a batch that can no longer be read (not retryable) fails its answers with the reason', async () => {
    const { api } = scriptedApi(() => new ProviderError('Gemini API 404 NOT_FOUND: batch not found', { provider: 'gemini', statusCode: 404 }));
    const jobs = jobService(api);
    const job = await jobs.create('batch_compare', request);
    expect((await jobs.waitForFinish(job.id))?.status).toBe('completed');
    const runs = await store.getModelRuns(job.id);
    expect(runs).toHaveLength(2);
    for (const run of runs) expect(run.error).toBe('Gemini batch batches/b1 could not be read: Gemini API 404 NOT_FOUND: batch not found');
  });

  it('shutting down leaves the batch running; the next start re-attaches to it without a second submit', async () => {
    let finished = false;
    const { api, seen, nextPoll } = scriptedApi(() => (finished ? answered : running));
    const first = jobService(api);
    const polled = nextPoll();
    const job = await first.create('batch_compare', request);
    await polled;
    await first.shutdown();
    expect(seen.cancels).toEqual([]);
    expect((await store.getJob(job.id))?.status).toBe('running');

    finished = true;
    const second = jobService(api);
    expect(await second.resumeUnfinished()).toBe(1);
    expect((await second.waitForFinish(job.id))?.status).toBe('completed');
    expect(seen.submits).toBe(1);
    expect((await store.getModelRuns(job.id)).map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
  });

  it('cancelling the job cancels the batch at the provider', async () => {
    const { api, seen, nextPoll } = scriptedApi(() => running);
    const jobs = jobService(api);
    const polled = nextPoll();
    const job = await jobs.create('batch_compare', request);
    await polled;
    await jobs.cancel(job.id);
    await jobs.waitForFinish(job.id);
    expect(seen.cancels).toEqual(['batches/b1']);
    expect((await store.getJob(job.id))?.status).toBe('cancelled');
  });

  it('splits requests that would pass the provider\'s batch size into several batches, each recorded and answered', async () => {
    const { api, seen } = scriptedApi(() => answered, 1500);
    const jobs = jobService(api);
    const job = await jobs.create('batch_compare', request);
    expect((await jobs.waitForFinish(job.id))?.status).toBe('completed');
    expect(seen.submits).toBe(2);
    expect((await store.getProviderBatches(job.id)).map((b) => b.item_indexes)).toEqual([[0], [1]]);
    expect((await store.getModelRuns(job.id)).map((r) => r.status).sort()).toEqual(['failed', 'succeeded']);
    const video = {} as VideoAsset;
    const sized = (prompt: string) => ({ key: prompt, prompt, video, params: {} });
    expect(bySize([sized('a'.repeat(400)), sized('b'.repeat(400)), sized('c'.repeat(3000))], 3000).map((c) => c.map((r) => r.key[0]))).toEqual([['a', 'b'], ['c']]);
  });

  it('leaves jobs that are not in batch mode to ordinary calls', () => {
    const { api } = scriptedApi(() => running);
    const logger = silentLogger();
    const ctx = { catalogue: new ModelsCatalogue(defaultModels), logger } as never;
    const execution = createProviderBatchExecution({ ctx, apis: [api], pollIntervalMs: 1 });
    const { mode: _mode, ...interactive } = request;
    const job = { id: 'j', job_type: 'batch_compare' as const, status: 'running' as const, created_at: '', started_at: null, completed_at: null, error: null };
    expect(execution.start({ ...job, request: interactive }, [{ itemIndex: 0, modelId: MODEL }], new AbortController().signal)).toBeUndefined();
    expect(execution.start({ ...job, request }, [{ itemIndex: 0, modelId: 'local-full' }], new AbortController().signal)).toBeUndefined();
  });
});
