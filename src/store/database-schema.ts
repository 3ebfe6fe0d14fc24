import type { Generated } from 'kysely';

/*
 * Row shapes as SQLite stores them. Enumerations (statuses, job types) are
 * plain strings here and checked when a row is mapped back to its domain type,
 * so a bad row is reported instead of silently typed.
 */

export interface VideosTable {
  /** insertion order; a tiebreaker for rows created in the same millisecond */
  seq: Generated<number>;
  id: string;
  filename: string;
  size: number;
  content_type: string;
  duration_s: number;
  width: number | null;
  height: number | null;
  fps: number | null;
  /** 0 or 1 */
  has_audio: number;
  video_codec: string | null;
  audio_codec: string | null;
  sha256: string;
  created_at: string;
}

export interface MediaFactsTable {
  video_id: string;
  /** copy of `MediaFacts.version`, so stale facts can be found without parsing JSON */
  version: number;
  facts_json: string;
}

export interface JobsTable {
  /** insertion order; a tiebreaker for jobs created in the same millisecond */
  seq: Generated<number>;
  id: string;
  job_type: string;
  status: string;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  request_json: string;
  error: string | null;
}

export interface JobItemsTable {
  job_id: string;
  item_index: number;
  video_id: string;
  prompt: string;
}

export interface ModelRunsTable {
  job_id: string;
  item_index: number;
  model_id: string;
  status: string;
  attempts: number;
  response: string | null;
  error: string | null;
  latency_ms: number | null;
  /** added by migration 2 */
  prepare_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  thinking_tokens: number | null;
  cost_usd: number | null;
  served_by: string | null;
  finished_at: string | null;
  /** added by migration 3: set on an answer reused from the response cache */
  cached_at: string | null;
}

export interface EvaluationsTable {
  job_id: string;
  item_index: number;
  judge_model: string;
  status: string;
  scores_json: string;
  overall_summary: string | null;
  error: string | null;
  details_json: string;
  finished_at: string;
}

export interface ProviderFilesTable {
  provider: string;
  sha256: string;
  name: string;
  uri: string;
  mime_type: string;
  expires_at: string | null;
  created_at: string;
}

/** Blind pairs of answers and their (single) vote; added by migration 2. */
export interface ArenaPairsTable {
  id: string;
  /** job, item and the two models in sorted order: one pair per two answers */
  pair_key: string;
  job_id: string;
  item_index: number;
  video_id: string;
  prompt: string;
  model_a: string;
  model_b: string;
  created_at: string;
  winner: string | null;
  voted_at: string | null;
}

/** Successful answers reused across jobs; added by migration 3. */
export interface ResponseCacheTable {
  cache_key: string;
  video_sha256: string;
  provider_model: string;
  response: string;
  latency_ms: number | null;
  prepare_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  thinking_tokens: number | null;
  cost_usd: number | null;
  served_by: string | null;
  created_at: string;
}

export interface MigrationsTable {
  version: number;
  name: string;
  applied_at: string;
}

/** The whole database, for `Kysely<DatabaseSchema>`. */
export interface DatabaseSchema {
  videos: VideosTable;
  media_facts: MediaFactsTable;
  jobs: JobsTable;
  job_items: JobItemsTable;
  model_runs: ModelRunsTable;
  evaluations: EvaluationsTable;
  provider_files: ProviderFilesTable;
  arena_pairs: ArenaPairsTable;
  response_cache: ResponseCacheTable;
  migrations: MigrationsTable;
}
