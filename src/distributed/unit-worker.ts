import { Worker, type Job } from 'bullmq';
import { finishedJobStatuses } from '../domain/index.js';
import type { WorkUnit } from '../jobs/dispatcher.js';
import { executeUnit } from '../jobs/in-process-dispatcher.js';
import type { JobCancellation } from '../jobs/job-cancellation.js';
import type { WorkContext } from '../jobs/work-context.js';
import type { WorkerCounters } from '../jobs/worker-registry.js';
import { CancelledError } from '../core/provider-error.js';
import { connectRedis } from './redis-connection.js';
import { unitQueueName } from './unit-queue.js';

export interface UnitWorkerOptions {
  redisUrl: string;
  prefix: string;
  /** units this process runs at once (provider calls are async, so this can be high) */
  concurrency: number;
  /** a unit whose worker stops renewing its lock this long is given to another worker */
  lockDurationMs: number;
  context: WorkContext;
  cancellation: JobCancellation;
  counters: WorkerCounters;
}

export type UnitOutcome = 'done' | 'already_done' | 'job_finished';

/** How long a cancellation is remembered, for units that were picked up just before it arrived. */
const rememberCancelledMs = 10 * 60_000;

/** True when the store already holds this unit's outcome: a finished unit never runs twice. */
async function alreadyStored(ctx: WorkContext, unit: WorkUnit): Promise<boolean> {
  if (unit.kind === 'model') {
    const runs = await ctx.store.getModelRuns(unit.jobId, unit.itemIndex);
    return runs.some((run) => run.model_id === unit.modelId && (run.status === 'succeeded' || run.status === 'failed'));
  }
  const evaluations = await ctx.store.getEvaluations(unit.jobId);
  return evaluations.some((evaluation) => evaluation.item_index === unit.itemIndex);
}

/**
 * Executes work units from the BullMQ queue. Before calling a provider it
 * checks the store: a unit of a cancelled, deleted or finished job is
 * skipped, and a unit whose outcome is already stored (its previous worker
 * died after storing it) is not run again. A cancellation heard on the
 * JobCancellation channel aborts the job's in-flight calls here at once.
 * When this process dies, BullMQ's stalled-job check hands its units to
 * another worker once their locks expire.
 */
export async function startUnitWorker(options: UnitWorkerOptions): Promise<{ close(): Promise<void> }> {
  const ctx = options.context;
  const running = new Map<string, Set<AbortController>>();
  const cancelledAt = new Map<string, number>();

  const stopListening = options.cancellation.subscribe((jobId) => {
    cancelledAt.set(jobId, Date.now());
    for (const [id, at] of cancelledAt) if (Date.now() - at > rememberCancelledMs) cancelledAt.delete(id);
    for (const controller of running.get(jobId) ?? []) controller.abort(new CancelledError('cancelled by user'));
  });

  const runUnit = async (job: Job<WorkUnit>): Promise<UnitOutcome> => {
    const unit = job.data;
    const record = await ctx.store.getJob(unit.jobId);
    if (!record || finishedJobStatuses.includes(record.status) || cancelledAt.has(unit.jobId)) return 'job_finished';
    if (await alreadyStored(ctx, unit)) return 'already_done';

    const controller = new AbortController();
    const controllers = running.get(unit.jobId) ?? new Set<AbortController>();
    controllers.add(controller);
    running.set(unit.jobId, controllers);
    try {
      // the cancellation may have arrived between the status check and the registration above
      if (cancelledAt.has(unit.jobId)) return 'job_finished';
      await options.counters.track(() => executeUnit(ctx, unit, controller.signal));
      return 'done';
    } finally {
      controllers.delete(controller);
      if (controllers.size === 0) running.delete(unit.jobId);
    }
  };

  const worker = new Worker<WorkUnit, UnitOutcome>(unitQueueName, runUnit, {
    connection: connectRedis(options.redisUrl, 'worker', ctx.logger),
    prefix: options.prefix,
    concurrency: options.concurrency,
    lockDuration: options.lockDurationMs,
    stalledInterval: Math.max(500, Math.round(options.lockDurationMs / 2)),
    // a unit survives several dying workers before it is reported failed
    maxStalledCount: 5,
  });
  worker.on('failed', (job, error) =>
    ctx.logger.warn({ unit: job?.id, err: error.message }, 'work unit ended without a stored outcome'),
  );
  worker.on('error', (error) => ctx.logger.error({ err: error.message }, 'worker error'));
  await worker.waitUntilReady();

  return {
    /** stops taking units and waits for those in flight (each has its provider timeout), so none is left half done */
    async close() {
      await worker.close();
      stopListening();
    },
  };
}
