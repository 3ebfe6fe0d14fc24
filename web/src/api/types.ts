/**
 * The HTTP API's shapes as the UI reads them (see src/domain/api-shapes.ts and
 * src/jobs/job-views.ts on the server). Kept separate so the browser bundle
 * never pulls server code in.
 */

export interface VideoRecord {
  id: string;
  filename: string;
  size: number;
  content_type: string;
  duration_s: number;
  width: number | null;
  height: number | null;
  fps: number | null;
  has_audio: boolean;
  video_codec: string | null;
  audio_codec: string | null;
  sha256: string;
  created_at: string;
}

export interface ModelDetail {
  id: string;
  name: string;
  provider: string;
  role: 'answer' | 'judge';
  can_judge: boolean;
  available: boolean;
  /** why the model is unavailable, in words a user can act on */
  reason?: string;
  retired_to: string | null;
  input_usd_per_mtok: number | null;
  output_usd_per_mtok: number | null;
}

export interface ModelsResponse {
  models: string[];
  details: ModelDetail[];
  default_judge: string | null;
}

export interface PromptTemplate {
  id: string;
  name: string;
  category: string;
  prompt: string;
}

export type JobStatus = 'pending' | 'running' | 'completed' | 'failed' | 'cancelled';
export type JobType = 'single_compare' | 'batch_compare';

export const finishedStatuses: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export interface ModelResult {
  model_name: string;
  model_id: string;
  status: string;
  response: string | null;
  error: string | null;
  latency_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  thinking_tokens: number | null;
  cost_usd: number | null;
  served_by: string | null;
  attempts: number;
}

export interface ScoredModel {
  model_name: string;
  model_id: string;
  score: number;
  reasoning: string;
  strengths: string[];
  weaknesses: string[];
}

export interface CompareResponse {
  item_index: number;
  video_id: string;
  prompt: string;
  results: ModelResult[];
  evaluation: ScoredModel[] | null;
  overall_summary: string | null;
  judge_model: string | null;
  evaluation_error: string | null;
  totals: { cost_usd: number; input_tokens: number; output_tokens: number };
}

export interface LeaderboardRow {
  model_id: string;
  model_name: string;
  comparisons: number;
  mean_score: number | null;
  wins: number;
  mean_latency_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number | null;
  errors: number;
}

export interface Leaderboard {
  overall: LeaderboardRow[];
  by_category: Record<string, LeaderboardRow[]>;
}

export interface BatchCompareResponse {
  comparisons: CompareResponse[];
  total_videos: number;
  total_prompts: number;
  total_combinations: number;
  leaderboard?: Leaderboard;
}

export type JobResult = CompareResponse | BatchCompareResponse;

export function isBatchResult(result: JobResult): result is BatchCompareResponse {
  return 'comparisons' in result;
}

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
}

/** What `progress` and `status` events carry. */
export interface JobProgressSnapshot {
  job_id: string;
  status: JobStatus;
  progress: number;
  progress_message: string;
  eta_seconds: number | null;
  units_done: number;
  units_total: number;
}

/** The events of `GET /api/events`. */
export interface JobEventMap {
  created: { job_id: string; job_type: string };
  status: JobProgressSnapshot;
  progress: JobProgressSnapshot;
  model_result: { job_id: string; item_index: number; model_id: string; status: 'succeeded' | 'failed'; error: string | null };
  evaluation: { job_id: string; item_index: number; status: 'succeeded' | 'failed'; error: string | null };
  retry: { job_id: string; item_index: number; model_id: string; attempt: number; delay_ms: number; error: string };
  deleted: { job_id: string };
}

export type JobEventName = keyof JobEventMap;
export type AnyJobEvent = { [K in JobEventName]: { type: K; data: JobEventMap[K] } }[JobEventName];

export interface CompareBody {
  video_id: string;
  prompt: string;
  models: string[];
  judge_model: string;
}

export interface BatchCompareBody {
  video_ids: string[];
  prompts: string[];
  models: string[];
  judge_model: string;
}

export interface JobCreated {
  job_id: string;
  status: JobStatus;
  message: string;
}
