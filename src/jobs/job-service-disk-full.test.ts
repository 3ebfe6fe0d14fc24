import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../logging/logger.js';
import { fifteenSecondFacts } from '../providers/local/__fixtures__/sample-facts.js';
import { makeVideo } from '../store/__fixtures__/store-test-data.js';
import { SpaceReserve } from '../store/space-reserve.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { StoreError } from '../store/store-error.js';
import { localJobService, localRequest } from './__fixtures__/local-job-service.js';

/** What better-sqlite3 throws when the database cannot grow, wrapped as the SQLite store wraps it. */
function sqliteFull(operation: string): StoreError {
  const cause = Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' });
  return new StoreError('database_error', `${operation}: database or disk is full`, { cause });
}

type WriteMethod = 'updateJob' | 'saveModelRun' | 'deleteJob';

/** The real SQLite store, except that chosen writes fail with SQLITE_FULL while `full(method)` says so. */
function storeOnAFullDisk(store: Store, full: (method: WriteMethod) => boolean): Store & { failures: Record<WriteMethod, number> } {
  const failures: Record<WriteMethod, number> = { updateJob: 0, saveModelRun: 0, deleteJob: 0 };
  const guard = <A extends unknown[], R>(method: WriteMethod, write: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      if (full(method)) {
        failures[method] += 1;
        throw sqliteFull(method);
      }
      return write(...args);
    };
  const overrides: Record<string, unknown> = {
    failures,
    updateJob: guard('updateJob', store.updateJob.bind(store)),
    saveModelRun: guard('saveModelRun', store.saveModelRun.bind(store)),
    deleteJob: guard('deleteJob', store.deleteJob.bind(store)),
  };
  // every other method goes to the real store (bound: it keeps private state)
  return new Proxy(store, {
    get: (target, property, receiver) => {
      if (typeof property === 'string' && property in overrides) return overrides[property];
      const value = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    set: (_target, property, value) => {
      overrides[property as string] = value;
      return true;
    },
  }) as Store & { failures: Record<WriteMethod, number> };
}

const request = localRequest('v1', ['local-full', 'local-shots']);

describe('jobs on a full disk', () => {
  let dir: string;
  let sqlite: Store;
  let sleeps: number[];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'disk-full-'));
    sqlite = await openSqliteStore({ dbPath: join(dir, 'vidcompare.db') });
    await sqlite.insertVideo(makeVideo('v1'));
    sleeps = [];
  });
  afterEach(async () => {
    await sqlite.close();
    await rm(dir, { recursive: true, force: true });
  });

  const service = (store: Store, options: { attempts?: number; reserve?: SpaceReserve } = {}) =>
    localJobService({ store, facts: { v1: async () => fifteenSecondFacts() }, writeAttempts: options.attempts, sleeps, spaceReserve: options.reserve });

  it('retries the final status write with growing delays until it is stored', async () => {
    let completions = 0;
    const store = storeOnAFullDisk(sqlite, (method) => method === 'updateJob' && completions++ >= 1 && completions <= 4);
    const jobs = service(store);
    const job = await jobs.create('single_compare', request);
    const finished = await jobs.waitForFinish(job.id);
    expect(finished?.status).toBe('completed');
    expect(store.failures.updateJob).toBe(3);
    expect(sleeps).toEqual([500, 1000, 2000]);
    expect((await sqlite.getModelRuns(job.id)).map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
  });

  it('retries answers that cannot be stored instead of failing the job', async () => {
    let saves = 0;
    const store = storeOnAFullDisk(sqlite, (method) => method === 'saveModelRun' && saves++ < 2);
    const jobs = service(store);
    const job = await jobs.create('single_compare', request);
    expect((await jobs.waitForFinish(job.id))?.status).toBe('completed');
    expect(store.failures.saveModelRun).toBe(2);
  });

  it('leaves the job unfinished when the disk stays full, and a restart finishes it without repeating answers', async () => {
    let diskFull = false;
    const store = storeOnAFullDisk(sqlite, (method) => diskFull && method === 'updateJob');
    const jobs = service(store, { attempts: 3 });
    // the disk fills up once both answers are stored
    let stored = 0;
    const saveModelRun = store.saveModelRun.bind(store);
    store.saveModelRun = async (run) => {
      await saveModelRun(run);
      if (++stored === 2) diskFull = true;
    };
    const job = await jobs.create('single_compare', request);
    expect((await jobs.waitForFinish(job.id))?.status).toBe('running');
    expect(store.failures.updateJob).toBe(3);
    const answeredAt = (await sqlite.getModelRuns(job.id)).map((r) => r.finished_at);

    diskFull = false;
    const restarted = service(store);
    expect(await restarted.resumeUnfinished()).toBe(1);
    expect((await restarted.waitForFinish(job.id))?.status).toBe('completed');
    expect((await sqlite.getModelRuns(job.id)).map((r) => r.finished_at)).toEqual(answeredAt);
  });

  it('deletes a job on a full disk by giving up the space reserve, then sets it aside again', async () => {
    const reservePath = join(dir, 'space-reserve.bin');
    const reserve = new SpaceReserve(reservePath, silentLogger(), 64 * 1024);
    expect(await reserve.ensure()).toBe(true);
    // the database cannot grow while the reserve takes the last free space
    let reserveHeld = true;
    const store = storeOnAFullDisk(sqlite, (method) => method === 'deleteJob' && reserveHeld && existsSync(reservePath));
    const jobs = service(store, { reserve });
    const job = await jobs.create('single_compare', request);
    await jobs.waitForFinish(job.id);

    const deleting = jobs.delete(job.id);
    expect(await deleting).toBe(true);
    reserveHeld = false;
    expect(store.failures.deleteJob).toBe(1);
    expect(await sqlite.getJob(job.id)).toBeUndefined();
    expect(existsSync(reservePath)).toBe(true);
  });
});
