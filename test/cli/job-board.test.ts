import { describe, expect, it } from 'vitest';
import type { JobView } from '../../src/cli/api-types.js';
import { JobBoard, runCounts } from '../../src/cli/job-board.js';

function view(overrides: Partial<JobView> = {}): JobView {
  return {
    job_id: 'job-1',
    job_type: 'batch_compare',
    status: 'running',
    created_at: '2026-01-01T00:00:00.000Z',
    started_at: '2026-01-01T00:00:00.010Z',
    completed_at: null,
    progress: 10,
    progress_message: 'Combination 1/4',
    eta_seconds: 5,
    units_done: 1,
    units_total: 10,
    request_data: { video_ids: ['a', 'b'], prompts: ['p', 'q'], models: ['m1', 'm2'], judge_model: 'local-judge' },
    result: null,
    error: null,
    ...overrides,
  };
}

describe('JobBoard', () => {
  it('takes models, judge and the number of combinations from the view', () => {
    const board = new JobBoard();
    const job = board.applyView(view());
    expect(job).toMatchObject({ models: ['m1', 'm2'], judge: 'local-judge', items: 4, status: 'running' });
  });

  it('counts a model answer once even when both an event and a stored result report it', () => {
    const board = new JobBoard();
    board.applyView(view());
    const event = { event: 'model_result' as const, data: { job_id: 'job-1', item_index: 0, model_id: 'm1', status: 'succeeded' as const, error: null } };
    board.applyEvent(event);
    board.applyEvent(event);
    board.applyEvent({ event: 'model_result', data: { job_id: 'job-1', item_index: 1, model_id: 'm1', status: 'failed', error: 'boom' } });
    expect(runCounts(board.get('job-1')!, 'm1')).toEqual({ succeeded: 1, failed: 1, skipped: 0 });
    expect(board.get('job-1')!.runErrors.get('m1')).toBe('boom');
  });

  it('never moves progress backwards and keeps a finished status', () => {
    const board = new JobBoard();
    board.applyView(view());
    const snapshot = { job_id: 'job-1', progress_message: '', eta_seconds: null, units_total: 10 };
    board.applyEvent({ event: 'status', data: { ...snapshot, status: 'completed', progress: 100, units_done: 10 } });
    board.applyEvent({ event: 'progress', data: { ...snapshot, status: 'running', progress: 60, units_done: 6 } });
    expect(board.get('job-1')).toMatchObject({ status: 'completed', progress: 100, unitsDone: 10 });
    expect(board.allFinished()).toBe(true);
  });

  it('ignores events of jobs it does not track unless asked to track new ones', () => {
    const board = new JobBoard();
    expect(board.applyEvent({ event: 'created', data: { job_id: 'other', job_type: 'single_compare' } })).toBeUndefined();
    expect(board.applyEvent({ event: 'created', data: { job_id: 'other', job_type: 'single_compare' } }, { trackNew: true })?.id).toBe('other');
  });
});
