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

/**
 * What one work unit of a job is doing right now. Everything but
 * `calling_model` is a wait that is not a model answering, which a progress
 * count alone cannot show (a batch can sit at 33 % while a large video is measured).
 */
export type JobPhaseKind =
  /** waiting for a place at the model's rate limiter, behind other calls and jobs */
  | 'queued'
  /** ffmpeg measuring the video (cuts, silences, loudness): once per video, then cached */
  | 'measuring_video'
  /** making the video ready for the provider (uploading it to the Gemini Files API, sampling frames), outside the model's limiter */
  | 'preparing_video'
  /** the provider pushed back (429, 5xx): waiting to try again */
  | 'rate_limited'
  /** submitted in a provider batch (Gemini Batch mode), waiting for the provider to run it */
  | 'queued_at_provider_batch'
  /** the model is answering */
  | 'calling_model'
  /** the judge is reading the answers */
  | 'judging';

export interface JobPhaseEvent {
  job_id: string;
  item_index: number;
  /** the answering model; null for the judge */
  model_id: string | null;
  phase: JobPhaseKind;
  /** when this phase began (ISO 8601) */
  since: string;
}

/** The job lifecycle as events; SSE, the CLI and tests all subscribe to these. */
export interface JobEventMap {
  created: { job_id: string; job_type: string };
  status: JobProgressSnapshot;
  progress: JobProgressSnapshot;
  model_result: { job_id: string; item_index: number; model_id: string; status: 'succeeded' | 'failed' | 'skipped'; error: string | null };
  evaluation: { job_id: string; item_index: number; status: 'succeeded' | 'failed'; error: string | null };
  phase: JobPhaseEvent;
  retry: { job_id: string; item_index: number; model_id: string; attempt: number; delay_ms: number; error: string };
  deleted: { job_id: string };
}

export type JobEventName = keyof JobEventMap;
export type AnyJobEvent = { [K in JobEventName]: { type: K; data: JobEventMap[K] } }[JobEventName];
