/** The smallest piece of work a job is made of. */
export type WorkUnit =
  | { kind: 'model'; jobId: string; itemIndex: number; modelId: string }
  | { kind: 'judge'; jobId: string; itemIndex: number };

/**
 * Hands work units to whoever executes them. In-process by default; a queue
 * (e.g. BullMQ) on other machines later. Resolves when the unit's outcome has
 * been stored (success or recorded failure); rejects only on cancellation or
 * an infrastructure fault.
 */
export interface Dispatcher {
  dispatch(unit: WorkUnit, signal: AbortSignal): Promise<void>;
}
