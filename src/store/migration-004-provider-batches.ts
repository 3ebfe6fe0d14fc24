import type { Migration } from './migrations.js';

/*
 * Batches submitted to a provider's batch API (Gemini Batch mode) for a job:
 * the provider's name for the batch and the work units it carries, so a
 * restarted server re-attaches to it instead of paying for a second batch.
 * Deleted with the job. And how a stored answer was billed ("batch" at the
 * provider's batch discount; NULL for an ordinary call).
 */
export const providerBatchesSchema: Migration = {
  version: 4,
  name: 'provider batches; model_runs.billing',
  statements: [
    `CREATE TABLE provider_batches (
      job_id TEXT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
      batch_name TEXT NOT NULL,
      provider TEXT NOT NULL,
      model_id TEXT NOT NULL,
      unit_keys_json TEXT NOT NULL,
      created_at TEXT NOT NULL,
      PRIMARY KEY (job_id, batch_name)
    ) STRICT`,
    `ALTER TABLE model_runs ADD COLUMN billing TEXT`,
  ],
};
