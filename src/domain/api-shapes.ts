import type { ModelScore } from './evaluation.js';

/** One model's entry in a CompareResponse (seed-compatible plus extras). */
export interface ModelResult {
  model_name: string;
  model_id: string;
  response: string | null;
  error: string | null;
  latency_ms: number | null;
  input_tokens: number | null;
  output_tokens: number | null;
  thinking_tokens: number | null;
  cost_usd: number | null;
  served_by: string | null;
  status: string;
}

export interface CompareResponse {
  video_id: string;
  prompt: string;
  results: ModelResult[];
  evaluation: ModelScore[] | null;
  overall_summary: string | null;
  judge_model: string | null;
  evaluation_error: string | null;
  totals: { cost_usd: number; input_tokens: number; output_tokens: number };
}

export interface BatchCompareResponse {
  comparisons: CompareResponse[];
  total_videos: number;
  total_prompts: number;
  total_combinations: number;
  leaderboard?: unknown;
}
