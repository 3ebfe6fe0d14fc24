import type { Kysely } from 'kysely';
import { finishedRunStatuses } from '../domain/model-run.js';
import type { DatabaseSchema } from './database-schema.js';
import type { ItemProgressCounts } from './store.js';

// Well under SQLite's bound-parameter limit, however many jobs the caller asks about.
const chunkSize = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += chunkSize) out.push(values.slice(i, i + chunkSize));
  return out;
}

/** Finished (succeeded or failed) runs per item; answered from the model_runs_job_item_status index alone. */
export function selectFinishedRunCounts(db: Kysely<DatabaseSchema>, jobIds: readonly string[]) {
  return db
    .selectFrom('model_runs')
    .select((eb) => ['job_id', 'item_index', eb.fn.countAll<number>().as('finished')])
    .where('job_id', 'in', jobIds)
    .where('status', 'in', [...finishedRunStatuses])
    .groupBy(['job_id', 'item_index']);
}

/** Items that have an evaluation (any status), through the evaluations primary key. */
export function selectEvaluatedItems(db: Kysely<DatabaseSchema>, jobIds: readonly string[]) {
  return db.selectFrom('evaluations').select(['job_id', 'item_index']).where('job_id', 'in', jobIds);
}

/**
 * Finished model runs (succeeded or failed) and existing evaluations per
 * item: two queries per chunk of job ids, never reading the answers themselves.
 * Every requested job gets an entry (an empty list when nothing is finished).
 */
export async function queryProgressCounts(
  db: Kysely<DatabaseSchema>,
  jobIds: readonly string[],
): Promise<Map<string, ItemProgressCounts[]>> {
  const perJob = new Map<string, Map<number, ItemProgressCounts>>();
  const unique = [...new Set(jobIds)];
  for (const jobId of unique) perJob.set(jobId, new Map());

  const entry = (jobId: string, itemIndex: number): ItemProgressCounts => {
    const items = perJob.get(jobId)!;
    let counts = items.get(itemIndex);
    if (!counts) {
      counts = { item_index: itemIndex, models_finished: 0, evaluation_finished: false };
      items.set(itemIndex, counts);
    }
    return counts;
  };

  for (const ids of chunks(unique)) {
    const runs = await selectFinishedRunCounts(db, ids).execute();
    for (const row of runs) entry(row.job_id, row.item_index).models_finished = Number(row.finished);

    const evaluations = await selectEvaluatedItems(db, ids).execute();
    for (const row of evaluations) entry(row.job_id, row.item_index).evaluation_finished = true;
  }

  const result = new Map<string, ItemProgressCounts[]>();
  for (const [jobId, items] of perJob) {
    result.set(jobId, [...items.values()].sort((a, b) => a.item_index - b.item_index));
  }
  return result;
}
