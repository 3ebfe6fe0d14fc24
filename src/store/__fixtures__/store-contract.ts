import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../store.js';
import { StoreError } from '../store-error.js';
import { describeResponseCacheContract } from './response-cache-contract.js';
import {
  at,
  makeEvaluation,
  makeJob,
  makeMediaFacts,
  makeProviderFile,
  makeRun,
  makeVideo,
} from './store-test-data.js';

/** One empty database for one test: opened (and reopened) as a Store, then thrown away. */
export interface StoreTestDatabase {
  open(): Promise<Store>;
  dispose(): Promise<void>;
}

function storeErrorCode(promise: Promise<unknown>): Promise<string> {
  return promise.then(
    () => 'resolved',
    (error: unknown) => (error instanceof StoreError ? error.code : `not a StoreError: ${String(error)}`),
  );
}

/**
 * The Store contract: every implementation (SQLite, PostgreSQL) must pass
 * these tests. `createDatabase` gives each test its own empty database.
 */
export function describeStoreContract(name: string, createDatabase: () => Promise<StoreTestDatabase>): void {
  describe(`${name} store contract`, () => {
    let database: StoreTestDatabase;
    let store: Store;

    beforeEach(async () => {
      database = await createDatabase();
      store = await database.open();
    });

    afterEach(async () => {
      await store.close();
      await database.dispose();
    });

    async function reopen(): Promise<void> {
      await store.close();
      store = await database.open();
    }

    describeResponseCacheContract({ store: () => store, reopen });

    describe('videos and media facts', () => {
      it('round-trips a video exactly, with nulls and booleans', async () => {
        const full = makeVideo('v1');
        const sparse = makeVideo('v2', {
          has_audio: false,
          width: null,
          height: null,
          fps: null,
          video_codec: null,
          audio_codec: null,
          created_at: at(1),
        });
        await store.insertVideo(full);
        await store.insertVideo(sparse);
        expect(await store.getVideo('v1')).toStrictEqual(full);
        expect(await store.getVideo('v2')).toStrictEqual(sparse);
        expect(await store.getVideo('nope')).toBeUndefined();
        expect(await store.listVideos()).toStrictEqual([sparse, full]);
      });

      it('refuses a second video with the same id', async () => {
        await store.insertVideo(makeVideo('v1'));
        expect(await storeErrorCode(store.insertVideo(makeVideo('v1')))).toBe('duplicate');
      });

      it('saves media facts as an upsert and deletes them with their video', async () => {
        await store.insertVideo(makeVideo('v1'));
        expect(await store.getMediaFacts('v1')).toBeUndefined();
        await store.saveMediaFacts('v1', makeMediaFacts({ version: 1 }));
        const newer = makeMediaFacts({ version: 2, cuts_s: [1] });
        await store.saveMediaFacts('v1', newer);
        expect(await store.getMediaFacts('v1')).toStrictEqual(newer);

        expect(await store.deleteVideo('v1')).toBe(true);
        expect(await store.deleteVideo('v1')).toBe(false);
        expect(await store.getVideo('v1')).toBeUndefined();
        expect(await store.getMediaFacts('v1')).toBeUndefined();
      });

      it('refuses media facts for an unknown video', async () => {
        expect(await storeErrorCode(store.saveMediaFacts('ghost', makeMediaFacts()))).toBe('missing_reference');
      });
    });

    describe('jobs', () => {
      it('round-trips a job, its request and its items', async () => {
        const newJob = makeJob('j1', { items: 3, error: 'boom', started_at: at(1) });
        await store.createJob(newJob);
        expect(await store.getJob('j1')).toStrictEqual(newJob.job);
        expect(await store.getJobItems('j1')).toStrictEqual(newJob.items);
        expect(await store.getJob('nope')).toBeUndefined();
        expect(await store.getJobItems('nope')).toStrictEqual([]);
      });

      it('creates a job with its items atomically', async () => {
        const bad = makeJob('j1', { items: 2 });
        bad.items[1] = { ...bad.items[1], item_index: 0 };
        expect(await storeErrorCode(store.createJob(bad))).toBe('duplicate');
        expect(await store.getJob('j1')).toBeUndefined();

        const stranger = makeJob('j2');
        stranger.items[0] = { ...stranger.items[0], job_id: 'other' };
        expect(await storeErrorCode(store.createJob(stranger))).toBe('invalid_input');
        expect(await store.getJob('j2')).toBeUndefined();

        await store.createJob(makeJob('j3'));
        expect(await storeErrorCode(store.createJob(makeJob('j3')))).toBe('duplicate');
      });

      it('stores large batches (more items than one insert statement takes)', async () => {
        const batch = makeJob('big', { items: 450 });
        await store.createJob(batch);
        expect(await store.getJobItems('big')).toStrictEqual(batch.items);
      });

      it('updates only the fields a patch sets, including to null', async () => {
        await store.createJob(makeJob('j1', { error: 'old' }));
        await store.updateJob('j1', { status: 'running', started_at: at(2) });
        await store.updateJob('j1', { error: null });
        await store.updateJob('j1', {});
        const job = await store.getJob('j1');
        expect(job).toMatchObject({ status: 'running', started_at: at(2), completed_at: null, error: null });
        expect(await storeErrorCode(store.updateJob('ghost', { status: 'failed' }))).toBe('not_found');
        expect(await storeErrorCode(store.updateJob('ghost', {}))).toBe('not_found');
      });

      it('lists jobs newest first with limit, offset and status filter; ties keep creation order', async () => {
        // j0..j5 at minutes 0..5, plus two jobs created in the same instant as j5
        for (let i = 0; i < 6; i++) {
          await store.createJob(makeJob(`j${i}`, { createdMinute: i, status: i % 2 === 0 ? 'running' : 'completed' }));
        }
        await store.createJob(makeJob('tie-a', { createdMinute: 5, status: 'completed' }));
        await store.createJob(makeJob('tie-b', { createdMinute: 5, status: 'completed' }));

        const ids = async (query: Parameters<Store['listJobs']>[0]) => (await store.listJobs(query)).map((job) => job.id);
        expect(await ids({ limit: 50 })).toStrictEqual(['tie-b', 'tie-a', 'j5', 'j4', 'j3', 'j2', 'j1', 'j0']);
        expect(await ids({ limit: 3 })).toStrictEqual(['tie-b', 'tie-a', 'j5']);
        expect(await ids({ limit: 3, offset: 3 })).toStrictEqual(['j4', 'j3', 'j2']);
        expect(await ids({ limit: 3, offset: 10 })).toStrictEqual([]);
        expect(await ids({ limit: 50, status: 'running' })).toStrictEqual(['j4', 'j2', 'j0']);
        expect(await ids({ limit: 2, offset: 1, status: 'completed' })).toStrictEqual(['tie-a', 'j5']);
        expect(await ids({ limit: 50, status: 'cancelled' })).toStrictEqual([]);
        expect((await store.listJobs({ limit: 1 }))[0]).toStrictEqual((await store.getJob('tie-b'))!);

        expect(await storeErrorCode(store.listJobs({ limit: 0 }))).toBe('invalid_input');
        expect(await storeErrorCode(store.listJobs({ limit: 5, offset: -1 }))).toBe('invalid_input');
      });

      it('lists unfinished jobs oldest first', async () => {
        await store.createJob(makeJob('done', { createdMinute: 0, status: 'completed' }));
        await store.createJob(makeJob('run-late', { createdMinute: 9, status: 'running' }));
        await store.createJob(makeJob('pend-early', { createdMinute: 1, status: 'pending' }));
        await store.createJob(makeJob('cancelled', { createdMinute: 2, status: 'cancelled' }));
        await store.createJob(makeJob('run-mid', { createdMinute: 5, status: 'running' }));
        await store.createJob(makeJob('failed', { createdMinute: 3, status: 'failed' }));
        const unfinished = await store.listUnfinishedJobs();
        expect(unfinished.map((job) => job.id)).toStrictEqual(['pend-early', 'run-mid', 'run-late']);
      });

      it('counts unfinished jobs using a video, each job once', async () => {
        await store.createJob(makeJob('batch', { items: 4, videoId: 'v1', status: 'running' }));
        await store.createJob(makeJob('single', { videoId: 'v1', status: 'pending' }));
        await store.createJob(makeJob('finished', { videoId: 'v1', status: 'completed' }));
        await store.createJob(makeJob('other', { videoId: 'v2', status: 'running' }));
        expect(await store.countUnfinishedJobsUsingVideo('v1')).toBe(2);
        expect(await store.countUnfinishedJobsUsingVideo('v2')).toBe(1);
        expect(await store.countUnfinishedJobsUsingVideo('v3')).toBe(0);
        await store.updateJob('batch', { status: 'cancelled' });
        expect(await store.countUnfinishedJobsUsingVideo('v1')).toBe(1);
      });
    });

    describe('model runs and evaluations', () => {
      beforeEach(async () => {
        await store.createJob(makeJob('j1', { items: 2 }));
      });

      it('round-trips runs and saves them as upserts keyed by (job, item, model)', async () => {
        const pending = makeRun('j1', 0, 'm-b', {
          status: 'pending',
          attempts: 0,
          response: null,
          latency_ms: null,
          input_tokens: null,
          output_tokens: null,
          cost_usd: null,
          finished_at: null,
        });
        await store.saveModelRun(pending);
        await store.saveModelRun(makeRun('j1', 0, 'm-a', { status: 'failed', error: 'HTTP 400', response: null }));
        await store.saveModelRun(makeRun('j1', 1, 'm-a'));
        const finished = makeRun('j1', 0, 'm-b', { attempts: 3, thinking_tokens: 77, served_by: 'gemini-3-flash' });
        await store.saveModelRun(finished);

        const runs = await store.getModelRuns('j1');
        expect(runs).toHaveLength(3);
        // by item, then in first-saved order: m-b was saved (as pending) before m-a
        expect(runs.map((run) => `${run.item_index}/${run.model_id}`)).toStrictEqual(['0/m-b', '0/m-a', '1/m-a']);
        expect(runs[0]).toStrictEqual(finished);
        expect(runs[1]).toStrictEqual(makeRun('j1', 0, 'm-a', { status: 'failed', error: 'HTTP 400', response: null }));

        // one combination's answers only (a judge needs no more)
        expect((await store.getModelRuns('j1', 1)).map((run) => run.model_id)).toStrictEqual(['m-a']);
        expect((await store.getModelRuns('j1', 0)).map((run) => run.model_id)).toStrictEqual(['m-b', 'm-a']);
        expect((await store.getJobItems('j1', 1)).map((item) => item.item_index)).toStrictEqual([1]);
        expect(await store.getJobItems('j1', 99)).toStrictEqual([]);
      });

      it('round-trips evaluations and saves them as upserts keyed by (job, item)', async () => {
        const failed = makeEvaluation('j1', 1, { status: 'failed', scores: [], overall_summary: null, error: 'bad JSON', details: {} });
        await store.saveEvaluation(failed);
        await store.saveEvaluation(makeEvaluation('j1', 0, { overall_summary: 'first try' }));
        const retried = makeEvaluation('j1', 0);
        await store.saveEvaluation(retried);
        expect(await store.getEvaluations('j1')).toStrictEqual([retried, failed]);
      });

      it('refuses runs and evaluations of unknown jobs or items', async () => {
        expect(await storeErrorCode(store.saveModelRun(makeRun('ghost', 0, 'm')))).toBe('missing_reference');
        expect(await storeErrorCode(store.saveModelRun(makeRun('j1', 7, 'm')))).toBe('missing_reference');
        expect(await storeErrorCode(store.saveEvaluation(makeEvaluation('ghost', 0)))).toBe('missing_reference');
      });

      it('deleteJob removes the job with its items, runs and evaluations only', async () => {
        await store.createJob(makeJob('keep'));
        for (const jobId of ['j1', 'keep']) {
          await store.saveModelRun(makeRun(jobId, 0, 'm'));
          await store.saveEvaluation(makeEvaluation(jobId, 0));
        }
        expect(await store.deleteJob('j1')).toBe(true);
        expect(await store.deleteJob('j1')).toBe(false);
        expect(await store.getJob('j1')).toBeUndefined();
        expect(await store.getJobItems('j1')).toStrictEqual([]);
        expect(await store.getModelRuns('j1')).toStrictEqual([]);
        expect(await store.getEvaluations('j1')).toStrictEqual([]);
        expect(await store.getModelRuns('keep')).toHaveLength(1);
        expect(await store.getEvaluations('keep')).toHaveLength(1);
        // a late answer for a deleted job is refused, not stored as an orphan
        expect(await storeErrorCode(store.saveModelRun(makeRun('j1', 0, 'm')))).toBe('missing_reference');
      });
    });

    describe('deleteFinishedJobsBefore', () => {
      it('deletes only finished jobs completed before the cutoff, with their work', async () => {
        await store.createJob(makeJob('old-done', { status: 'completed', completed_at: at(10) }));
        await store.createJob(makeJob('old-failed', { status: 'failed', completed_at: at(11) }));
        await store.createJob(makeJob('old-cancelled-no-end', { status: 'cancelled', createdMinute: 5 }));
        await store.createJob(makeJob('new-done', { status: 'completed', completed_at: at(30) }));
        await store.createJob(makeJob('at-cutoff', { status: 'completed', completed_at: at(20) }));
        await store.createJob(makeJob('old-running', { status: 'running', createdMinute: 1 }));
        await store.createJob(makeJob('old-pending', { status: 'pending', createdMinute: 1 }));
        await store.saveModelRun(makeRun('old-done', 0, 'm'));

        expect(await store.deleteFinishedJobsBefore(at(20))).toBe(3);
        const left = (await store.listJobs({ limit: 50 })).map((job) => job.id).sort();
        expect(left).toStrictEqual(['at-cutoff', 'new-done', 'old-pending', 'old-running']);
        expect(await store.getModelRuns('old-done')).toStrictEqual([]);
        expect(await store.deleteFinishedJobsBefore(at(20))).toBe(0);
      });
    });

    describe('progressCounts', () => {
      it('counts finished runs and evaluations per item across several jobs', async () => {
        await store.createJob(makeJob('a', { items: 3 }));
        await store.createJob(makeJob('b', { items: 2 }));
        await store.createJob(makeJob('idle', { items: 2 }));
        await store.createJob(makeJob('not-asked', { items: 1 }));

        await store.saveModelRun(makeRun('a', 0, 'm1'));
        await store.saveModelRun(makeRun('a', 0, 'm2', { status: 'failed' }));
        await store.saveModelRun(makeRun('a', 0, 'm3', { status: 'running' }));
        await store.saveModelRun(makeRun('a', 2, 'm1', { status: 'pending' }));
        await store.saveEvaluation(makeEvaluation('a', 0));
        await store.saveModelRun(makeRun('b', 1, 'm1'));
        await store.saveEvaluation(makeEvaluation('b', 0, { status: 'failed', error: 'judge down' }));
        await store.saveModelRun(makeRun('not-asked', 0, 'm1'));

        const counts = await store.progressCounts(['a', 'b', 'idle', 'unknown', 'a']);
        expect([...counts.keys()].sort()).toStrictEqual(['a', 'b', 'idle', 'unknown']);
        expect(counts.get('a')).toStrictEqual([{ item_index: 0, models_finished: 2, evaluation_finished: true }]);
        expect(counts.get('b')).toStrictEqual([
          { item_index: 0, models_finished: 0, evaluation_finished: true },
          { item_index: 1, models_finished: 1, evaluation_finished: false },
        ]);
        expect(counts.get('idle')).toStrictEqual([]);
        expect(counts.get('unknown')).toStrictEqual([]);
        expect((await store.progressCounts([])).size).toBe(0);
      });

      it('answers for more job ids than one query can bind', async () => {
        const ids = Array.from({ length: 1200 }, (_, i) => `job-${i}`);
        await store.createJob(makeJob('job-1100'));
        await store.saveModelRun(makeRun('job-1100', 0, 'm'));
        const counts = await store.progressCounts(ids);
        expect(counts.size).toBe(1200);
        expect(counts.get('job-1100')).toStrictEqual([{ item_index: 0, models_finished: 1, evaluation_finished: false }]);
      });
    });

    describe('provider files', () => {
      it('gets, upserts and deletes by (provider, sha256)', async () => {
        expect(await store.getProviderFile('gemini', 'abc')).toBeUndefined();
        const first = makeProviderFile('gemini', 'abc');
        await store.saveProviderFile(first);
        await store.saveProviderFile(makeProviderFile('other', 'abc', { expires_at: null }));
        expect(await store.getProviderFile('gemini', 'abc')).toStrictEqual(first);

        const renewed = makeProviderFile('gemini', 'abc', { name: 'files/new', uri: 'https://x/files/new', created_at: at(5) });
        await store.saveProviderFile(renewed);
        expect(await store.getProviderFile('gemini', 'abc')).toStrictEqual(renewed);
        expect(await store.getProviderFile('other', 'abc')).toStrictEqual(makeProviderFile('other', 'abc', { expires_at: null }));

        await store.deleteProviderFile('gemini', 'abc');
        await store.deleteProviderFile('gemini', 'abc');
        expect(await store.getProviderFile('gemini', 'abc')).toBeUndefined();
        expect(await store.getProviderFile('other', 'abc')).toBeDefined();
      });
    });

    describe('durability and lifecycle', () => {
      it('keeps every entity across closing and reopening the file', async () => {
        const video = makeVideo('v1');
        const facts = makeMediaFacts();
        const newJob = makeJob('j1', { items: 2, status: 'running', started_at: at(1) });
        const run = makeRun('j1', 1, 'm');
        const evaluation = makeEvaluation('j1', 1);
        const file = makeProviderFile('gemini', 'sha');
        await store.insertVideo(video);
        await store.saveMediaFacts('v1', facts);
        await store.createJob(newJob);
        await store.saveModelRun(run);
        await store.saveEvaluation(evaluation);
        await store.saveProviderFile(file);

        await reopen();

        expect(await store.getVideo('v1')).toStrictEqual(video);
        expect(await store.getMediaFacts('v1')).toStrictEqual(facts);
        expect(await store.getJob('j1')).toStrictEqual(newJob.job);
        expect(await store.getJobItems('j1')).toStrictEqual(newJob.items);
        expect(await store.getModelRuns('j1')).toStrictEqual([run]);
        expect(await store.getEvaluations('j1')).toStrictEqual([evaluation]);
        expect(await store.getProviderFile('gemini', 'sha')).toStrictEqual(file);
        expect(await store.listUnfinishedJobs()).toStrictEqual([newJob.job]);
      });

      it('still enforces foreign keys after reopening', async () => {
        await reopen();
        expect(await storeErrorCode(store.saveModelRun(makeRun('ghost', 0, 'm')))).toBe('missing_reference');
      });

      it('lets calls already started finish when closing, and refuses calls after close', async () => {
        const writes = Array.from({ length: 20 }, (_, i) => store.createJob(makeJob(`j${i}`, { items: 3 })));
        await store.close();
        await Promise.all(writes);
        await store.close(); // idempotent
        expect(await storeErrorCode(store.getJob('j0'))).toBe('closed');
        await reopen();
        expect((await store.listJobs({ limit: 50 })).length).toBe(20);
      });
      });
  });
}
