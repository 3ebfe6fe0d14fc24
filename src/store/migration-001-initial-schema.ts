import type { Migration } from './migrations.js';

/*
 * STRICT tables so a wrong type is refused at write time. Statuses carry no
 * CHECK constraint on purpose: SQLite cannot alter a CHECK without rebuilding
 * the table, and the domain types already guard what is written.
 *
 * jobs and videos keep an explicit INTEGER PRIMARY KEY (`seq`) because VACUUM
 * may renumber an implicit rowid, and `seq` is the tiebreaker for equal
 * created_at values. Every secondary index ends in it implicitly.
 */
export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  statements: [
    `CREATE TABLE videos (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      filename TEXT NOT NULL,
      size INTEGER NOT NULL,
      content_type TEXT NOT NULL,
      duration_s REAL NOT NULL,
      width INTEGER,
      height INTEGER,
      fps REAL,
      has_audio INTEGER NOT NULL CHECK (has_audio IN (0, 1)),
      video_codec TEXT,
      audio_codec TEXT,
      sha256 TEXT NOT NULL,
      created_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX videos_created_at ON videos (created_at)`,

    `CREATE TABLE media_facts (
      video_id TEXT PRIMARY KEY REFERENCES videos (id) ON DELETE CASCADE,
      version INTEGER NOT NULL,
      facts_json TEXT NOT NULL
    ) STRICT`,

    `CREATE TABLE jobs (
      seq INTEGER PRIMARY KEY,
      id TEXT NOT NULL UNIQUE,
      job_type TEXT NOT NULL,
      status TEXT NOT NULL,
      created_at TEXT NOT NULL,
      started_at TEXT,
      completed_at TEXT,
      request_json TEXT NOT NULL,
      error TEXT
    ) STRICT`,
    `CREATE INDEX jobs_created_at ON jobs (created_at)`,
    `CREATE INDEX jobs_status_created_at ON jobs (status, created_at)`,

    // No foreign key to videos: a finished job keeps its results after its video is deleted.
    `CREATE TABLE job_items (
      job_id TEXT NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
      item_index INTEGER NOT NULL,
      video_id TEXT NOT NULL,
      prompt TEXT NOT NULL,
      PRIMARY KEY (job_id, item_index)
    ) STRICT`,
    `CREATE INDEX job_items_video_id ON job_items (video_id)`,

    // latency_ms is REAL: callers may measure it with performance.now().
    `CREATE TABLE model_runs (
      job_id TEXT NOT NULL,
      item_index INTEGER NOT NULL,
      model_id TEXT NOT NULL,
      status TEXT NOT NULL,
      attempts INTEGER NOT NULL,
      response TEXT,
      error TEXT,
      latency_ms REAL,
      input_tokens INTEGER,
      output_tokens INTEGER,
      thinking_tokens INTEGER,
      cost_usd REAL,
      served_by TEXT,
      finished_at TEXT,
      PRIMARY KEY (job_id, item_index, model_id),
      FOREIGN KEY (job_id, item_index) REFERENCES job_items (job_id, item_index) ON DELETE CASCADE
    ) STRICT`,
    // covers progressCounts (grouped by item, filtered on status) without reading the large answers
    `CREATE INDEX model_runs_job_item_status ON model_runs (job_id, item_index, status)`,

    `CREATE TABLE evaluations (
      job_id TEXT NOT NULL,
      item_index INTEGER NOT NULL,
      judge_model TEXT NOT NULL,
      status TEXT NOT NULL,
      scores_json TEXT NOT NULL,
      overall_summary TEXT,
      error TEXT,
      details_json TEXT NOT NULL,
      finished_at TEXT NOT NULL,
      PRIMARY KEY (job_id, item_index),
      FOREIGN KEY (job_id, item_index) REFERENCES job_items (job_id, item_index) ON DELETE CASCADE
    ) STRICT`,

    `CREATE TABLE provider_files (
      provider TEXT NOT NULL,
      sha256 TEXT NOT NULL,
      name TEXT NOT NULL,
      uri TEXT NOT NULL,
      mime_type TEXT NOT NULL,
      expires_at TEXT,
      created_at TEXT NOT NULL,
      PRIMARY KEY (provider, sha256)
    ) STRICT`,
  ],
  // getModelRuns lists runs in the order first saved, which SQLite gets from its rowid (kept by upserts)
  postgresOnly: [`ALTER TABLE model_runs ADD COLUMN rowid BIGINT GENERATED ALWAYS AS IDENTITY`],
};
