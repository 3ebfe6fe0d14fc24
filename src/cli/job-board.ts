import type { BatchCompareResponse, CompareResponse, JobEventMap, JobView } from './api-types.js';
import { isFinished } from './api-types.js';

type Outcome = 'succeeded' | 'failed' | 'skipped';

/** What the CLI knows about one job it follows, from views and events. */
export interface TrackedJob {
  id: string;
  type: string | undefined;
  status: string;
  progress: number;
  message: string;
  etaSeconds: number | null;
  unitsDone: number;
  unitsTotal: number;
  /** the answer models, in request order */
  models: string[];
  judge: string | null;
  /** combinations (videos × prompts) */
  items: number;
  /** model id → item index → outcome (a set, so events and results seen twice count once) */
  runs: Map<string, Map<number, Outcome>>;
  /** model id → last error */
  runErrors: Map<string, string>;
  evaluations: Map<number, Outcome>;
  retries: number;
  error: string | null;
  createdAt: string | undefined;
  startedAt: string | null;
  completedAt: string | null;
  deleted: boolean;
}

export type BoardEvent = { [K in keyof JobEventMap]: { event: K; data: JobEventMap[K] } }[keyof JobEventMap] | { event: 'snapshot'; data: JobView };

function emptyJob(id: string): TrackedJob {
  return {
    id,
    type: undefined,
    status: 'pending',
    progress: 0,
    message: '',
    etaSeconds: null,
    unitsDone: 0,
    unitsTotal: 0,
    models: [],
    judge: null,
    items: 1,
    runs: new Map(),
    runErrors: new Map(),
    evaluations: new Map(),
    retries: 0,
    error: null,
    createdAt: undefined,
    startedAt: null,
    completedAt: null,
    deleted: false,
  };
}

function countOf(value: unknown): number {
  return Array.isArray(value) ? value.length : 0;
}

/** The state of every job being followed; fed by job views and SSE events. */
export class JobBoard {
  readonly jobs = new Map<string, TrackedJob>();

  get(id: string): TrackedJob | undefined {
    return this.jobs.get(id);
  }

  track(id: string): TrackedJob {
    let job = this.jobs.get(id);
    if (!job) {
      job = emptyJob(id);
      this.jobs.set(id, job);
    }
    return job;
  }

  /** Takes everything a job view says (a list entry, a snapshot or a full GET). */
  applyView(view: JobView): TrackedJob {
    const job = this.track(view.job_id);
    job.type = view.job_type;
    job.status = view.status;
    job.progress = view.progress;
    job.message = view.progress_message;
    job.etaSeconds = view.eta_seconds;
    job.unitsDone = view.units_done;
    job.unitsTotal = view.units_total;
    job.error = view.error;
    job.createdAt = view.created_at;
    job.startedAt = view.started_at;
    job.completedAt = view.completed_at;
    const request = view.request_data ?? {};
    if (Array.isArray(request.models)) job.models = request.models.map(String);
    job.judge = typeof request.judge_model === 'string' ? request.judge_model : null;
    job.items = view.job_type === 'batch_compare' ? Math.max(1, countOf(request.video_ids) * countOf(request.prompts)) : 1;
    if (view.result) this.applyResult(view.job_id, view.result);
    return job;
  }

  /** Marks the model answers and evaluations a (partial) result already holds. */
  applyResult(id: string, result: CompareResponse | BatchCompareResponse): void {
    const job = this.track(id);
    const comparisons = 'comparisons' in result ? result.comparisons : [result];
    for (const comparison of comparisons) {
      for (const run of comparison.results) {
        if (run.status === 'succeeded' || run.status === 'failed' || run.status === 'skipped') this.markRun(job, run.model_id, comparison.item_index, run.status, run.error);
      }
      if (comparison.evaluation) job.evaluations.set(comparison.item_index, 'succeeded');
      else if (comparison.evaluation_error) job.evaluations.set(comparison.item_index, 'failed');
    }
  }

  /** Applies one SSE event; returns the job it changed (undefined for jobs not tracked, unless `trackNew`). */
  applyEvent(message: BoardEvent, options: { trackNew?: boolean } = {}): TrackedJob | undefined {
    if (message.event === 'snapshot') return this.applyView(message.data);
    const id = message.data.job_id;
    if (!this.jobs.has(id) && !(options.trackNew && message.event === 'created')) return undefined;
    const job = this.track(id);
    switch (message.event) {
      case 'created':
        job.type = message.data.job_type;
        break;
      case 'progress':
      case 'status':
        // progress never goes backwards, even if events overtake each other
        if (!isFinished(job.status) || isFinished(message.data.status)) job.status = message.data.status;
        job.progress = Math.max(job.progress, message.data.progress);
        job.message = message.data.progress_message;
        job.etaSeconds = message.data.eta_seconds;
        job.unitsDone = Math.max(job.unitsDone, message.data.units_done);
        job.unitsTotal = message.data.units_total;
        break;
      case 'model_result':
        this.markRun(job, message.data.model_id, message.data.item_index, message.data.status, message.data.error);
        break;
      case 'evaluation':
        job.evaluations.set(message.data.item_index, message.data.status);
        break;
      case 'retry':
        job.retries += 1;
        break;
      case 'deleted':
        job.deleted = true;
        break;
    }
    return job;
  }

  /** true when every tracked job (or every one of `ids`) has finished or been deleted */
  allFinished(ids: Iterable<string> = this.jobs.keys()): boolean {
    for (const id of ids) {
      const job = this.jobs.get(id);
      if (!job || !(job.deleted || isFinished(job.status))) return false;
    }
    return true;
  }

  private markRun(job: TrackedJob, modelId: string, item: number, status: Outcome, error: string | null): void {
    let runs = job.runs.get(modelId);
    if (!runs) {
      runs = new Map();
      job.runs.set(modelId, runs);
    }
    runs.set(item, status);
    if (!job.models.includes(modelId)) job.models.push(modelId);
    if (error) job.runErrors.set(modelId, error);
  }
}

/** how many of a model's answers ended each way */
export function runCounts(job: TrackedJob, modelId: string): { succeeded: number; failed: number; skipped: number } {
  let succeeded = 0;
  let failed = 0;
  let skipped = 0;
  for (const outcome of job.runs.get(modelId)?.values() ?? []) {
    if (outcome === 'succeeded') succeeded += 1;
    else if (outcome === 'skipped') skipped += 1;
    else failed += 1;
  }
  return { succeeded, failed, skipped };
}
