import type { JobStatus } from './job.js';

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

/** The job lifecycle as events; SSE, the CLI and tests all subscribe to these. */
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
