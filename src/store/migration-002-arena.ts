import type { Migration } from './migrations.js';

/*
 * The blind arena: one row per pair of answers shown to voters, holding its
 * single vote. No foreign key to jobs: votes are evidence about models and
 * outlive the job whose answers they compared. And the time spent preparing
 * a video for a provider, recorded apart from the model call's latency.
 */
export const arenaSchema: Migration = {
  version: 2,
  name: 'arena pairs and votes; prepare_ms',
  statements: [
    `CREATE TABLE arena_pairs (
      id TEXT PRIMARY KEY,
      pair_key TEXT NOT NULL UNIQUE,
      job_id TEXT NOT NULL,
      item_index INTEGER NOT NULL,
      video_id TEXT NOT NULL,
      prompt TEXT NOT NULL,
      model_a TEXT NOT NULL,
      model_b TEXT NOT NULL,
      created_at TEXT NOT NULL,
      winner TEXT,
      voted_at TEXT
    ) STRICT`,
    `CREATE INDEX arena_pairs_voted_at ON arena_pairs (voted_at)`,
    `ALTER TABLE model_runs ADD COLUMN prepare_ms REAL`,
  ],
};
