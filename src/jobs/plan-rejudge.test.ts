import { describe, expect, it } from 'vitest';
import { at, makeJob, makeRun } from '../store/__fixtures__/store-test-data.js';
import { planRejudge } from './plan-rejudge.js';

describe('planRejudge', () => {
  const { job: base, items } = makeJob('src', { items: 2, status: 'cancelled', completed_at: at(9) });
  const source = { ...base, request: { ...base.request, judge_model: 'gemini-2.5-pro', judge_models: ['gemini-2.5-pro', 'local-judge'] } };
  const answered = makeRun('src', 0, 'gemini-2.5-flash', { cached_at: at(1) });
  const failed = makeRun('src', 0, 'local-timeline', { status: 'failed', response: null, error: 'HTTP 500' });
  const target = { id: 'new', createdAt: at(10) };

  it('copies the combinations and every stored answer to the new job, with the new judge and a link to the source', () => {
    const plan = planRejudge({ job: source, items, runs: [answered, failed] }, { judge_model: 'local-judge' }, target);
    expect(plan.job).toMatchObject({ id: 'new', job_type: source.job_type, status: 'pending', created_at: at(10), started_at: null, completed_at: null, error: null });
    const { judge_models: _panel, ...rest } = source.request;
    expect(plan.job.request).toStrictEqual({ ...rest, judge_model: 'local-judge', judge_runs: 1, rejudge_of: 'src' });
    expect('judge_models' in plan.job.request).toBe(false);
    expect(plan.items).toStrictEqual(items.map((item) => ({ ...item, job_id: 'new' })));
    expect(plan.runs!.slice(0, 2)).toStrictEqual([{ ...answered, job_id: 'new' }, { ...failed, job_id: 'new' }]);
    // a fresh answer is marked reused, with the date it was made
    const fresh = makeRun('src', 0, 'gemini-2.5-flash', { finished_at: at(4) });
    expect(planRejudge({ job: source, items, runs: [fresh] }, { judge_model: 'local-judge' }, target).runs![0]).toStrictEqual({ ...fresh, job_id: 'new', cached_at: at(4) });
  });

  it('stores an answer the source never got as failed, saying why, so no model is asked', () => {
    const plan = planRejudge({ job: source, items, runs: [answered, failed, makeRun('src', 1, 'gemini-2.5-flash', { status: 'running' })] }, { judge_model: 'local-judge', judge_models: ['local-judge', 'gemini-2.5-flash'], judge_runs: 2 }, target);
    expect(plan.runs).toHaveLength(4);
    const missing = plan.runs!.slice(2);
    expect(missing.map((r) => [r.item_index, r.model_id, r.status, r.attempts])).toStrictEqual([[1, 'gemini-2.5-flash', 'failed', 0], [1, 'local-timeline', 'failed', 0]]);
    expect(missing[0]!.error).toBe('No answer in job src (it ended cancelled before this model answered)');
    expect(plan.job.request).toMatchObject({ judge_model: 'local-judge', judge_models: ['local-judge', 'gemini-2.5-flash'], judge_runs: 2 });
  });
});
