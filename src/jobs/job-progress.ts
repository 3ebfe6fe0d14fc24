import type { JobRecord } from '../domain/index.js';
import type { ItemProgressCounts } from '../store/store.js';
import type { JobProgressSnapshot } from './job-events.js';

export interface ProgressInput {
  job: JobRecord;
  itemCount: number;
  counts: ItemProgressCounts[];
  nowMs: number;
}

/**
 * Progress derived from finished work units (model calls and judge calls),
 * never from a timer: it only moves when work is stored, so it is monotonic.
 */
export function computeProgress({ job, itemCount, counts, nowMs }: ProgressInput): JobProgressSnapshot {
  const modelCount = job.request.models.length;
  const judged = job.request.judge_model !== null;
  const unitsPerItem = modelCount + (judged ? 1 : 0);
  const unitsTotal = itemCount * unitsPerItem;
  const byItem = new Map(counts.map((c) => [c.item_index, c]));
  let unitsDone = 0;
  for (const c of counts) unitsDone += Math.min(c.models_finished, modelCount) + (judged && c.evaluation_finished ? 1 : 0);

  const base = { job_id: job.id, status: job.status, units_done: unitsDone, units_total: unitsTotal };
  const ratio = unitsTotal === 0 ? 1 : unitsDone / unitsTotal;

  switch (job.status) {
    case 'completed':
      return { ...base, progress: 100, eta_seconds: 0, progress_message: completedMessage(job, itemCount) };
    case 'pending':
      return { ...base, progress: 0, eta_seconds: null, progress_message: 'Waiting to start...' };
    case 'failed':
      return { ...base, progress: Math.floor(ratio * 100), eta_seconds: null, progress_message: `Failed: ${job.error ?? 'unknown error'}` };
    case 'cancelled':
      return {
        ...base,
        progress: Math.floor(ratio * 100),
        eta_seconds: null,
        progress_message: `Cancelled after ${unitsDone}/${unitsTotal} work units`,
      };
    case 'running': {
      const progress = Math.min(99, Math.floor(ratio * 100));
      return { ...base, progress, eta_seconds: eta(job, unitsDone, unitsTotal, nowMs), progress_message: runningMessage(job, itemCount, byItem, modelCount, judged) };
    }
  }
}

function completedMessage(job: JobRecord, itemCount: number): string {
  return job.job_type === 'batch_compare' ? `Batch completed: ${itemCount} comparisons` : 'Comparison completed';
}

function runningMessage(
  job: JobRecord,
  itemCount: number,
  byItem: Map<number, ItemProgressCounts>,
  modelCount: number,
  judged: boolean,
): string {
  for (let index = 0; index < itemCount; index++) {
    const c = byItem.get(index);
    const modelsDone = Math.min(c?.models_finished ?? 0, modelCount);
    const itemDone = modelsDone === modelCount && (!judged || c?.evaluation_finished === true);
    if (itemDone) continue;
    const modelPhase = modelsDone < modelCount;
    // in batch mode the unfinished answers are mostly Gemini's, waiting for Gemini to run the batch
    const queued = job.request.mode === 'batch' ? '; queued at Gemini (batch)' : '';
    if (job.job_type === 'batch_compare') {
      const prefix = `Combination ${index + 1}/${itemCount}`;
      return modelPhase ? `${prefix}: ${modelsDone}/${modelCount} models done${queued}` : `${prefix}: evaluating results...`;
    }
    return modelPhase ? `Running ${modelCount} models: ${modelsDone}/${modelCount} done${queued}` : 'Evaluating results...';
  }
  return 'Finishing...';
}

function eta(job: JobRecord, done: number, total: number, nowMs: number): number | null {
  if (!job.started_at || done === 0) return null;
  const elapsedMs = nowMs - Date.parse(job.started_at);
  if (!(elapsedMs > 0)) return null;
  return Math.round(((elapsedMs / done) * (total - done)) / 1000);
}
