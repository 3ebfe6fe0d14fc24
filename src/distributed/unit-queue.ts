import type { WorkUnit } from '../jobs/dispatcher.js';

/** The one BullMQ queue every work unit goes through. */
export const unitQueueName = 'vidcompare-units';

/**
 * The unit's identity as a BullMQ job id, so a unit is never enqueued twice
 * (BullMQ ignores an add whose id exists). BullMQ refuses ':' in ids, and
 * model ids may hold one (e.g. `llava:7b`), so parts are URI-encoded.
 */
export function unitJobId(unit: WorkUnit): string {
  const parts = unit.kind === 'model' ? ['model', unit.jobId, unit.itemIndex, unit.modelId] : ['judge', unit.jobId, unit.itemIndex];
  return parts.map((part) => encodeURIComponent(String(part))).join('.');
}

/** How long finished units stay in Redis: re-dispatching a recently finished unit returns at once. */
export const keepFinishedUnits = { age: 24 * 3600, count: 50_000 };
