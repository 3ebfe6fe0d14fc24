import { sql, type Kysely } from 'kysely';
import { finishedJobStatuses, type JobStatus } from '../domain/index.js';
import type { DatabaseSchema } from './database-schema.js';
import { jobColumns, jobToRow, modelRunToRow } from './row-mappers.js';
import { runInTransaction } from './run-in-transaction.js';
import type { JobListQuery, NewJob } from './store.js';
import { StoreError } from './store-error.js';

export const unfinishedJobStatuses: readonly JobStatus[] = ['pending', 'running'];

/**
 * One page of jobs, newest first. Ordered by (created_at, seq) so that the
 * jobs_created_at / jobs_status_created_at indexes (which end in seq, the
 * rowid) deliver the rows in order: no sort, no full scan.
 * Exported on its own so tests can check its query plan.
 *
 * @throws StoreError `invalid_input` for a limit < 1 or a negative offset
 */
export function selectJobsPage(db: Kysely<DatabaseSchema>, query: JobListQuery) {
  const offset = query.offset ?? 0;
  if (!Number.isInteger(query.limit) || query.limit < 1) {
    throw new StoreError('invalid_input', `listJobs: limit must be a positive integer, got ${query.limit}`);
  }
  if (!Number.isInteger(offset) || offset < 0) {
    throw new StoreError('invalid_input', `listJobs: offset must be a non-negative integer, got ${offset}`);
  }
  let select = db.selectFrom('jobs').select(jobColumns);
  if (query.status !== undefined) select = select.where('status', '=', query.status);
  return select.orderBy('created_at', 'desc').orderBy('seq', 'desc').limit(query.limit).offset(offset);
}

/** Pending and running jobs, oldest first, through the status index. */
export function selectUnfinishedJobs(db: Kysely<DatabaseSchema>) {
  return db
    .selectFrom('jobs')
    .select(jobColumns)
    .where('status', 'in', unfinishedJobStatuses)
    .orderBy('created_at', 'asc')
    .orderBy('seq', 'asc');
}

/**
 * Finished jobs completed before the cutoff. A finished job without
 * completed_at (should not happen, but old rows may) falls back to created_at
 * so it can still be cleaned up.
 */
export function deleteFinishedJobsBeforeQuery(db: Kysely<DatabaseSchema>, cutoffIso: string) {
  return db
    .deleteFrom('jobs')
    .where('status', 'in', finishedJobStatuses)
    .where(sql<string>`coalesce(completed_at, created_at)`, '<', cutoffIso);
}

/** Distinct unfinished jobs with an item on this video (job_items_video_id index, then jobs by id). */
export function countUnfinishedJobsUsingVideoQuery(db: Kysely<DatabaseSchema>, videoId: string) {
  return db
    .selectFrom('job_items')
    .innerJoin('jobs', 'jobs.id', 'job_items.job_id')
    .select((eb) => eb.fn.count<number>('job_items.job_id').distinct().as('count'))
    .where('job_items.video_id', '=', videoId)
    .where('jobs.status', 'in', unfinishedJobStatuses);
}

// 4 parameters per item: 200 rows stay far below SQLite's bound-parameter limit.
const itemsPerInsert = 200;

/**
 * Inserts a job with its items and any given runs (a re-judging job's copied
 * answers) in one transaction.
 * @throws StoreError `invalid_input` when an item or run belongs to another job
 */
export async function insertNewJob(db: Kysely<DatabaseSchema>, { job, items, runs = [] }: NewJob): Promise<void> {
  const stranger = [...items, ...runs].find((entry) => entry.job_id !== job.id);
  if (stranger) {
    throw new StoreError('invalid_input', `item ${stranger.item_index} belongs to job ${stranger.job_id}`);
  }
  await runInTransaction(db, async (trx) => {
    await trx.insertInto('jobs').values(jobToRow(job)).execute();
    for (let i = 0; i < items.length; i += itemsPerInsert) {
      const rows = items.slice(i, i + itemsPerInsert).map(({ job_id, item_index, video_id, prompt }) => ({ job_id, item_index, video_id, prompt }));
      await trx.insertInto('job_items').values(rows).execute();
    }
    for (const run of runs) await trx.insertInto('model_runs').values(modelRunToRow(run)).execute();
  });
}
