import type { JobItem, JobRecord } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import { isCancellation } from '../core/provider-error.js';
import type { Store } from '../store/store.js';
import type { Dispatcher } from './dispatcher.js';

export interface JobRunnerDeps {
  store: Store;
  dispatcher: Dispatcher;
  logger: Logger;
  /** called after every stored work unit and status change */
  onProgress(jobId: string): Promise<void>;
}

/** How a run ended, for the service to turn into a status. */
export type RunOutcome = { kind: 'finished' } | { kind: 'aborted' } | { kind: 'failed'; error: Error };

/**
 * Runs a job's remaining work: combinations one after another (or a few at a
 * time), the models of a combination in parallel, then the judge. Units
 * already stored are skipped, which is what makes resuming after a restart
 * repeat no finished call.
 */
export async function runJobWork(deps: JobRunnerDeps, job: JobRecord, signal: AbortSignal): Promise<RunOutcome> {
  try {
    const items = await deps.store.getJobItems(job.id);
    const runs = await deps.store.getModelRuns(job.id);
    const evaluations = await deps.store.getEvaluations(job.id);
    const finishedRuns = new Set(
      runs.filter((r) => r.status === 'succeeded' || r.status === 'failed').map((r) => `${r.item_index}:${r.model_id}`),
    );
    const evaluated = new Set(evaluations.map((e) => e.item_index));

    const runItem = async (item: JobItem) => {
      const pending = job.request.models.filter((m) => !finishedRuns.has(`${item.item_index}:${m}`));
      await settleAll(
        pending.map(async (modelId) => {
          await deps.dispatcher.dispatch({ kind: 'model', jobId: job.id, itemIndex: item.item_index, modelId }, signal);
          await deps.onProgress(job.id);
        }),
      );
      if (job.request.judge_model && !evaluated.has(item.item_index)) {
        throwIfAborted(signal);
        await deps.dispatcher.dispatch({ kind: 'judge', jobId: job.id, itemIndex: item.item_index }, signal);
        await deps.onProgress(job.id);
      }
    };

    await runWithConcurrency(items, Math.max(1, job.request.combination_concurrency), runItem, signal);
    return signal.aborted ? { kind: 'aborted' } : { kind: 'finished' };
  } catch (error) {
    if (signal.aborted || isCancellation(error)) return { kind: 'aborted' };
    deps.logger.error({ job_id: job.id, err: error }, 'job failed');
    return { kind: 'failed', error: error instanceof Error ? error : new Error(String(error)) };
  }
}

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new Error('aborted');
}

/** Like Promise.all, but waits for every promise before rethrowing the first failure, so no work is left dangling. */
async function settleAll(promises: Promise<void>[]): Promise<void> {
  const results = await Promise.allSettled(promises);
  const failure = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failure) throw failure.reason;
}

async function runWithConcurrency<T>(
  items: T[],
  concurrency: number,
  worker: (item: T) => Promise<void>,
  signal: AbortSignal,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      throwIfAborted(signal);
      const item = items[next++]!;
      await worker(item);
    }
  });
  await settleAll(lanes);
}
