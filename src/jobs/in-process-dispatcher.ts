import type { Dispatcher, WorkUnit } from './dispatcher.js';
import { executeJudgeUnit } from './execute-judge-unit.js';
import { executeModelUnit } from './execute-model-unit.js';
import type { WorkContext } from './work-context.js';

/** Executes work units in this process. Provider calls are async, so units run truly in parallel. */
export function createInProcessDispatcher(ctx: WorkContext): Dispatcher {
  return {
    dispatch(unit: WorkUnit, signal: AbortSignal): Promise<void> {
      return unit.kind === 'model' ? executeModelUnit(ctx, unit, signal) : executeJudgeUnit(ctx, unit, signal);
    },
  };
}
