import { Kysely, SqliteDialect, sql } from 'kysely';
import type {
  ArenaAnswerRef,
  ArenaPair,
  ArenaWinner,
  Evaluation,
  JobItem,
  JobRecord,
  MediaFacts,
  ModelRun,
  VideoRecord,
} from '../domain/index.js';
import { silentLogger, type Logger } from '../logging/logger.js';
import type { DatabaseSchema } from './database-schema.js';
import {
  insertOrGetArenaPair,
  selectArenaAnswers,
  selectArenaPair,
  selectArenaPairs,
  selectJudgedItems,
  updateArenaVote,
} from './arena-queries.js';
import {
  countUnfinishedJobsUsingVideoQuery,
  deleteFinishedJobsBeforeQuery,
  insertNewJob,
  selectJobsPage,
  selectUnfinishedJobs,
} from './job-queries.js';
import { runMigrations } from './migrations.js';
import { countCachedAnswers, deleteVideoWithCachedAnswers, selectCachedAnswer, upsertCachedAnswer } from './response-cache-queries.js';
import { queryProgressCounts } from './progress-counts-query.js';
import {
  evaluationToRow,
  jobColumns,
  modelRunColumns,
  modelRunToRow,
  providerFileToRow,
  rowToEvaluation,
  rowToJob,
  rowToMediaFacts,
  rowToModelRun,
  rowToProviderFile,
  rowToVideo,
  videoColumns,
  videoToRow,
} from './row-mappers.js';
import type { SqlDialectName } from './sql-dialect.js';
import { openSqliteDatabase } from './sqlite-connection.js';
import type {
  ArenaPairQuery,
  CachedAnswer,
  ArenaVoteOutcome,
  ItemProgressCounts,
  JobListQuery,
  JobPatch,
  JudgedItem,
  NewJob,
  ProviderFileRecord,
  Store,
} from './store.js';
import { StoreError, toStoreError } from './store-error.js';

export interface SqliteStoreOptions {
  /** the database file (its folder is created when missing), or ':memory:' */
  dbPath: string;
  logger?: Logger;
}

/**
 * Opens the SQLite store and brings its schema up to date.
 *
 * Errors are {@link StoreError}s: `duplicate` when inserting an existing video
 * or job, `missing_reference` when saving a run/evaluation of an unknown
 * job item or facts of an unknown video, `not_found` when updating an unknown
 * job, `closed` after close().
 *
 * @example
 * const store = await openSqliteStore({ dbPath: join(dataDir, 'vidcompare.db'), logger });
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  const logger = options.logger ?? silentLogger();
  const database = openSqliteDatabase(options.dbPath);
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database }) });
  try {
    await runMigrations(db, { logger });
  } catch (error) {
    await db.destroy();
    // destroy() only closes a database Kysely has started using
    if (database.open) database.close();
    throw error;
  }
  logger.debug({ dbPath: options.dbPath }, 'opened SQLite store');
  return new KyselyStore(db, 'sqlite');
}

/**
 * The Store over Kysely, for every dialect the migrations support (SQLite
 * here; PostgreSQL in postgres-store.ts). The queries are dialect-neutral.
 */
export class KyselyStore implements Store {
  #db: Kysely<DatabaseSchema> | undefined;
  /** operations started and not yet settled, so close() can wait for them */
  readonly #inFlight = new Set<Promise<unknown>>();

  constructor(
    db: Kysely<DatabaseSchema>,
    private readonly dialect: SqlDialectName,
  ) {
    this.#db = db;
  }

