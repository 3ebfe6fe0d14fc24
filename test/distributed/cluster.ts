import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startCliProcess, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { testServices, uniqueTestName } from '../helpers/services.js';

export interface WorkerHandle {
  pid: number;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * A distributed deployment on this machine: one API node (`serve
 * --no-worker`) and worker processes, sharing a PostgreSQL schema, a Redis
 * key prefix and a data folder that are unique to this cluster and removed by
 * `destroy()`.
 */
export class TestCluster {
  readonly schema = uniqueTestName('vc_cluster');
  readonly prefix = uniqueTestName('vctest');
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-cluster-'));
  api!: ServerProcess;
  readonly workers: WorkerHandle[] = [];

  constructor(readonly extraEnv: Record<string, string>) {}

  get env(): Record<string, string> {
    return {
      VIDCOMPARE_DATA_DIR: this.dataDir,
      VIDCOMPARE_DATABASE_URL: testServices.postgresUrl,
      VIDCOMPARE_DATABASE_SCHEMA: this.schema,
      VIDCOMPARE_REDIS_URL: testServices.redisUrl,
      VIDCOMPARE_REDIS_PREFIX: this.prefix,
      // a killed worker's units go to another worker within seconds; long enough that a busy (not dead) worker keeps its lock
      VIDCOMPARE_WORKER_LOCK_MS: '5000',
      VIDCOMPARE_LOG_LEVEL: 'warn',
      ...this.extraEnv,
    };
  }

  async startApi(args: string[] = []): Promise<ServerProcess> {
    // 'warn' would hide the "listening on" line the helper waits for
    this.api = await startServerProcess({ ...this.env, VIDCOMPARE_LOG_LEVEL: 'info' }, ['--no-worker', ...args]);
    return this.api;
  }

  async stopApi(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    this.api.child.kill(signal);
    await this.api.exited;
  }

  async startWorker(concurrency = 8): Promise<WorkerHandle> {
    const started = await startCliProcess({ ...this.env, VIDCOMPARE_LOG_LEVEL: 'info' }, ['worker', '--concurrency', String(concurrency)], /worker ready/);
    const handle: WorkerHandle = {
      pid: started.child.pid!,
      kill: async (signal) => {
        started.child.kill(signal);
        await started.exited;
      },
    };
    this.workers.push(handle);
    return handle;
  }

  async destroy(): Promise<void> {
    await Promise.allSettled([this.api ? this.stopApi() : undefined, ...this.workers.map((w) => w.kill('SIGTERM'))]);
    const admin = new pg.Client({ connectionString: testServices.postgresUrl });
    await admin.connect();
    await admin.query(`DROP SCHEMA IF EXISTS ${this.schema} CASCADE`).finally(() => admin.end());
    const redis = new Redis(testServices.redisUrl);
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${this.prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length) await redis.del(...keys);
    } while (cursor !== '0');
    await redis.quit();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** `model|prompt` of a stand-in call: which (job, combination, model) it answers when every prompt is unique. */
export function callKey(call: { model: string; body: { contents?: { parts?: { text?: string }[] }[] } }): string {
  const prompt = call.body.contents?.flatMap((c) => c.parts ?? []).find((p) => p.text)?.text ?? '';
  return `${call.model}|${prompt}`;
}
