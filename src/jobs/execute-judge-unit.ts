import type { Evaluation } from '../domain/index.js';
import type { Judge } from '../evaluation/judge.js';
import { createLlmJudge } from '../evaluation/llm-judge.js';
import { createLocalJudge } from '../evaluation/local-judge.js';
import { createJudgePanel } from '../evaluation/panel/judge-panel.js';
import { judgesOf } from '../evaluation/panel/panel-view.js';
import { isCancellation } from '../core/provider-error.js';
import { announcingMeasurement, phaseReporter } from './report-phase.js';
import type { WorkContext } from './work-context.js';

export interface JudgeUnit {
  jobId: string;
  itemIndex: number;
}

/** Builds the judge for a catalogue id: the local judge, or any LLM that can judge. */
export function createJudge(ctx: WorkContext, judgeModelId: string): Judge {
  if (judgeModelId === 'local-judge') return createLocalJudge();
  const model = ctx.catalogue.resolve(judgeModelId);
  const provider = model && ctx.providers.providerFor(model);
  if (!model || !provider) throw new Error(`Judge model ${judgeModelId} is not available in this build`);
  return createLlmJudge({ model, provider, scheduler: ctx.scheduler, limiters: ctx.catalogue.limitersFor(model) });
}

/**
 * Judges one combination's stored answers and stores the verdict, or the
 * judge's error (the comparison still completes with its answers).
 */
export async function executeJudgeUnit(ctx: WorkContext, unit: JudgeUnit, signal: AbortSignal): Promise<void> {
  const job = await ctx.store.getJob(unit.jobId);
  const [item] = await ctx.store.getJobItems(unit.jobId, unit.itemIndex);
  if (!job || !item) throw new Error(`work unit refers to a missing job or item: ${unit.jobId}/${unit.itemIndex}`);
  const judges = judgesOf(job.request);
  if (judges.length === 0) return;
  const judgeModel = judges.join('+');

  const runs = await ctx.store.getModelRuns(unit.jobId, unit.itemIndex);
  const answers = job.request.models.map((modelId) => {
    const run = runs.find((r) => r.model_id === modelId);
    return {
      model_id: modelId,
      model_name: ctx.catalogue.get(modelId)?.name ?? modelId,
      text: run?.response ?? null,
      error: run?.error ?? (run ? null : 'no answer'),
    };
  });

  const base: Omit<Evaluation, 'status' | 'finished_at'> = {
    job_id: unit.jobId,
    item_index: unit.itemIndex,
    judge_model: judgeModel,
    scores: [],
    overall_summary: null,
    error: null,
    details: {},
  };
  let evaluation: Evaluation;
  try {
    const stored = await ctx.videos.asset(item.video_id);
    if (!stored) throw new Error(`Video ${item.video_id} no longer exists`);
    const report = phaseReporter(ctx, unit.jobId, unit.itemIndex, null);
    report('judging');
    const video = announcingMeasurement(stored, report);
    const judge = judges.length > 1 ? createJudgePanel(judges.map((id) => createJudge(ctx, id))) : createJudge(ctx, judges[0]);
    const verdict = await judge.evaluate({
      jobId: unit.jobId,
      prompt: item.prompt,
      video,
      answers,
      context: job.request.judge_context,
      runs: job.request.judge_runs,
      signal,
    });
    evaluation = {
      ...base,
      status: 'succeeded',
      scores: verdict.scores,
      overall_summary: verdict.overall_summary,
      details: { ...verdict.details, ...(verdict.usage ? { usage: verdict.usage } : {}) },
      finished_at: new Date(ctx.now()).toISOString(),
    };
  } catch (error) {
    if (isCancellation(error) || signal.aborted) throw error;
    ctx.logger.warn({ job_id: unit.jobId, item_index: unit.itemIndex, judge: judgeModel, err: (error as Error).message }, 'evaluation failed');
    evaluation = { ...base, status: 'failed', error: `Evaluation failed: ${(error as Error).message}`, finished_at: new Date(ctx.now()).toISOString() };
  }
  await ctx.retryWrite('save an evaluation', () => ctx.store.saveEvaluation(evaluation));
  ctx.events.emit('evaluation', { job_id: unit.jobId, item_index: unit.itemIndex, status: evaluation.status, error: evaluation.error });
}
