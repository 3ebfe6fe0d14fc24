import { blankModelRun, type CatalogueModel, type JobRecord, type ModelRun } from '../domain/index.js';
import { finishedBatchStates, type BatchRequest, type BatchStatus, type ProviderBatchApi } from '../providers/provider-batch.js';
import { isCancellation, ProviderError } from '../core/provider-error.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { ProviderBatchRecord } from '../store/store.js';
import { computeCostUsd } from './compute-cost.js';
import { phaseReporter } from './report-phase.js';
import { isShutdown } from './shutdown-reason.js';
import type { WorkContext } from './work-context.js';

export interface ProviderBatchExecutionDeps {
  ctx: WorkContext;
  /** the batch APIs available, one per provider family that has one */
  apis: ProviderBatchApi[];
  /** wait between two status polls of a submitted batch */
  pollIntervalMs: number;
  clock?: Pick<Clock, 'sleep'>;
}

/** The model answers of one job that go through provider batches instead of ordinary calls. */
export interface BatchedUnits {
  /** whether this model's answers come from a provider batch */
  handles(modelId: string): boolean;
  /** resolves once the answer of this model on this combination is stored; rejects on cancellation */
  settled(itemIndex: number, modelId: string): Promise<void>;
}

/** Starts the provider batches of a job in `"mode": "batch"`. */
export interface ProviderBatchExecution {
  /**
   * Submits (or, after a restart, re-attaches to) one batch per model for
   * the job's unfinished answers of models whose provider has a batch API.
   * Undefined when the job is not in batch mode or no such answer is left.
   */
  start(job: JobRecord, pending: { itemIndex: number; modelId: string }[], signal: AbortSignal): BatchedUnits | undefined;
}

interface ModelGroup {
  api: ProviderBatchApi;
  model: CatalogueModel;
  itemIndexes: number[];
}

/**
 * Gemini Batch mode and the like: a model's answers for every combination
 * of the job go out as one provider batch, submitted once and recorded in
 * the store (a restart re-attaches to it, no second batch is created), then
 * polled until it ends. Answers are stored per work unit at the batch price;
 * a batch that fails or expires stores the provider's reason as each unit's
 * error. Cancelling the job cancels the batch at the provider; shutting down
 * leaves it running for the next start.
 */