  /** Runs one store operation, reporting every failure as a StoreError. */
  async #run<T>(operation: string, body: (db: Kysely<DatabaseSchema>) => Promise<T>): Promise<T> {
    const db = this.#db;
    if (!db) throw new StoreError('closed', `${operation}: the store is closed`);
    const pending = (async () => body(db))();
    this.#inFlight.add(pending);
    try {
      return await pending;
    } catch (error) {
      throw toStoreError(error, operation);
    } finally {
      this.#inFlight.delete(pending);
    }
  }

  // videos

  insertVideo(video: VideoRecord): Promise<void> {
    return this.#run(`insertVideo ${video.id}`, async (db) => {
      await db.insertInto('videos').values(videoToRow(video)).execute();
    });
  }

  getVideo(id: string): Promise<VideoRecord | undefined> {
    return this.#run(`getVideo ${id}`, async (db) => {
      const row = await db.selectFrom('videos').select(videoColumns).where('id', '=', id).executeTakeFirst();
      return row && rowToVideo(row);
    });
  }

  /** newest first */
  listVideos(): Promise<VideoRecord[]> {
    return this.#run('listVideos', async (db) => {
      const rows = await db
        .selectFrom('videos')
        .select(videoColumns)
        .orderBy('created_at', 'desc')
        .orderBy('seq', 'desc')
        .execute();
      return rows.map(rowToVideo);
    });
  }

  /** deletes the video, (by cascade) its media facts, and its cached answers; job items keep their video id */
  deleteVideo(id: string): Promise<boolean> {
    return this.#run(`deleteVideo ${id}`, (db) => deleteVideoWithCachedAnswers(db, id));
  }

  getMediaFacts(videoId: string): Promise<MediaFacts | undefined> {
    return this.#run(`getMediaFacts ${videoId}`, async (db) => {
      const row = await db
        .selectFrom('media_facts')
        .select('facts_json')
        .where('video_id', '=', videoId)
        .executeTakeFirst();
      return row && rowToMediaFacts(row.facts_json, videoId);
    });
  }

  /** insert or replace; the video must exist (`missing_reference` otherwise) */
  saveMediaFacts(videoId: string, facts: MediaFacts): Promise<void> {
    return this.#run(`saveMediaFacts ${videoId}`, async (db) => {
      const values = { version: facts.version, facts_json: JSON.stringify(facts) };
      await db
        .insertInto('media_facts')
        .values({ video_id: videoId, ...values })
        .onConflict((oc) => oc.column('video_id').doUpdateSet(values))
        .execute();
    });
  }

  // jobs

  createJob(newJob: NewJob): Promise<void> {
    return this.#run(`createJob ${newJob.job.id}`, (db) => insertNewJob(db, newJob));
  }

  getJob(id: string): Promise<JobRecord | undefined> {
    return this.#run(`getJob ${id}`, async (db) => {
      const row = await db.selectFrom('jobs').select(jobColumns).where('id', '=', id).executeTakeFirst();
      return row && rowToJob(row);
    });
  }

  listJobs(query: JobListQuery): Promise<JobRecord[]> {
    return this.#run('listJobs', async (db) => (await selectJobsPage(db, query).execute()).map(rowToJob));
  }

  /** fields left undefined are kept; `not_found` when the job does not exist */
  updateJob(id: string, patch: JobPatch): Promise<void> {
    return this.#run(`updateJob ${id}`, async (db) => {
      // picked field by field: a wider object passed as a patch must not reach the SQL
      const { status, started_at, completed_at, error } = patch;
      const set = Object.fromEntries(
        Object.entries({ status, started_at, completed_at, error }).filter(([, value]) => value !== undefined),
      );
      const result =
        Object.keys(set).length > 0
          ? await db.updateTable('jobs').set(set).where('id', '=', id).executeTakeFirst()
          : undefined;
      const found = result
        ? result.numUpdatedRows > 0n
        : (await db.selectFrom('jobs').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
      if (!found) throw new StoreError('not_found', `updateJob: no job ${id}`);
    });
  }

  deleteJob(id: string): Promise<boolean> {
    return this.#run(`deleteJob ${id}`, async (db) => {
      const result = await db.deleteFrom('jobs').where('id', '=', id).executeTakeFirst();
      return result.numDeletedRows > 0n;
    });
  }

  deleteFinishedJobsBefore(cutoffIso: string): Promise<number> {
    return this.#run('deleteFinishedJobsBefore', async (db) => {
      const result = await deleteFinishedJobsBeforeQuery(db, cutoffIso).executeTakeFirst();
      return Number(result.numDeletedRows);
    });
  }

  listUnfinishedJobs(): Promise<JobRecord[]> {
    return this.#run('listUnfinishedJobs', async (db) => (await selectUnfinishedJobs(db).execute()).map(rowToJob));
  }

  countUnfinishedJobsUsingVideo(videoId: string): Promise<number> {
    return this.#run(`countUnfinishedJobsUsingVideo ${videoId}`, async (db) => {
      const row = await countUnfinishedJobsUsingVideoQuery(db, videoId).executeTakeFirstOrThrow();
      return Number(row.count);
    });
  }

  // work units

  getJobItems(jobId: string, itemIndex?: number): Promise<JobItem[]> {
    return this.#run(`getJobItems ${jobId}`, (db) =>
      db
        .selectFrom('job_items')
        .select(['job_id', 'item_index', 'video_id', 'prompt'])
        .where('job_id', '=', jobId)
        .$if(itemIndex !== undefined, (q) => q.where('item_index', '=', itemIndex!))
        .orderBy('item_index')
        .execute(),
    );
  }

  /** by item, then in the order the runs were first saved */
  getModelRuns(jobId: string, itemIndex?: number): Promise<ModelRun[]> {
    return this.#run(`getModelRuns ${jobId}`, async (db) => {
      const rows = await db
        .selectFrom('model_runs')
        .select(modelRunColumns)
        .where('job_id', '=', jobId)
        .$if(itemIndex !== undefined, (q) => q.where('item_index', '=', itemIndex!))
        .orderBy('item_index')
        // PostgreSQL's migration adds a `rowid` identity column for this order
        .orderBy(sql`rowid`)
        .execute();
      return rows.map(rowToModelRun);
    });
  }

  saveModelRun(run: ModelRun): Promise<void> {
    return this.#run(`saveModelRun ${run.job_id}/${run.item_index}/${run.model_id}`, async (db) => {
      const { job_id, item_index, model_id, ...rest } = modelRunToRow(run);
      await db
        .insertInto('model_runs')
        .values({ job_id, item_index, model_id, ...rest })
        .onConflict((oc) => oc.columns(['job_id', 'item_index', 'model_id']).doUpdateSet(rest))
        .execute();
    });
  }

  getEvaluations(jobId: string): Promise<Evaluation[]> {
    return this.#run(`getEvaluations ${jobId}`, async (db) => {
      const rows = await db
        .selectFrom('evaluations')
        .selectAll()
        .where('job_id', '=', jobId)
        .orderBy('item_index')
        .execute();
      return rows.map(rowToEvaluation);
    });
  }

  saveEvaluation(evaluation: Evaluation): Promise<void> {
    return this.#run(`saveEvaluation ${evaluation.job_id}/${evaluation.item_index}`, async (db) => {
      const { job_id, item_index, ...rest } = evaluationToRow(evaluation);
      await db
        .insertInto('evaluations')
        .values({ job_id, item_index, ...rest })
        .onConflict((oc) => oc.columns(['job_id', 'item_index']).doUpdateSet(rest))
        .execute();
    });
  }

  progressCounts(jobIds: string[]): Promise<Map<string, ItemProgressCounts[]>> {
    return this.#run('progressCounts', (db) => queryProgressCounts(db, jobIds));
  }

  // provider files

  getProviderFile(provider: string, sha256: string): Promise<ProviderFileRecord | undefined> {
    return this.#run(`getProviderFile ${provider}`, async (db) => {
      const row = await db
        .selectFrom('provider_files')
        .selectAll()
        .where('provider', '=', provider)
        .where('sha256', '=', sha256)
        .executeTakeFirst();
      return row && rowToProviderFile(row);
    });
  }

  saveProviderFile(file: ProviderFileRecord): Promise<void> {
    return this.#run(`saveProviderFile ${file.provider}`, async (db) => {
      const { provider, sha256, ...rest } = providerFileToRow(file);
      await db
        .insertInto('provider_files')
        .values({ provider, sha256, ...rest })
        .onConflict((oc) => oc.columns(['provider', 'sha256']).doUpdateSet(rest))
        .execute();
    });
  }

  deleteProviderFile(provider: string, sha256: string): Promise<void> {
    return this.#run(`deleteProviderFile ${provider}`, async (db) => {
      await db.deleteFrom('provider_files').where('provider', '=', provider).where('sha256', '=', sha256).execute();
    });
  }

  // response cache

  getCachedAnswer(cacheKey: string): Promise<CachedAnswer | undefined> {
    return this.#run('getCachedAnswer', (db) => selectCachedAnswer(db, cacheKey));
  }

  saveCachedAnswer(answer: CachedAnswer): Promise<void> {
    return this.#run('saveCachedAnswer', (db) => upsertCachedAnswer(db, answer));
  }

  countCachedAnswers(videoSha256: string): Promise<number> {
    return this.#run('countCachedAnswers', (db) => countCachedAnswers(db, videoSha256));
  }

  // arena

  listArenaAnswers(filter: { job_id?: string; video_id?: string }): Promise<ArenaAnswerRef[]> {
    return this.#run('listArenaAnswers', (db) => selectArenaAnswers(db, filter));
  }

  getArenaPair(id: string): Promise<ArenaPair | undefined> {
    return this.#run(`getArenaPair ${id}`, (db) => selectArenaPair(db, id));
  }

  insertOrGetArenaPair(pair: ArenaPair): Promise<ArenaPair> {
    return this.#run(`insertOrGetArenaPair ${pair.id}`, (db) => insertOrGetArenaPair(db, pair));
  }

  recordArenaVote(id: string, winner: ArenaWinner, votedAt: string): Promise<ArenaVoteOutcome> {
    return this.#run(`recordArenaVote ${id}`, (db) => updateArenaVote(db, id, winner, votedAt));
  }

  listArenaPairs(query: ArenaPairQuery): Promise<ArenaPair[]> {
    return this.#run('listArenaPairs', (db) => selectArenaPairs(db, query));
  }

  listJudgedItems(filter: { job_id?: string }): Promise<JudgedItem[]> {
    return this.#run('listJudgedItems', (db) => selectJudgedItems(db, filter));
  }

  /**
   * Idempotent. Refuses new calls at once, lets the calls already started
   * finish (a transaction is never cut in half), then closes the file, which
   * checkpoints the WAL into it.
   */
  async close(): Promise<void> {
    const db = this.#db;
    if (!db) return;
    this.#db = undefined;
    await Promise.allSettled([...this.#inFlight]);
    try {
      // lets SQLite refresh the statistics its planner uses, as its docs advise before closing
      if (this.dialect === 'sqlite') await sql`PRAGMA optimize`.execute(db);
    } finally {
      await db.destroy();
    }
  }
}
