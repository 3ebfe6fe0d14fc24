/**
 * The API shapes the CLI reads, taken from the server's own type definitions
 * (type-only imports: nothing from the server is loaded at run time).
 */
export type { BatchCompareResponse, CompareResponse, ModelResult, ScoredModel } from '../domain/api-shapes.js';
export type { VideoRecord } from '../domain/video.js';
export type { PromptTemplate } from '../domain/prompt-templates.js';
export type { JobView } from '../jobs/job-views.js';
export type { JobEventMap, JobProgressSnapshot } from '../jobs/job-events.js';
export type { Leaderboard, LeaderboardRow } from '../evaluation/leaderboard.js';

/** one entry of `GET /api/models` `details` */
export interface ModelDetail {
  id: string;
  name: string;
  provider: string;
  role: 'answer' | 'judge';
  can_judge: boolean;
  available: boolean;
  reason?: string | null;
  retired_to?: string | null;
  input_usd_per_mtok?: number | null;
  output_usd_per_mtok?: number | null;
}

export interface ModelsResponse {
  models: string[];
  details: ModelDetail[];
  default_judge: string | null;
}

export interface JobCreated {
  job_id: string;
  status: string;
  message: string;
}

export interface CompareJobBody {
  video_id: string;
  prompt: string;
  models?: string[];
  judge_model?: string;
}

export interface BatchJobBody {
  video_ids: string[];
  prompts: string[];
  models?: string[];
  judge_model?: string;
  combination_concurrency?: number;
}

export const finishedStatuses: readonly string[] = ['completed', 'failed', 'cancelled'];

export function isFinished(status: string): boolean {
  return finishedStatuses.includes(status);
}
