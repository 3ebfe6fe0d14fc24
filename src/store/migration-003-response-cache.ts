import type { Migration } from './migrations.js';

/*
 * The response cache: one successful answer per key (a hash of the video's
 * bytes, the provider model called, the prompt, the params and the adapter
 * version), reused by later jobs instead of calling the provider again.
 * Keyed by the video's sha256, not its id: no foreign key, so the store
 * deletes a video's entries itself when the last video with those bytes goes.
 * And model_runs.cached_at, set on an answer reused from the cache.
 */
export const responseCacheSchema: Migration = {
  version: 3,
  name: 'response cache; model_runs.cached_at',
  statements: [
    `CREATE TABLE response_cache (
      cache_key TEXT PRIMARY KEY,
      video_sha256 TEXT NOT NULL,
      provider_model TEXT NOT NULL,
      response TEXT NOT NULL,
      latency_ms REAL,
      prepare_ms REAL,
      input_tokens INTEGER,
      output_tokens INTEGER,
      thinking_tokens INTEGER,
      cost_usd REAL,
      served_by TEXT,
      created_at TEXT NOT NULL
    ) STRICT`,
    `CREATE INDEX response_cache_video_sha256 ON response_cache (video_sha256)`,
    `ALTER TABLE model_runs ADD COLUMN cached_at TEXT`,
  ],
};
