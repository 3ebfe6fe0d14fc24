import type { Dispatcher, WorkUnit } from './dispatcher.js';
import { executeJudgeUnit } from './execute-judge-unit.js';
import { executeModelUnit } from './execute-model-unit.js';
import type { WorkContext } from './work-context.js';
import type { WorkerCounters } from './worker-registry.js';

/** Runs one work unit in this process, whichever kind it is. */
export function executeUnit(ctx: WorkContext, unit: WorkUnit, signal: AbortSignal): Promise<void> {
  return unit.kind === 'model' ? executeModelUnit(ctx, unit, signal) : executeJudgeUnit(ctx, unit, signal);
}

/** Executes work units in this process. Provider calls are async, so units run truly in parallel. */
export function createInProcessDispatcher(ctx: WorkContext, counters?: WorkerCounters): Dispatcher {
  return {
    dispatch(unit: WorkUnit, signal: AbortSignal): Promise<void> {
      return counters ? counters.track(() => executeUnit(ctx, unit, signal)) : executeUnit(ctx, unit, signal);
    },
  };
}
