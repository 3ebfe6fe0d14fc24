import type { ModelsCatalogue } from '../config/models-catalogue.js';
import { apiTimestamp } from '../domain/api-timestamp.js';
import { withIntegerScore } from '../domain/index.js';
import type {
  BatchCompareResponse,
  CompareResponse,
  Evaluation,
  JobItem,
  JobRecord,
  JobView,
  ModelRun,
} from '../domain/index.js';

export type { JobView };
import { buildLeaderboard } from '../evaluation/leaderboard.js';
import { panelView } from '../evaluation/panel/panel-view.js';
import { addLeaderboardStatistics } from '../ratings/leaderboard-statistics.js';
import type { ItemProgressCounts } from '../store/store.js';
import { computeProgress } from './job-progress.js';

/** `request_data` as the seed returned it: single jobs speak of one video and one prompt. */
export function requestData(job: JobRecord): Record<string, unknown> {
  const { video_ids, prompts, ...rest } = job.request;
  return job.job_type === 'single_compare'
    ? { video_id: video_ids[0], prompt: prompts[0], ...rest }
    : { video_ids, prompts, ...rest };
}

export function buildJobView(
  job: JobRecord,
  itemCount: number,
  counts: ItemProgressCounts[],
  nowMs: number,
  result: JobView['result'],
): JobView {
  const progress = computeProgress({ job, itemCount, counts, nowMs });
  return {
    job_id: job.id,
    job_type: job.job_type,
    status: job.status,
    created_at: apiTimestamp(job.created_at),
    started_at: apiTimestamp(job.started_at),
    completed_at: apiTimestamp(job.completed_at),
    progress: progress.progress,
    progress_message: progress.progress_message,
    eta_seconds: progress.eta_seconds,
    units_done: progress.units_done,
    units_total: progress.units_total,
    request_data: requestData(job),
    result,
    error: job.error,
    ...(job.request.rejudge_of ? { rejudge_of: job.request.rejudge_of } : {}),
  };
}

/** One CompareResponse per combination, from whatever has been stored so far. */
export function buildComparisons(
  catalogue: ModelsCatalogue,
  job: JobRecord,
  items: JobItem[],
  runs: ModelRun[],
  evaluations: Evaluation[],
): CompareResponse[] {
  const nameOf = (id: string) => catalogue.get(id)?.name ?? id;
  return items.map((item) => {
    const itemRuns = runs.filter((r) => r.item_index === item.item_index);
    const results = job.request.models.map((modelId) => {
      const run = itemRuns.find((r) => r.model_id === modelId);
      return {
        model_name: modelId,
        model_id: modelId,
        display_name: nameOf(modelId),
        status: run?.status ?? 'pending',
        response: run?.response ?? null,
        error: run?.error ?? null,
        latency_ms: run?.latency_ms ?? null,
        prepare_ms: run?.prepare_ms ?? null,
        input_tokens: run?.input_tokens ?? null,
        output_tokens: run?.output_tokens ?? null,
        thinking_tokens: run?.thinking_tokens ?? null,
        cost_usd: run?.cost_usd ?? null,
        served_by: run?.served_by ?? null,
        attempts: run?.attempts ?? 0,
        cached: Boolean(run?.cached_at),
        cached_at: apiTimestamp(run?.cached_at ?? null),
      };
    });
    const evaluation = evaluations.find((e) => e.item_index === item.item_index);
    const scored = evaluation?.status === 'succeeded';
    const sum = (pick: (r: (typeof results)[number]) => number | null) => results.reduce((total, r) => total + (pick(r) ?? 0), 0);
    return {
      item_index: item.item_index,
      video_id: item.video_id,
      prompt: item.prompt,
      results,
      evaluation: scored
        ? evaluation.scores.map((s) => ({ ...withIntegerScore(s), model_id: s.model_name, display_name: nameOf(s.model_name) }))
        : null,
      overall_summary: scored ? evaluation.overall_summary : null,
      judge_model: job.request.judge_model,
      evaluation_error: evaluation?.status === 'failed' ? evaluation.error : null,
      evaluation_details: evaluation?.details ?? null,
      ...panelView(catalogue, job.request, evaluation),
      totals: {
        cost_usd: sum((r) => r.cost_usd),
        input_tokens: sum((r) => r.input_tokens),
        output_tokens: sum((r) => r.output_tokens),
      },
    };
  });
}

export function buildResult(job: JobRecord, comparisons: CompareResponse[]): CompareResponse | BatchCompareResponse {
  if (job.job_type === 'single_compare') return comparisons[0]!;
  return {
    comparisons,
    total_videos: job.request.video_ids.length,
    total_prompts: job.request.prompts.length,
    total_combinations: comparisons.length,
    totals: {
      cost_usd: comparisons.reduce((sum, c) => sum + c.totals.cost_usd, 0),
      input_tokens: comparisons.reduce((sum, c) => sum + c.totals.input_tokens, 0),
      output_tokens: comparisons.reduce((sum, c) => sum + c.totals.output_tokens, 0),
    },
    leaderboard: addLeaderboardStatistics(buildLeaderboard(comparisons), comparisons),
  };
}
