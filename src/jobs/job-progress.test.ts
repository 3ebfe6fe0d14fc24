import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../domain/index.js';
import { computeProgress } from './job-progress.js';

const job = (overrides: Partial<JobRecord> = {}): JobRecord => ({
  id: 'j1',
  job_type: 'batch_compare',
  status: 'running',
  created_at: '2026-01-01T00:00:00.000Z',
  started_at: '2026-01-01T00:00:00.000Z',
  completed_at: null,
  error: null,
  request: {
    video_ids: ['v1', 'v2', 'v3', 'v4', 'v5'],
    prompts: ['p1', 'p2', 'p3'],
    models: ['a', 'b', 'c', 'd'],
    judge_model: 'local-judge',
    params: {},
    combination_concurrency: 1,
    judge_context: 'facts',
    judge_runs: 1,
  },
  ...overrides,
});

const nowMs = Date.parse('2026-01-01T00:01:00.000Z');

describe('computeProgress', () => {
  it('counts model and judge units and names the current combination', () => {
    const counts = [
      { item_index: 0, models_finished: 4, evaluation_finished: true },
      { item_index: 1, models_finished: 4, evaluation_finished: true },
      { item_index: 2, models_finished: 2, evaluation_finished: false },
    ];
    const p = computeProgress({ job: job(), itemCount: 15, counts, nowMs });
    expect(p.units_total).toBe(75);
    expect(p.units_done).toBe(12);
    expect(p.progress).toBe(16);
    expect(p.progress_message).toBe('Combination 3/15: 2/4 models done');
    // 12 units in 60 s → 63 remaining units take 315 s
    expect(p.eta_seconds).toBe(315);
  });

  it('says when a combination is being evaluated', () => {
    const counts = [{ item_index: 0, models_finished: 4, evaluation_finished: false }];
    expect(computeProgress({ job: job(), itemCount: 15, counts, nowMs }).progress_message).toBe('Combination 1/15: evaluating results...');
    const single = job({ job_type: 'single_compare', request: { ...job().request, video_ids: ['v'], prompts: ['p'] } });
    expect(computeProgress({ job: single, itemCount: 1, counts, nowMs }).progress_message).toBe('Evaluating results...');
  });

  it('never moves backwards as units finish, and reaches 100 only when completed', () => {
    let last = -1;
    const counts: { item_index: number; models_finished: number; evaluation_finished: boolean }[] = [];
    for (let item = 0; item < 15; item++) {
      for (let m = 1; m <= 4; m++) {
        counts[item] = { item_index: item, models_finished: m, evaluation_finished: false };
        const p = computeProgress({ job: job(), itemCount: 15, counts, nowMs }).progress;
        expect(p).toBeGreaterThanOrEqual(last);
        last = p;
      }
      counts[item] = { item_index: item, models_finished: 4, evaluation_finished: true };
    }
    expect(computeProgress({ job: job(), itemCount: 15, counts, nowMs }).progress).toBe(99);
    expect(computeProgress({ job: job({ status: 'completed' }), itemCount: 15, counts, nowMs }).progress).toBe(100);
  });

  it('does not count judge units when judging is skipped', () => {
    const noJudge = job({ request: { ...job().request, judge_model: null } });
    const counts = [{ item_index: 0, models_finished: 4, evaluation_finished: false }];
    const p = computeProgress({ job: noJudge, itemCount: 15, counts, nowMs });
    expect(p.units_total).toBe(60);
    expect(p.progress_message).toBe('Combination 2/15: 0/4 models done');
  });
  it('says the unfinished answers of a job in batch mode are queued at Gemini', () => {
    const batchJob = job({ request: { ...job().request, mode: 'batch' } });
    const counts = [{ item_index: 0, models_finished: 1, evaluation_finished: false }];
    expect(computeProgress({ job: batchJob, itemCount: 15, counts, nowMs }).progress_message).toBe('Combination 1/15: 1/4 models done; queued at Gemini (batch)');
    expect(computeProgress({ job: job(), itemCount: 15, counts, nowMs }).progress_message).toBe('Combination 1/15: 1/4 models done');
  });
});
