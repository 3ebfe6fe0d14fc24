export type ModelRunStatus = 'pending' | 'running' | 'succeeded' | 'failed';

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
  /** set when the answer was reused from the response cache (no provider call): when the original answer was made; absent in older rows */
  cached_at?: string | null;
}
