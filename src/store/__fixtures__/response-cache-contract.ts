import { describe, expect, it } from 'vitest';
import type { CachedAnswer, Store } from '../store.js';
import { at, makeJob, makeRun, makeVideo } from './store-test-data.js';

export function makeCachedAnswer(key: string, overrides: Partial<CachedAnswer> = {}): CachedAnswer {
  return {
    cache_key: key,
    video_sha256: 'sha-v1',
    provider_model: 'gemini-2.5-flash',
    response: 'Cuts at 00:05.',
    latency_ms: 812.5,
    prepare_ms: null,
    input_tokens: 1200,
    output_tokens: 80,
    thinking_tokens: null,
    cost_usd: 0.0005,
    served_by: null,
    created_at: at(3),
    ...overrides,
  };
}

/** The response cache and re-judging part of the Store contract (called inside describeStoreContract). */
export function describeResponseCacheContract(current: { store(): Store; reopen(): Promise<void> }): void {
  describe('response cache', () => {
    it('round-trips an entry, replaces it by key, and keeps it across reopening', async () => {
      const store = current.store();
      expect(await store.getCachedAnswer('k1')).toBeUndefined();
      await store.saveCachedAnswer(makeCachedAnswer('k1'));
      const refreshed = makeCachedAnswer('k1', { response: 'Cuts at 00:05 and 00:09.', latency_ms: 90, served_by: 'gemini-3-flash', created_at: at(9), thinking_tokens: 12 });
      await store.saveCachedAnswer(refreshed);
      await current.reopen();
      expect(await current.store().getCachedAnswer('k1')).toStrictEqual(refreshed);
      expect(await current.store().countCachedAnswers('sha-v1')).toBe(1);
    });

    it('deletes the entries about a video with the video, unless another video holds the same bytes', async () => {
      const store = current.store();
      await store.insertVideo(makeVideo('v1'));
      await store.insertVideo(makeVideo('twin', { sha256: 'sha-v1' }));
      await store.insertVideo(makeVideo('v2'));
      await store.saveCachedAnswer(makeCachedAnswer('a'));
      await store.saveCachedAnswer(makeCachedAnswer('b', { provider_model: 'gpt-4.1' }));
      await store.saveCachedAnswer(makeCachedAnswer('c', { video_sha256: 'sha-v2' }));

      expect(await store.deleteVideo('v1')).toBe(true);
      expect(await store.countCachedAnswers('sha-v1')).toBe(2);
      expect(await store.deleteVideo('twin')).toBe(true);
      expect(await store.countCachedAnswers('sha-v1')).toBe(0);
      expect(await store.getCachedAnswer('a')).toBeUndefined();
      expect(await store.getCachedAnswer('c')).toStrictEqual(makeCachedAnswer('c', { video_sha256: 'sha-v2' }));
      expect(await store.deleteVideo('v1')).toBe(false);
    });

    it('keeps entries when the jobs that made them are deleted', async () => {
      const store = current.store();
      await store.createJob(makeJob('j1', { status: 'completed', completed_at: at(4) }));
      await store.saveCachedAnswer(makeCachedAnswer('k1'));
      expect(await store.deleteFinishedJobsBefore(at(100))).toBe(1);
      expect(await store.getCachedAnswer('k1')).toBeDefined();
    });

    it('creates a job with copied answers in one transaction, keeping cached_at', async () => {
      const store = current.store();
      const newJob = makeJob('j2', { items: 2 });
      const runs = [makeRun('j2', 0, 'm-a', { cached_at: at(2) }), makeRun('j2', 1, 'm-a', { status: 'failed', response: null, error: 'HTTP 500' })];
      await store.createJob({ ...newJob, runs });
      expect(await store.getModelRuns('j2')).toStrictEqual(runs);
      // a run of another job refuses the whole job
      const broken = makeJob('j3');
      await expect(store.createJob({ ...broken, runs: [makeRun('j2', 0, 'm-b')] })).rejects.toThrow(/belongs to job j2/);
      const badItem = makeJob('j4');
      await expect(store.createJob({ ...badItem, runs: [makeRun('j4', 5, 'm-a')] })).rejects.toThrow();
      expect(await store.getJob('j4')).toBeUndefined();
    });
  });
}
