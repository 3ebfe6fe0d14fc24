import { blankModelRun, type JobItem, type JobRecord, type JobRequest, type ModelRun } from '../domain/index.js';
import type { NewJob } from '../store/store.js';

/** Who judges again, as the rejudge request names them (already validated). */
export interface JudgeChoice {
  /** one judge; with a panel, its first judge */
  judge_model: string;
  /** a panel of two or more judges */
  judge_models?: string[];
  /** default: as the source job */
  judge_runs?: JobRequest['judge_runs'];
}

/**
 * A new job judging a finished job's answers again: the same combinations,
 * the source's request with the new judges, and a copy of every answer
 * stored with it, so running it makes judge calls only. Copied answers are
 * marked `cached_at` (when they were made), as answers from the response
 * cache are. A combination the
 * source never answered (it was cancelled first) is stored as a failed answer
 * that says so, rather than asked now.
 */
export function planRejudge(
  source: { job: JobRecord; items: JobItem[]; runs: ModelRun[] },
  choice: JudgeChoice,
  target: { id: string; createdAt: string },
): NewJob {
  const { judge_models: _formerPanel, ...request } = source.job.request;
  const panel = choice.judge_models && choice.judge_models.length > 1 ? choice.judge_models : undefined;
  const job: JobRecord = {
    id: target.id,
    job_type: source.job.job_type,
    status: 'pending',
    created_at: target.createdAt,
    started_at: null,
    completed_at: null,
    request: {
      ...request,
      judge_model: choice.judge_model,
      ...(panel ? { judge_models: panel } : {}),
      judge_runs: choice.judge_runs ?? source.job.request.judge_runs,
      rejudge_of: source.job.id,
    },
    error: null,
  };
  const items = source.items.map((item) => ({ ...item, job_id: target.id }));
  const runs: ModelRun[] = [];
  for (const item of source.items) {
    for (const modelId of source.job.request.models) {
      const answer = source.runs.find((r) => r.item_index === item.item_index && r.model_id === modelId);
      if (answer?.status === 'succeeded') {
        // reused, not asked: marked like a cache hit, so its cost is not counted as spent again
        runs.push({ ...answer, job_id: target.id, cached_at: answer.cached_at ?? answer.finished_at });
      } else if (answer?.status === 'failed') {
        runs.push({ ...answer, job_id: target.id });
      } else {
        runs.push(unanswered(target.id, item.item_index, modelId, source.job));
      }
    }
  }
  return { job, items, runs };
}

function unanswered(jobId: string, itemIndex: number, modelId: string, source: JobRecord): ModelRun {
  return {
    ...blankModelRun(jobId, itemIndex, modelId),
    error: `No answer in job ${source.id} (it ended ${source.status} before this model answered)`,
    prepare_ms: null,
    finished_at: source.completed_at,
    cached_at: null,
  };
}
