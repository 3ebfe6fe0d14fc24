import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { makeEvaluation, makeRun } from './__fixtures__/store-test-data.js';
import { openSqliteStore } from './index.js';

const fixture = join(dirname(fileURLToPath(import.meta.url)), '__fixtures__', 'write-then-crash.ts');

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'vidcompare-store-crash-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function runChild(dbPath: string): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', fixture, dbPath], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

it('keeps every resolved write when the process is killed without closing the store', async () => {
  const dbPath = join(dir, 'vidcompare.db');
  const child = await runChild(dbPath);
  expect(child.stderr).toBe('');
  expect(child.signal).toBe('SIGKILL');

  const store = await openSqliteStore({ dbPath });
  try {
    expect(await store.getJob('crashed-job')).toMatchObject({ status: 'running', error: 'written just before the crash' });
    expect(await store.getJobItems('crashed-job')).toHaveLength(2);
    expect(await store.getModelRuns('crashed-job')).toStrictEqual([makeRun('crashed-job', 0, 'model-a')]);
    expect(await store.getEvaluations('crashed-job')).toStrictEqual([makeEvaluation('crashed-job', 0)]);
    expect((await store.listUnfinishedJobs()).map((job) => job.id)).toStrictEqual(['crashed-job']);
  } finally {
    await store.close();
  }
});
