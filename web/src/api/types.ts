/**
 * The HTTP API's shapes as the UI reads them: the server's own definitions in
 * src/domain, imported type-only so no server code reaches the bundle.
 */
export type {
  AnyJobEvent,
  BatchCompareResponse,
  CompareResponse,
  JobEventMap,
  JobEventName,
  JobProgressSnapshot,
  JobRequestEstimate,
  JobResult,
  JobStatus,
  JobType,
  JobView,
  Leaderboard,
  LeaderboardRow,
  ModelDetail,
  ModelResult,
  ModelsResponse,
  PromptTemplate,
  ScoredModel,
  VideoRecord,
} from '../../../src/domain/index.js';
import type { BatchCompareResponse, JobResult, JobStatus } from '../../../src/domain/index.js';

export const finishedStatuses: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export function isBatchResult(result: JobResult): result is BatchCompareResponse {
  return 'comparisons' in result;
}

export interface CompareBody {
  video_id: string;
  prompt: string;
  models: string[];
  judge_model: string;
  max_cost_usd?: number;
}

export interface BatchCompareBody {
  video_ids: string[];
  prompts: string[];
  models: string[];
  judge_model: string;
  max_cost_usd?: number;
}

export interface JobCreated {
  job_id: string;
  status: JobStatus;
  message: string;
}
