import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ArenaPair } from '../domain/index.js';
import { at, makeEvaluation, makeJob, makeRun } from './__fixtures__/store-test-data.js';
import { openSqliteStore, type Store } from './index.js';

let dir: string;
let store: Store;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidcompare-arena-store-'));
  store = await openSqliteStore({ dbPath: join(dir, 'vidcompare.db') });
  await store.createJob(makeJob('j1', { items: 2 }));
  await store.saveModelRun(makeRun('j1', 0, 'm1'));
  await store.saveModelRun(makeRun('j1', 0, 'm2', { prepare_ms: 900 }));
  await store.saveModelRun(makeRun('j1', 0, 'm3', { status: 'failed', response: null, error: 'boom' }));
  await store.saveModelRun(makeRun('j1', 1, 'm1', { response: '' }));
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

const pair = (id: string, a: string, b: string): ArenaPair => ({
  id, job_id: 'j1', item_index: 0, video_id: 'video-1', prompt: 'prompt 0', model_a: a, model_b: b, created_at: at(1), winner: null, voted_at: null,
});

describe('arena store', () => {
  it('lists only succeeded, non-empty answers, and keeps prepare_ms apart from latency', async () => {
    const answers = await store.listArenaAnswers({});
    expect(answers.map((a) => `${a.item_index}:${a.model_id}`)).toEqual(['0:m1', '0:m2']);
    expect(answers[0]).toMatchObject({ job_id: 'j1', video_id: 'video-1', prompt: 'prompt 0' });
    expect(await store.listArenaAnswers({ video_id: 'other' })).toEqual([]);
    const runs = await store.getModelRuns('j1', 0);
    expect(runs.find((r) => r.model_id === 'm2')).toMatchObject({ prepare_ms: 900, latency_ms: 1234.5 });
  });

  it('stores one pair per two answers whichever is A, and takes one vote per pair', async () => {
    const first = await store.insertOrGetArenaPair(pair('p1', 'm1', 'm2'));
    const again = await store.insertOrGetArenaPair(pair('p2', 'm2', 'm1'));
    expect(again.id).toBe('p1');
    expect(first).toMatchObject({ id: 'p1', model_a: 'm1', model_b: 'm2', winner: null });

    expect(await store.recordArenaVote('p1', 'b', at(2))).toBe('recorded');
    expect(await store.recordArenaVote('p1', 'a', at(3))).toBe('already_voted');
    expect(await store.recordArenaVote('nope', 'a', at(3))).toBe('not_found');
    expect(await store.getArenaPair('p1')).toMatchObject({ winner: 'b', voted_at: at(2) });
    expect((await store.listArenaPairs({ voted: true })).map((p) => p.id)).toEqual(['p1']);
    expect(await store.listArenaPairs({ voted: false })).toEqual([]);

    // votes outlive the job whose answers they compared
    await store.deleteJob('j1');
    expect((await store.listArenaPairs({ voted: true })).map((p) => p.id)).toEqual(['p1']);
  });

  it('lists evaluations with the video and prompt they judged', async () => {
    await store.saveEvaluation(makeEvaluation('j1', 1));
    const judged = await store.listJudgedItems({ job_id: 'j1' });
    expect(judged).toHaveLength(1);
    expect(judged[0]).toMatchObject({ video_id: 'video-1', prompt: 'prompt 1', evaluation: { item_index: 1, judge_model: 'local-judge' } });
  });
});
