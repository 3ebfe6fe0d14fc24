import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MediaFacts } from '../domain/index.js';
import { fifteenSecondFacts } from '../providers/local/__fixtures__/sample-facts.js';
import { makeVideo } from '../store/__fixtures__/store-test-data.js';
import { openSqliteStore } from '../store/sqlite-store.js';
import type { Store } from '../store/store.js';
import { localJobService, localRequest } from './__fixtures__/local-job-service.js';

/**
 * A measurement that runs until the test finishes it, then is cached like the
 * library's, and tells when a caller stops waiting.
 */
function gatedMeasurement() {
  let finish!: (facts: MediaFacts) => void;
  let started!: () => void;
  let abandoned!: () => void;
  const measured = new Promise<MediaFacts>((resolve) => (finish = resolve));
  return {
    started: new Promise<void>((resolve) => (started = resolve)),
    abandoned: new Promise<void>((resolve) => (abandoned = resolve)),
    finish: (facts: MediaFacts) => finish(facts),
    measure: (signal?: AbortSignal) => {
      started();
      signal?.addEventListener('abort', () => abandoned(), { once: true });
      return measured;
    },
  };
}

describe('facts are measured by the job before it takes a model place', () => {
  let dir: string;
  let store: Store;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'facts-placement-'));
    store = await openSqliteStore({ dbPath: join(dir, 'vidcompare.db') });
    await store.insertVideo(makeVideo('slow'));
    await store.insertVideo(makeVideo('fast'));
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('a long measurement does not hold the model\'s only place', async () => {
    const slow = gatedMeasurement();
    const jobs = localJobService({ store, facts: { slow: slow.measure, fast: async () => fifteenSecondFacts() }, localConcurrency: 1 });
    const measuring = await jobs.create('single_compare', localRequest('slow'));
    await slow.started;
    const other = await jobs.create('single_compare', localRequest('fast'));
    // with the measurement inside the place, this job would wait for it
    expect((await jobs.waitForFinish(other.id))?.status).toBe('completed');
    expect((await store.getJob(measuring.id))?.status).toBe('running');
    slow.finish(fifteenSecondFacts());
    expect((await jobs.waitForFinish(measuring.id))?.status).toBe('completed');
  });

  it('cancelling the job stops waiting for its measurement, which is told to stop', async () => {
    const slow = gatedMeasurement();
    const jobs = localJobService({ store, facts: { slow: slow.measure }, localConcurrency: 1 });
    const job = await jobs.create('single_compare', localRequest('slow'));
    await slow.started;
    await jobs.cancel(job.id);
    await slow.abandoned;
    expect((await jobs.waitForFinish(job.id))?.status).toBe('cancelled');
    expect(await store.getModelRuns(job.id)).toEqual([]);
  });
});
