import type { ModelScore } from './evaluation.js';
import type { JobStatus, JobType } from './job.js';
import type { PanelFields } from './panel.js';

/*
 * The HTTP API's shapes. The server builds them, and the CLI and the web UI
 * import these same types (type-only, so no server code reaches a bundle).
 */

/** One model's entry in a CompareResponse (seed-compatible plus extras). */
export interface ModelResult {
  /** catalogue id (seed field: the seed named models by id) */
  model_name: string;
  /** catalogue id */
  model_id: string;
  /** the name people read, e.g. "Gemini 2.5 Pro" */
  display_name: string;
  status: string;
  response: string | null;
  error: string | null;
  /** the model call alone (its last attempt) */
  latency_ms: number | null;
  /** preparing the video for the provider (upload and processing, frame sampling), outside the call */
  prepare_ms?: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  thinking_tokens: number | null;
  cost_usd: number | null;
  served_by: string | null;
  attempts: number;
  /** reused from the response cache: no provider call was made; latency, tokens and cost are the original answer's (the server always sets it) */
  cached?: boolean;
  /** when the cached answer was originally made */
  cached_at?: string | null;
}

/** A judged answer as the API shows it: `model_name` and `model_id` are the catalogue id, `display_name` the name people read. */
export type ScoredModel = ModelScore & { model_id: string; display_name: string };

export interface CompareResponse extends PanelFields {
  item_index: number;
  video_id: string;
  prompt: string;
  results: ModelResult[];
  evaluation: ScoredModel[] | null;
  overall_summary: string | null;
  judge_model: string | null;
  evaluation_error: string | null;
  evaluation_details: Record<string, unknown> | null;
  totals: { cost_usd: number; input_tokens: number; output_tokens: number };
}

export interface BatchCompareResponse {
  comparisons: CompareResponse[];
  total_videos: number;
  total_prompts: number;
  total_combinations: number;
  /** the whole job's spend and tokens */
  totals: CompareResponse['totals'];
  leaderboard?: Leaderboard;
}

export type JobResult = CompareResponse | BatchCompareResponse;

/** A job as `GET /api/jobs/{id}` returns it (seed field names plus extras). */
export interface JobView {
  job_id: string;
  job_type: JobType;
  status: JobStatus;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  progress: number;
  progress_message: string;
  eta_seconds: number | null;
  units_done: number;
  units_total: number;
  request_data: Record<string, unknown>;
  result: JobResult | null;
  error: string | null;
  /** a re-judging job: the job whose answers it judged again */
  rejudge_of?: string;
}

/** One entry of `GET /api/models` `details`. */
export interface ModelDetail {
  id: string;
  name: string;
  provider: string;
  role: 'answer' | 'judge';
  can_judge: boolean;
  available: boolean;
  /** why the model is unavailable, in words a user can act on; on a usable model, that its provider's list is stale */
  reason?: string;
  retired_to: string | null;
  /** USD per 1M tokens of a call; for a retired id, the price of the model that answers for it */
  input_usd_per_mtok: number | null;
  output_usd_per_mtok: number | null;
  /** false when no price is on file (a model found by discovery): its cost shows as null */
  price_known?: boolean;
  /** found in the provider's own model list, not in the built-in table or models file */
  discovered?: boolean;
  /** the model's end of life as its provider announced it (shutdown date, successor), once per model */
  notice?: string;
}

export interface ModelsResponse {
  /** ids of the models that answer prompts */
  models: string[];
  details: ModelDetail[];
  default_judge: string | null;
  /** what a request without `models` runs (the UI preselects these) */
  default_models: string[];
}

/** One model's figures over a set of comparisons. */
export interface LeaderboardRow {
  model_id: string;
  /** catalogue id, as in ModelResult */
  model_name: string;
  display_name: string;
  /** comparisons the model took part in */
  comparisons: number;
  /** mean of the precise judge scores (score_exact) over the comparisons that were judged; null when none was */
  mean_score: number | null;
  /** judged comparisons where the model alone had the top score */
  wins: number;
  /** judged comparisons where the model shared the top score with another */
  ties: number;
  /** mean latency of the answers that have one; null when none has */
  mean_latency_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  /** summed; null when no answer has a known cost */
  cost_usd: number | null;
  /** answers that ended in an error */
  errors: number;
  /** 95 % bootstrap interval of mean_score over the judged items */
  mean_score_ci_low?: number | null;
  mean_score_ci_high?: number | null;
}

/** Paired bootstrap of the score difference between the first two models over the items both were judged on. */
export interface TopTwoComparison {
  models: [string, string];
  paired_items: number;
  mean_difference: number;
  ci_low: number;
  ci_high: number;
  /** two-sided */
  p_value: number;
  /** p < 0.05: the first is ahead beyond the noise of these items */
  significant: boolean;
}

export interface Leaderboard {
  overall: LeaderboardRow[];
  /** by prompt category (see classifyPrompt) */
  by_category: Record<string, LeaderboardRow[]>;
  /** whether the first row is significantly ahead of the second */
  top_two?: TopTwoComparison | null;
}

