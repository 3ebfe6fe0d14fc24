import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Compilable } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { JobStatus } from '../domain/index.js';
import { at, makeJob, makeRun } from './__fixtures__/store-test-data.js';
import type { DatabaseSchema } from './database-schema.js';
import { countUnfinishedJobsUsingVideoQuery, selectJobsPage, selectUnfinishedJobs } from './job-queries.js';
import { selectEvaluatedItems, selectFinishedRunCounts } from './progress-counts-query.js';
import { openSqliteStore, type Store } from './index.js';

const jobCount = 10_000;
const statuses: JobStatus[] = ['completed', 'completed', 'completed', 'failed', 'cancelled', 'running', 'pending'];
const statusOf = (i: number): JobStatus => statuses[i % statuses.length];

let dir: string;
let dbPath: string;
let store: Store;

/** Opens a second connection on the same file, only to compile queries and ask SQLite for their plans. */
function withPlanner<T>(body: (db: Kysely<DatabaseSchema>, explain: (query: Compilable) => string[]) => T): T {
  const raw = new Database(dbPath, { readonly: true });
  const db = new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: raw }) });
  const explain = (query: Compilable): string[] => {
    const { sql, parameters } = query.compile();
    const rows = raw.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...(parameters as unknown[])) as { detail: string }[];
    return rows.map((row) => row.detail);
  };
  try {
    return body(db, explain);
  } finally {
    raw.close();
  }
}

/** The plan reads jobs through an index and never sorts: neither a bare table scan nor a temp b-tree. */
function expectIndexedWithoutSort(plan: string[]): void {
  expect(plan.some((step) => /USING (COVERING )?INDEX jobs_/.test(step)), plan.join(' | ')).toBe(true);
  expect(plan.filter((step) => /TEMP B-TREE/.test(step)), plan.join(' | ')).toStrictEqual([]);
  expect(plan.filter((step) => /^SCAN jobs$/.test(step)), plan.join(' | ')).toStrictEqual([]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidcompare-store-scale-'));
  dbPath = join(dir, 'vidcompare.db');
  store = await openSqliteStore({ dbPath });
  // Every 100 jobs share a creation minute, so ties are exercised at scale too.
  for (let i = 0; i < jobCount; i++) {
    await store.createJob(makeJob(`job-${i}`, { status: statusOf(i), createdMinute: Math.floor(i / 100), videoId: `v${i % 50}` }));
  }
  for (let i = 0; i < 200; i++) await store.saveModelRun(makeRun(`job-${i}`, 0, 'm'));
});

afterAll(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe(`store with ${jobCount} jobs`, () => {
  it('pages through jobs newest first, with and without a status filter', async () => {
    const first = await store.listJobs({ limit: 50 });
    expect(first.map((job) => job.id)).toStrictEqual(
      Array.from({ length: 50 }, (_, i) => `job-${jobCount - 1 - i}`),
    );
    const deep = await store.listJobs({ limit: 50, offset: 9_990 });
    expect(deep.map((job) => job.id)).toStrictEqual(Array.from({ length: 10 }, (_, i) => `job-${9 - i}`));

    const running = await store.listJobs({ limit: 50, status: 'running' });
    const expectedRunning = Array.from({ length: jobCount }, (_, i) => i)
      .filter((i) => statusOf(i) === 'running')
      .reverse()
      .slice(0, 50)
      .map((i) => `job-${i}`);
    expect(running.map((job) => job.id)).toStrictEqual(expectedRunning);
  });

  it('plans listJobs on an index, with no full scan and no sort', () => {
    withPlanner((db, explain) => {
      expectIndexedWithoutSort(explain(selectJobsPage(db, { limit: 50 })));
      expectIndexedWithoutSort(explain(selectJobsPage(db, { limit: 50, offset: 5_000 })));
      expectIndexedWithoutSort(explain(selectJobsPage(db, { limit: 50, status: 'running' })));
    });
  });

  it('plans the other hot queries on indexes', () => {
    withPlanner((db, explain) => {
      const unfinished = explain(selectUnfinishedJobs(db));
      expect(unfinished.some((step) => step.includes('INDEX jobs_status_created_at')), unfinished.join(' | ')).toBe(true);

      const usingVideo = explain(countUnfinishedJobsUsingVideoQuery(db, 'v7'));
      expect(usingVideo.some((step) => /INDEX job_items_video_id|INDEX jobs_status_created_at/.test(step)), usingVideo.join(' | ')).toBe(true);
      expect(usingVideo.filter((step) => /^SCAN (jobs|job_items)$/.test(step))).toStrictEqual([]);

      const ids = Array.from({ length: 50 }, (_, i) => `job-${i}`);
      const runs = explain(selectFinishedRunCounts(db, ids));
      expect(runs.some((step) => step.includes('COVERING INDEX model_runs_job_item_status')), runs.join(' | ')).toBe(true);
      expect(runs.filter((step) => /TEMP B-TREE/.test(step)), runs.join(' | ')).toStrictEqual([]);
      const evaluations = explain(selectEvaluatedItems(db, ids));
      expect(evaluations.some((step) => /INDEX sqlite_autoindex_evaluations/.test(step)), evaluations.join(' | ')).toBe(true);
    });
  });

  it('answers the unfinished-job and video queries correctly at scale', async () => {
    const unfinished = await store.listUnfinishedJobs();
    const expected = Array.from({ length: jobCount }, (_, i) => i).filter((i) => ['pending', 'running'].includes(statusOf(i)));
    expect(unfinished.map((job) => job.id)).toStrictEqual(expected.map((i) => `job-${i}`));
    // video v7 is used by jobs 7, 57, 107, ...: count the unfinished ones
    const usingV7 = expected.filter((i) => i % 50 === 7).length;
    expect(await store.countUnfinishedJobsUsingVideo('v7')).toBe(usingV7);
    const counts = await store.progressCounts(Array.from({ length: 300 }, (_, i) => `job-${i}`));
    const withWork = [...counts.values()].filter((items) => items.length > 0).length;
    expect(withWork).toBe(200);
  });

  it('keeps listJobs on an index once the planner has statistics', async () => {
    await store.close(); // runs PRAGMA optimize
    const raw = new Database(dbPath);
    raw.exec('ANALYZE');
    raw.close();
    store = await openSqliteStore({ dbPath });
    withPlanner((db, explain) => {
      expectIndexedWithoutSort(explain(selectJobsPage(db, { limit: 50 })));
      expectIndexedWithoutSort(explain(selectJobsPage(db, { limit: 50, status: 'completed' })));
    });
    expect(await store.deleteFinishedJobsBefore(at(50))).toBe(
      Array.from({ length: 5_000 }, (_, i) => i).filter((i) => !['pending', 'running'].includes(statusOf(i))).length,
    );
    expect((await store.listJobs({ limit: 1, offset: 0 }))[0].id).toBe(`job-${jobCount - 1}`);
  });
});
