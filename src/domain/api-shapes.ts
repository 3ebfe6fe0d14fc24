import type { ModelScore } from './evaluation.js';

/** One model's entry in a CompareResponse (seed-compatible plus extras). */
export interface ModelResult {
  /** display name (seed field) */
  model_name: string;
  /** catalogue id */
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

/** A judged answer as the API shows it: `model_name` is the display name, `model_id` the catalogue id. */
export type ScoredModel = ModelScore & { model_id: string };

export interface CompareResponse {
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
  leaderboard?: unknown;
}
