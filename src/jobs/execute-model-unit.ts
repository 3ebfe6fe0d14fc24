import { blankModelRun, budgetSkipReason, type ModelRun } from '../domain/index.js';
import { isCancellation } from '../core/provider-error.js';
import type { PreparedVideo } from '../providers/provider.js';
import { dailyBudgetSkipReason, estimateUnitCall } from './budget-gate.js';
import { computeCostUsd } from './compute-cost.js';
import { announcingMeasurement, phaseReporter } from './report-phase.js';
import { cacheKeyFor, findCachedAnswer, rememberAnswer, runFromCache } from './response-cache.js';
import type { WorkContext } from './work-context.js';

export interface ModelUnit {
  jobId: string;
  itemIndex: number;
  modelId: string;
}

/**
 * Runs one model on one combination through the scheduler and stores the
 * answer, or the error once retries are exhausted. Rethrows only cancellation.
 * The video is prepared for the provider first (upload, frames) and timed
 * apart: `latency_ms` is the model call alone, `prepare_ms` the preparation.
 */
export async function executeModelUnit(ctx: WorkContext, unit: ModelUnit, signal: AbortSignal): Promise<void> {
  const job = await ctx.store.getJob(unit.jobId);
  const [item] = await ctx.store.getJobItems(unit.jobId, unit.itemIndex);
  if (!job || !item) throw new Error(`work unit refers to a missing job or item: ${unit.jobId}/${unit.itemIndex}`);

  let base: ModelRun = blankModelRun(unit.jobId, unit.itemIndex, unit.modelId);
  const finish = async (run: ModelRun) => {
    const saved = { ...run, finished_at: new Date(ctx.now()).toISOString() };
    await ctx.retryWrite('save a model answer', () => ctx.store.saveModelRun(saved));
    ctx.events.emit('model_result', {
      job_id: unit.jobId,
      item_index: unit.itemIndex,
      model_id: unit.modelId,
      status: saved.status === 'succeeded' || saved.status === 'skipped' ? saved.status : 'failed',
      error: saved.error,
    });
  };

  const model = ctx.catalogue.resolve(unit.modelId);
  const provider = model && ctx.providers.providerFor(model);
  const stored = await ctx.videos.asset(item.video_id);
  const report = phaseReporter(ctx, unit.jobId, unit.itemIndex, unit.modelId);
  const video = stored && announcingMeasurement(stored, report);
  if (!model || !provider) return finish({ ...base, error: `Model ${unit.modelId} is not available in this build` });
  if (!video) return finish({ ...base, error: `Video ${item.video_id} no longer exists` });

  const params = { ...job.request.params['*'], ...job.request.params[unit.modelId] };
  // the same question about the same bytes to the same model: reuse the answer (`cache: false` asks afresh and refreshes it)
  const cacheKey = cacheKeyFor(provider, model, video.record.sha256, item.prompt, params);
  if (cacheKey && job.request.cache !== false) {
    const hit = await findCachedAnswer(ctx, cacheKey, unit);
    if (hit) return finish(runFromCache(base, hit, model.id !== unit.modelId ? model.id : null));
  }
  // a call is made: the estimate it is admitted on is kept with its answer, next to the actual usage
  const estimate = await estimateUnitCall(ctx.store, model, unit.modelId, { video: video.record, prompt: item.prompt, params });
  base = { ...base, estimated_input_tokens: estimate.input_tokens, estimated_output_tokens: estimate.output_tokens, estimated_cost_usd: estimate.cost_usd };
  if (ctx.budget) {
    const admission = await ctx.budget.admit(job, estimate.cost_usd, () => ctx.retryWrite('reserve a budgeted call', () => ctx.store.saveModelRun({ ...base, status: 'running' })));
    if (!admission.admitted) return finish({ ...base, status: 'skipped', error: admission.scope === 'daily' ? dailyBudgetSkipReason : budgetSkipReason });
  }
  let prepared: PreparedVideo | undefined;
  let prepareMs: number | null = null;
  if (provider.prepare) {
    // Outside the model's limiters and its timer: a slow upload must neither hold a
    // place another call could use nor count as the model's latency. Retried like a call.
    const prepareStartedAt = ctx.now();
    report('preparing_video');
    try {
      prepared = (await ctx.scheduler.run({ limiters: [], jobId: unit.jobId, signal }, (attemptSignal) => provider.prepare!(video, attemptSignal, { model, params }))).value;
      prepareMs = Math.round(ctx.now() - prepareStartedAt);
    } catch (error) {
      if (isCancellation(error) || signal.aborted) {
        await releaseReservation(ctx, base);
        throw error;
      }
      ctx.logger.warn({ job_id: unit.jobId, model_id: unit.modelId, stage: 'prepare', err: (error as Error).message }, 'model call failed');
      return finish({ ...base, attempts: 0, error: `Preparing the video failed: ${(error as Error).message}`, prepare_ms: Math.round(ctx.now() - prepareStartedAt) });
    }
  }
  let attemptStartedAt = ctx.now();
  report('queued');
  try {
    const { value, attempts } = await ctx.scheduler.run(
      {
        limiters: ctx.catalogue.limitersFor(model),
        jobId: unit.jobId,
        signal,
        onRetry: ({ attempt, error, delayMs }) => {
          report('rate_limited');
          const message = error instanceof Error ? error.message : String(error);
          ctx.logger.warn({ job_id: unit.jobId, model_id: unit.modelId, attempt, delay_ms: Math.round(delayMs), err: message }, 'provider call will be retried');
          ctx.events.emit('retry', { job_id: unit.jobId, item_index: unit.itemIndex, model_id: unit.modelId, attempt, delay_ms: Math.round(delayMs), error: message });
        },
      },
      (attemptSignal, _attempt, hooks) => {
        attemptStartedAt = ctx.now();
        report('calling_model');
        return provider.generate({ model, prompt: item.prompt, video, params, prepared, signal: attemptSignal, beforeRequest: hooks?.beforeRequest });
      },
    );
    const usage = value.usage;
    const answered: ModelRun = {
      ...base,
      status: 'succeeded',
      attempts,
      response: value.text,
      latency_ms: Math.round(ctx.now() - attemptStartedAt),
      prepare_ms: prepareMs,
      ...usage,
      cost_usd: computeCostUsd(model, usage),
      served_by: value.servedBy ?? (model.id !== unit.modelId ? model.id : null),
    };
    await finish(answered);
    // the entry keeps what the provider reported; routing a retired id is the asking job's own
    if (cacheKey) await rememberAnswer(ctx, { cacheKey, videoSha256: video.record.sha256, providerModel: model.provider_model }, { ...answered, served_by: value.servedBy ?? null });
  } catch (error) {
    if (isCancellation(error) || signal.aborted) {
      await releaseReservation(ctx, base);
      throw error;
    }
    const attempts = (error as { attempts?: number }).attempts ?? 1;
    ctx.logger.warn({ job_id: unit.jobId, model_id: unit.modelId, attempts, err: (error as Error).message }, 'model call failed');
    await finish({ ...base, attempts, error: (error as Error).message ?? String(error), latency_ms: Math.round(ctx.now() - attemptStartedAt), prepare_ms: prepareMs });
  }
}

/** A cancelled call no longer counts as money in flight: its reserved row goes back to pending. */
async function releaseReservation(ctx: WorkContext, base: ModelRun): Promise<void> {
  if (!ctx.budget) return;
  try {
    await ctx.store.saveModelRun({ ...base, status: 'pending' });
  } catch (error) {
    ctx.logger.warn({ job_id: base.job_id, model_id: base.model_id, err: (error as Error).message }, 'could not release a budget reservation');
  }
}
