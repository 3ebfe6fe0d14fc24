/**
 * The API shapes the CLI reads, taken from the server's own type definitions
 * (type-only imports: nothing from the server is loaded at run time).
 */
export type {
  BatchCompareResponse,
  CompareResponse,
  JobEventMap,
  JobProgressSnapshot,
  JobView,
  Leaderboard,
  LeaderboardRow,
  ModelDetail,
  ModelResult,
  ModelsResponse,
  PromptTemplate,
  ScoredModel,
  VideoRecord,
} from '../domain/index.js';

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
  max_cost_usd?: number;
}

export interface BatchJobBody {
  video_ids: string[];
  prompts: string[];
  models?: string[];
  judge_model?: string;
  combination_concurrency?: number;
  max_cost_usd?: number;
  /** "batch": the Gemini calls go through the Gemini Batch API at half price */
  mode?: 'interactive' | 'batch';
}

export const finishedStatuses: readonly string[] = ['completed', 'failed', 'cancelled'];

export function isFinished(status: string): boolean {
  return finishedStatuses.includes(status);
}