export function createProviderBatchExecution(deps: ProviderBatchExecutionDeps): ProviderBatchExecution {
  const { ctx } = deps;
  const clock = deps.clock ?? systemClock;

  function start(job: JobRecord, pending: { itemIndex: number; modelId: string }[], signal: AbortSignal): BatchedUnits | undefined {
    if (job.request.mode !== 'batch') return undefined;
    const groups = new Map<string, ModelGroup>();
    for (const unit of pending) {
      const model = ctx.catalogue.resolve(unit.modelId);
      const api = model && deps.apis.find((candidate) => candidate.family === model.provider);
      if (!model || !api) continue;
      const group = groups.get(unit.modelId) ?? { api, model, itemIndexes: [] };
      group.itemIndexes.push(unit.itemIndex);
      groups.set(unit.modelId, group);
    }
    if (groups.size === 0) return undefined;
    const runs = new Map<string, Promise<void>>();
    for (const [modelId, group] of groups) {
      const run = runModelBatches(job, modelId, group, signal);
      // every waiter receives the outcome through its own await
      run.catch(() => undefined);
      runs.set(modelId, run);
    }
    return {
      handles: (modelId) => runs.has(modelId),
      settled: (_itemIndex, modelId) => runs.get(modelId) ?? Promise.resolve(),
    };
  }

  async function runModelBatches(job: JobRecord, modelId: string, group: ModelGroup, signal: AbortSignal): Promise<void> {
    const { api, model } = group;
    const wanted = new Set(group.itemIndexes);
    const stored = (await ctx.store.getProviderBatches(job.id)).filter(
      (b) => b.model_id === modelId && b.provider === api.family && b.item_indexes.some((i) => wanted.has(i)),
    );
    const covered = new Set(stored.flatMap((b) => b.item_indexes));
    const fresh = group.itemIndexes.filter((i) => !covered.has(i));
    const batches = [...stored];
    if (stored.length) ctx.logger.info({ job_id: job.id, model_id: modelId, batches: stored.map((b) => b.batch_name) }, 'provider batch: re-attaching after restart');
    const unfinished = new Set<string>();
    try {
      if (fresh.length) batches.push(...(await submit(job, modelId, group, fresh, signal)));
      for (const batch of batches) unfinished.add(batch.batch_name);
      for (const itemIndex of group.itemIndexes) phaseReporter(ctx, job.id, itemIndex, modelId)('queued_at_provider_batch');
      await Promise.all(
        batches.map(async (batch) => {
          await follow(job, batch, model, api, wanted, signal);
          unfinished.delete(batch.batch_name);
        }),
      );
    } catch (error) {
      if (signal.aborted && !isShutdown(signal)) await cancelAtProvider(api, [...unfinished], job.id);
      throw error;
    }
  }

  /**
   * Submits these combinations (one batch, or several when one would pass the
   * provider's request size) and records each batch as soon as it exists.
   * Combinations that could not be submitted get their error stored instead.
   */
  async function submit(job: JobRecord, modelId: string, group: ModelGroup, itemIndexes: number[], signal: AbortSignal): Promise<ProviderBatchRecord[]> {
    const { api, model } = group;
    const requests: BatchRequest[] = [];
    const items = await ctx.store.getJobItems(job.id);
    const params = { ...job.request.params['*'], ...job.request.params[modelId] };
    for (const itemIndex of itemIndexes) {
      const item = items.find((i) => i.item_index === itemIndex);
      const video = item && (await ctx.videos.asset(item.video_id));
      if (!item || !video) {
        await store(job.id, itemIndex, modelId, { error: `Video ${item?.video_id ?? '?'} no longer exists` });
        continue;
      }
      phaseReporter(ctx, job.id, itemIndex, modelId)('preparing_video');
      requests.push({ key: String(itemIndex), prompt: item.prompt, video, params });
    }
    const records: ProviderBatchRecord[] = [];
    for (const chunk of bySize(requests, api.maxRequestBytes)) {
      let name: string;
      try {
        name = (
          await ctx.scheduler.run({ limiters: [], jobId: job.id, signal }, (attemptSignal) =>
            api.submit(model, chunk, { displayName: `vidcompare ${job.id} ${modelId}`, signal: attemptSignal }),
          )
        ).value;
      } catch (error) {
        if (isCancellation(error) || signal.aborted) throw error;
        const message = `${api.label} batch could not be created: ${(error as Error).message}`;
        ctx.logger.warn({ job_id: job.id, model_id: modelId, err: (error as Error).message }, 'provider batch could not be created');
        for (const request of chunk) await store(job.id, Number(request.key), modelId, { error: message });
        continue;
      }
      const record: ProviderBatchRecord = {
        job_id: job.id,
        batch_name: name,
        provider: api.family,
        model_id: modelId,
        item_indexes: chunk.map((r) => Number(r.key)),
        created_at: new Date(ctx.now()).toISOString(),
      };
      await ctx.retryWrite('remember a provider batch', () => ctx.store.saveProviderBatch(record));
      records.push(record);
    }
    return records;
  }

  /** Polls a batch until it ends, then stores the answers this run still waits for. */
  async function follow(job: JobRecord, batch: ProviderBatchRecord, model: CatalogueModel, api: ProviderBatchApi, wanted: Set<number>, signal: AbortSignal): Promise<void> {
    const keys = batch.item_indexes.map(String);
    const waiting = batch.item_indexes.filter((i) => wanted.has(i));
    for (;;) {
      let status: BatchStatus;
      try {
        status = (await ctx.scheduler.run({ limiters: [], jobId: job.id, signal }, (attemptSignal) => api.status(batch.batch_name, model, keys, attemptSignal))).value;
      } catch (error) {
        if (isCancellation(error) || signal.aborted) throw error;
        if (error instanceof ProviderError && error.isRetryable) {
          // the batch keeps running (and is billed) at the provider: an outage only delays reading it
          ctx.logger.warn({ job_id: job.id, batch: batch.batch_name, err: error.message }, 'provider batch could not be read for now; polling on');
          await clock.sleep(deps.pollIntervalMs, signal);
          continue;
        }
        const message = `${api.label} batch ${batch.batch_name} could not be read: ${(error as Error).message}`;
        ctx.logger.warn({ job_id: job.id, model_id: batch.model_id, batch: batch.batch_name, err: (error as Error).message }, 'provider batch could not be read');
        for (const itemIndex of waiting) await store(job.id, itemIndex, batch.model_id, { error: message });
        return;
      }
      if (finishedBatchStates.includes(status.state)) {
        ctx.logger.info({ job_id: job.id, model_id: batch.model_id, batch: batch.batch_name, state: status.state }, 'provider batch ended');
        for (const itemIndex of waiting) {
          const outcome = status.results.get(String(itemIndex));
          if (!outcome || outcome instanceof ProviderError) {
            await store(job.id, itemIndex, batch.model_id, { error: outcome?.message ?? `${api.label} batch ${batch.batch_name} returned nothing for this request` });
            continue;
          }
          const cost = computeCostUsd(model, outcome.usage);
          await store(job.id, itemIndex, batch.model_id, {
            status: 'succeeded',
            response: outcome.text,
            ...outcome.usage,
            cost_usd: cost === null ? null : cost * api.priceFactor,
            served_by: outcome.servedBy ?? (model.id !== batch.model_id ? model.id : null),
            billing: 'batch',
          });
        }
        return;
      }
      await clock.sleep(deps.pollIntervalMs, signal);
    }
  }

  /** Best effort: the job is already cancelled here; a batch left running is logged, not hidden. */
  async function cancelAtProvider(api: ProviderBatchApi, names: string[], jobId: string): Promise<void> {
    for (const name of names) {
      try {
        await api.cancel(name, AbortSignal.timeout(30_000));
      } catch (error) {
        ctx.logger.error({ job_id: jobId, batch: name, err: (error as Error).message }, `the ${api.label} batch could not be cancelled; it may still run and be billed`);
      }
    }
  }

  async function store(jobId: string, itemIndex: number, modelId: string, outcome: Partial<ModelRun>): Promise<void> {
    const run: ModelRun = {
      ...blankModelRun(jobId, itemIndex, modelId),
      attempts: 1,
      ...outcome,
      finished_at: new Date(ctx.now()).toISOString(),
    };
    await ctx.retryWrite('save a model answer', () => ctx.store.saveModelRun(run));
    ctx.events.emit('model_result', { job_id: jobId, item_index: itemIndex, model_id: modelId, status: run.status === 'succeeded' ? 'succeeded' : 'failed', error: run.error });
  }

  return { start };
}

/** the size a request adds to a batch, roughly: its text and params, plus room for the file reference and the JSON around them */
function requestBytes(request: BatchRequest): number {
  return Buffer.byteLength(request.prompt) + Buffer.byteLength(JSON.stringify(request.params)) + 1024;
}

/** Splits requests, in order, into batches that each stay under `maxBytes`. */
export function bySize(requests: BatchRequest[], maxBytes: number): BatchRequest[][] {
  const chunks: BatchRequest[][] = [];
  let current: BatchRequest[] = [];
  let size = 0;
  for (const request of requests) {
    const bytes = requestBytes(request);
    if (current.length > 0 && size + bytes > maxBytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
    current.push(request);
    size += bytes;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
