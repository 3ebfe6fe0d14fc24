import type { CatalogueModel, JobRecord, VideoRecord } from '../domain/index.js';
import type { Logger } from '../logging/logger.js';
import type { Store } from '../store/store.js';
import { DEFAULT_OUTPUT_TOKENS, estimateAnswerCall, type CallEstimate } from './budget-estimate.js';

/** Answers averaged for a model's expected output length. */
export const OUTPUT_AVERAGE_SAMPLE = 20;
/** Error text of an answer skipped by the account-wide daily budget (the job's own budget uses budgetSkipReason). */
export const dailyBudgetSkipReason = 'skipped: budget reached (daily budget)';

export type Admission =
  | { admitted: true }
  | { admitted: false; scope: 'job' | 'daily'; limit_usd: number; spent_usd: number; in_flight_usd: number };

export interface BudgetGate {
  /**
   * Decides whether a call estimated at `estimateUsd` may start: not when the
   * spend so far (actual costs, from the store) plus the estimates of calls
   * in flight, this one included, would pass the job's `max_cost_usd` or the
   * daily budget. `reserve` must store the call as running with its estimate
   * (an unknown price counts as free); it runs first, so the call counts as in
   * flight for every later decision, here and in other processes. A refused
   * call's reservation is the caller's to replace (with the skipped answer).
   */
  admit(job: JobRecord, estimateUsd: number | null, reserve: () => Promise<void>): Promise<Admission>;
}

/** The UTC midnight that starts the day of `nowMs`, as ISO. */
export function utcMidnight(nowMs: number): string {
  const day = new Date(nowMs);
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate())).toISOString();
}

/**
 * The budget check at the point where a unit is about to call its provider.
 * Spend is read from the store, so API nodes and workers sharing a database
 * see each other's answers and reservations. Decisions are serialised within
 * this process; across processes, two calls deciding at the same instant may
 * both be refused where one would have fitted, but never both start past the budget.
 */
export function createBudgetGate(deps: { store: Store; dailyLimitUsd?: number; now: () => number; logger: Logger }): BudgetGate {
  let queue: Promise<unknown> = Promise.resolve();

  // Reserve first, then look: the reservation (a running row holding this call's estimate) is in the
  // in-flight sum every process reads, so two processes deciding at once can both refuse, never both overspend.
  async function decide(job: JobRecord, reserve: () => Promise<void>): Promise<Admission> {
    await reserve();
    const jobLimit = job.request.max_cost_usd;
    if (jobLimit !== undefined) {
      const spend = await deps.store.spendSummary({ jobId: job.id });
      if (spend.spent_usd + spend.in_flight_usd > jobLimit) return { admitted: false, scope: 'job', limit_usd: jobLimit, ...spend };
    }
    if (deps.dailyLimitUsd !== undefined) {
      const spend = await deps.store.spendSummary({ finishedSince: utcMidnight(deps.now()) });
      if (spend.spent_usd + spend.in_flight_usd > deps.dailyLimitUsd) return { admitted: false, scope: 'daily', limit_usd: deps.dailyLimitUsd, ...spend };
    }
    return { admitted: true };
  }

  return {
    admit(job, estimateUsd, reserve) {
      if (job.request.max_cost_usd === undefined && deps.dailyLimitUsd === undefined) return Promise.resolve({ admitted: true });
      const decision = queue.then(() => decide(job, reserve));
      queue = decision.catch(() => undefined);
      return decision.then((admission) => {
        if (!admission.admitted) deps.logger.info({ job_id: job.id, estimate_usd: estimateUsd, ...admission }, 'budget reached: call not started');
        return admission;
      });
    },
  };
}

/** The estimate of one answer call, with the model's recent average output from the store. */
export async function estimateUnitCall(
  store: Store,
  model: CatalogueModel,
  modelId: string,
  input: { video: VideoRecord; prompt: string; params: Record<string, unknown> },
): Promise<CallEstimate> {
  const average = (await store.recentOutputTokens([modelId], OUTPUT_AVERAGE_SAMPLE)).get(modelId);
  return estimateAnswerCall(model, { ...input, outputTokens: average !== undefined ? Math.round(average) : DEFAULT_OUTPUT_TOKENS });
}
