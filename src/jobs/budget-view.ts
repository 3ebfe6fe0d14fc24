import { budgetSkipReason, type JobRecord, type ModelRun } from '../domain/index.js';
import type { BudgetSummary } from '../domain/api-shapes.js';
import { dailyBudgetSkipReason } from './budget-gate.js';

/**
 * `result.budget` of a job: present when the job had its own `max_cost_usd`
 * or answers were skipped by a budget. `spent_usd` is the job's actual spend (cached answers are free);
 * `limit_usd` the budget that stopped it (or the job's own when none did).
 */
export function budgetSummary(job: JobRecord, runs: readonly ModelRun[], dailyLimitUsd: number | undefined): BudgetSummary | undefined {
  const skippedDaily = runs.some((run) => run.status === 'skipped' && run.error === dailyBudgetSkipReason);
  const skippedJob = runs.some((run) => run.status === 'skipped' && run.error === budgetSkipReason);
  const jobLimit = job.request.max_cost_usd;
  if (jobLimit === undefined && !skippedDaily) return undefined;
  // answers reused from the response cache cost nothing this time
  const spent_usd = runs.reduce((sum, run) => sum + (run.cached_at ? 0 : run.cost_usd ?? 0), 0);
  const daily = skippedDaily && !skippedJob;
  const limit = daily ? dailyLimitUsd ?? null : jobLimit ?? null;
  return { limit_usd: limit, spent_usd, stopped: skippedJob || skippedDaily, scope: daily ? 'daily' : 'job' };
}
