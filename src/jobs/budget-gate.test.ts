import { describe, expect, it } from 'vitest';
import type { JobRecord } from '../domain/index.js';
import { silentLogger } from '../logging/logger.js';
import type { SpendFilter, Store } from '../store/store.js';
import { createBudgetGate, utcMidnight } from './budget-gate.js';

interface Row {
  jobId: string;
  status: 'running' | 'succeeded';
  cost: number;
  estimate: number;
  finishedAt: string | null;
}

/** The two store reads the gate makes, over rows the test controls; reads yield first, as a database would. */
function fakeStore(rows: Row[]) {
  return {
    async spendSummary(filter: SpendFilter) {
      await new Promise((resolve) => setImmediate(resolve));
      const mine = rows.filter((r) => filter.jobId === undefined || r.jobId === filter.jobId);
      const spent = mine.filter((r) => r.status === 'succeeded' && (filter.finishedSince === undefined || (r.finishedAt ?? '') >= filter.finishedSince));
      return { spent_usd: spent.reduce((s, r) => s + r.cost, 0), in_flight_usd: mine.filter((r) => r.status === 'running').reduce((s, r) => s + r.estimate, 0) };
    },
  } as unknown as Store;
}

const job = (id: string, max_cost_usd?: number): JobRecord => ({
  id, job_type: 'batch_compare', status: 'running', created_at: '', started_at: null, completed_at: null, error: null,
  request: { video_ids: [], prompts: [], models: [], judge_model: null, params: {}, combination_concurrency: 1, judge_context: 'facts', judge_runs: 1, ...(max_cost_usd !== undefined ? { max_cost_usd } : {}) },
});

describe('budget gate', () => {
  it('admits parallel calls one decision at a time, counting the ones already reserved as in flight', async () => {
    const rows: Row[] = [{ jobId: 'j', status: 'succeeded', cost: 0.3, estimate: 0, finishedAt: 'x' }];
    const gate = createBudgetGate({ store: fakeStore(rows), now: () => 0, logger: silentLogger() });
    const reserve = () => async () => void rows.push({ jobId: 'j', status: 'running', cost: 0, estimate: 0.25, finishedAt: null });
    // spent 0.30; each call 0.25: 0.55, 0.80 and 1.05 fit under 1.10, the fourth (1.30) does not
    const admissions = await Promise.all(Array.from({ length: 5 }, () => gate.admit(job('j', 1.1), 0.25, reserve())));
    expect(admissions.map((a) => a.admitted)).toStrictEqual([true, true, true, false, false]);
    expect(admissions[3]).toStrictEqual({ admitted: false, scope: 'job', limit_usd: 1.1, spent_usd: 0.3, in_flight_usd: 1 });
  });

  it('holds every job to the daily budget, counting only what finished since UTC midnight', async () => {
    const now = Date.parse('2026-12-03T07:00:00Z');
    const rows: Row[] = [
      { jobId: 'old', status: 'succeeded', cost: 100, estimate: 0, finishedAt: '2026-12-02T23:59:59.000Z' },
      { jobId: 'other', status: 'succeeded', cost: 0.8, estimate: 0, finishedAt: '2026-12-03T01:00:00.000Z' },
    ];
    const gate = createBudgetGate({ store: fakeStore(rows), dailyLimitUsd: 1, now: () => now, logger: silentLogger() });
    expect(utcMidnight(now)).toBe('2026-12-03T00:00:00.000Z');
    const reserve = (estimate: number) => async () => void rows.push({ jobId: 'new', status: 'running', cost: 0, estimate, finishedAt: null });
    expect(await gate.admit(job('new'), 0.1, reserve(0.1))).toStrictEqual({ admitted: true });
    expect(await gate.admit(job('new'), 0.11, reserve(0.11))).toMatchObject({ admitted: false, scope: 'daily', spent_usd: 0.8 });
  });

  it('without any budget admits at once and reserves nothing; an unknown price counts as free', async () => {
    let reserved = 0;
    const gate = createBudgetGate({ store: fakeStore([]), now: () => 0, logger: silentLogger() });
    expect(await gate.admit(job('j'), 5, async () => void (reserved += 1))).toStrictEqual({ admitted: true });
    expect(reserved).toBe(0);
    // a reservation without a price holds nothing in flight
    expect(await gate.admit(job('j', 0.01), null, async () => void (reserved += 1))).toStrictEqual({ admitted: true });
    expect(reserved).toBe(1);
  });
});
