import type { Migration } from './migrations.js';

/*
 * Budgets: each answer keeps the estimate it was admitted on (shown next to
 * its actual usage, and summed over running answers as the spend in flight),
 * and "spent today" sums costs by finish time across jobs.
 */
export const estimatesSchema: Migration = {
  version: 5,
  name: 'per-answer estimates; spend by finish time',
  statements: [
    `ALTER TABLE model_runs ADD COLUMN estimated_input_tokens INTEGER`,
    `ALTER TABLE model_runs ADD COLUMN estimated_output_tokens INTEGER`,
    `ALTER TABLE model_runs ADD COLUMN estimated_cost_usd REAL`,
    `CREATE INDEX model_runs_finished_at ON model_runs (finished_at)`,
    `CREATE INDEX model_runs_model_status ON model_runs (model_id, status)`,
  ],
};
