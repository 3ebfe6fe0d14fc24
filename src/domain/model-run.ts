export type ModelRunStatus = 'pending' | 'running' | 'succeeded' | 'failed' | 'skipped';
/** A run in one of these is done: resuming a job does not repeat it, progress counts it. */
export const finishedRunStatuses: readonly ModelRunStatus[] = ['succeeded', 'failed', 'skipped'];
/** The error text of an answer not started because a budget was reached. */
export const budgetSkipReason = 'skipped: budget reached';

export interface TokenUsage {
  input_tokens: number | null;
  output_tokens: number | null;
  thinking_tokens: number | null;
}

/** One model's answer to one combination (item × model). */
export interface ModelRun extends TokenUsage {
  job_id: string;
  item_index: number;
  model_id: string;
  status: ModelRunStatus;
  attempts: number;
  response: string | null;
  error: string | null;
  /** time of the model call alone (the last attempt), without preparing the video */
  latency_ms: number | null;
  /** time spent preparing the video for this provider (upload and processing, frame sampling), outside the call; absent in older rows */
  prepare_ms?: number | null;
  cost_usd: number | null;
  /** the model that actually answered when it differs (a retired id routed to its successor) */
  served_by: string | null;
  finished_at: string | null;
  /** the estimate the call was admitted on (budgets); absent in older rows */
  estimated_input_tokens?: number | null;
  estimated_output_tokens?: number | null;
  estimated_cost_usd?: number | null;
  /** set when the answer was reused from the response cache (no provider call): when the original answer was made; absent in older rows */
  cached_at?: string | null;
  /** "batch": answered through a provider's batch API and billed at its discount; absent or null for an ordinary call */
  billing?: 'batch' | null;
}

/** A run of `model_id` with nothing in it yet: failed, no answer, no usage; callers fill in what happened. */
export function blankModelRun(job_id: string, item_index: number, model_id: string): ModelRun {
  return {
    job_id,
    item_index,
    model_id,
    status: 'failed',
    attempts: 0,
    response: null,
    error: null,
    latency_ms: null,
    input_tokens: null,
    output_tokens: null,
    thinking_tokens: null,
    cost_usd: null,
    served_by: null,
    finished_at: null,
  };
}
