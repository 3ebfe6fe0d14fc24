/*
 * Run as a child process by sqlite-store-crash.test.ts: writes through the
 * store, then kills its own process with SIGKILL, never closing the store.
 * Usage: node --import tsx write-then-crash.ts <dbPath>
 */
import { openSqliteStore } from '../index.js';
import { makeEvaluation, makeJob, makeRun } from './store-test-data.js';

const dbPath = process.argv[2];
if (!dbPath) throw new Error('usage: write-then-crash.ts <dbPath>');

const store = await openSqliteStore({ dbPath });
await store.createJob(makeJob('crashed-job', { items: 2, status: 'running' }));
await store.saveModelRun(makeRun('crashed-job', 0, 'model-a'));
await store.saveEvaluation(makeEvaluation('crashed-job', 0));
await store.updateJob('crashed-job', { error: 'written just before the crash' });
process.kill(process.pid, 'SIGKILL');
