export const jobStatuses = ['pending', 'running', 'completed', 'failed', 'cancelled'] as const;
export type JobStatus = (typeof jobStatuses)[number];
export const finishedJobStatuses: readonly JobStatus[] = ['completed', 'failed', 'cancelled'];

export type JobType = 'single_compare' | 'batch_compare';

/** What the user asked for, as stored with the job (the API's `request_data`). */
export interface JobRequest {
  video_ids: string[];
  prompts: string[];
  models: string[];
  /** catalogue id, or null when judging is skipped ("none") */
  judge_model: string | null;
  /** a panel of judges (judge_model is then the first); absent or one entry for a single judge */
  judge_models?: string[];
  /** per-model options, keyed by model id; '*' applies to all */
  params: Record<string, Record<string, unknown>>;
  /** combinations of a batch processed at the same time (default 1) */
  combination_concurrency: number;
  /** evaluation options (see evaluation/) */
  judge_context: 'facts' | 'video' | 'text';
  judge_runs: 1 | 2;
  /** false: every answer is asked afresh (and the response cache refreshed); absent or true: cached answers are reused */
  cache?: boolean;
  /** set on a re-judging job: the job whose answers it judges again (it makes no model call) */
  rejudge_of?: string;
}

export interface JobRecord {
  id: string;
  job_type: JobType;
  status: JobStatus;
  created_at: string;
  started_at: string | null;
  completed_at: string | null;
  request: JobRequest;
  error: string | null;
}

/** One video × prompt combination of a job. */
export interface JobItem {
  job_id: string;
  item_index: number;
  video_id: string;
  prompt: string;
}

/** The largest page of `GET /api/jobs`: bigger listings page with `offset` (one page must not stall the event loop). */
export const maxJobsPage = 200;
