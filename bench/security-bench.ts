import { spawn } from 'node:child_process';
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { openSqliteStore } from '../src/store/sqlite-store.js';
import { fileURLToPath } from 'node:url';
import { percentile, report } from './harness.js';

const storedJobs = 10_000;
const parallelListings = 200;

/** Writes `count` finished and running jobs straight into a fresh database in `dataDir`. */
export async function seedJobs(dataDir: string, count: number): Promise<void> {
  const store = await openSqliteStore({ dbPath: path.join(dataDir, 'vidcompare.db') });
  const request = { video_ids: ['v'], prompts: ['p'], models: ['local-full', 'local-shots'], judge_model: null, params: {}, combination_concurrency: 1, judge_context: 'facts' as const, judge_runs: 1 as const };
  const statuses = ['completed', 'failed', 'cancelled', 'completed'] as const;
  for (let i = 0; i < count; i++) {
    const id = `bench-${String(i).padStart(5, '0')}`;
    const created_at = new Date(Date.UTC(2026, 0, 1) + i * 1000).toISOString();
    await store.createJob({
      job: { id, job_type: 'single_compare', status: statuses[i % 4]!, created_at, started_at: created_at, completed_at: created_at, request, error: null },
      items: [{ job_id: id, item_index: 0, video_id: 'v', prompt: 'p' }],
    });
  }
  await store.close();
}

/** One GET over node:http whose body is drained unread (the client must not be what is slow). */
function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

/**
 * `vidcompare serve` in its own process, logging at the default level to a
 * file (as in production: a pipe read by this busy load generator would
 * slow the server down on its own).
 */
async function startServer(dataDir: string): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  const log = openSync(path.join(dataDir, 'server.log'), 'a');
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), 'serve', '--port', String(port)], {
    cwd: root,
    env: { ...process.env, HOST: '127.0.0.1', VIDCOMPARE_DATA_DIR: dataDir, VIDCOMPARE_LOG_LEVEL: 'info' },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const url = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited (${child.exitCode}); see ${dataDir}/server.log`);
    if (await get(`${url}/health`).then((status) => status === 200, () => false)) break;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return { url, stop: async () => void (child.kill('SIGTERM'), await exited) };
}

/**
 * `/health` latency while 200 `GET /api/jobs?limit=N` requests are in flight
 * against 10 000 stored jobs. The server runs as its own process, so the
 * load generator's work does not share its event loop.
 */
export async function runSecurityBench(): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-security-'));
  await seedJobs(dataDir, storedJobs);
  const server = await startServer(dataDir);
  try {
    // warm-up: the first requests of a fresh process pay for lazy compilation
    for (let i = 0; i < 20; i++) await get(`${server.url}/api/jobs?limit=200`);
    for (const limit of [1000, 200]) {
      const statuses = new Map<number, number>();
      let inFlight = parallelListings;
      const listings = Array.from({ length: parallelListings }, () =>
        get(`${server.url}/api/jobs?limit=${limit}`).then((status) => {
          statuses.set(status, (statuses.get(status) ?? 0) + 1);
          inFlight -= 1;
        }),
      );
      const health: number[] = [];
      const started = performance.now();
      while (inFlight > 0) {
        const t0 = performance.now();
        await get(`${server.url}/health`);
        health.push(performance.now() - t0);
      }
      await Promise.all(listings);
      const wallMs = performance.now() - started;
      const answered = [...statuses].map(([status, n]) => `${n}×${status}`).join(', ');
      report(
        `/health during ${parallelListings} parallel GET /api/jobs?limit=${limit} (${storedJobs} jobs)`,
        `p50 ${percentile(health, 50).toFixed(1)} ms, p99 ${percentile(health, 99).toFixed(1)} ms, max ${Math.max(...health).toFixed(1)} ms over ${health.length} probes; listings ${answered} in ${wallMs.toFixed(0)} ms`,
      );
    }
  } finally {
    await server.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
