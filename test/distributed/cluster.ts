import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { startCliProcess, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { testServices, uniqueTestName } from '../helpers/services.js';
import type { S3StandIn } from '../stand-ins/s3-stand-in.js';

export interface WorkerHandle {
  pid: number;
  /** its own data folder when the videos live in S3, else the cluster's */
  dataDir: string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/**
 * A distributed deployment on this machine: one API node (`serve
 * --no-worker`) and worker processes, sharing a PostgreSQL schema, a Redis
 * key prefix and a data folder that are unique to this cluster and removed by
 * `destroy()`. Given an S3 server, the videos live there instead and every
 * process has a data folder of its own, as on separate machines.
 */
export class TestCluster {
  readonly schema = uniqueTestName('vc_cluster');
  readonly prefix = uniqueTestName('vctest');
  /** the API node's data folder (every process's, without S3) */
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-cluster-'));
  api!: ServerProcess;
  readonly workers: WorkerHandle[] = [];
  private readonly s3: S3StandIn | undefined;

  constructor(
    readonly extraEnv: Record<string, string>,
    options: { s3?: S3StandIn } = {},
  ) {
    this.s3 = options.s3;
  }

  get env(): Record<string, string> {
    return {
      VIDCOMPARE_DATA_DIR: this.dataDir,
      ...this.s3?.env,
      // a prefix of its own, so clusters can share the S3 server's bucket
      ...(this.s3 ? { VIDCOMPARE_S3_PREFIX: `${this.prefix}/` } : {}),
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
    const dataDir = this.s3 ? mkdtempSync(path.join(tmpdir(), 'vidcompare-worker-')) : this.dataDir;
    const env = { ...this.env, VIDCOMPARE_DATA_DIR: dataDir, VIDCOMPARE_LOG_LEVEL: 'info' };
    const started = await startCliProcess(env, ['worker', '--concurrency', String(concurrency)], /worker ready/);
    const handle: WorkerHandle = {
      pid: started.child.pid!,
      dataDir,
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
    for (const dir of new Set([this.dataDir, ...this.workers.map((w) => w.dataDir)])) rmSync(dir, { recursive: true, force: true });
  }
}

/** `model|prompt` of a stand-in call: which (job, combination, model) it answers when every prompt is unique. */
export function callKey(call: { model: string; body: { contents?: { parts?: { text?: string }[] }[] } }): string {
  const prompt = call.body.contents?.flatMap((c) => c.parts ?? []).find((p) => p.text)?.text ?? '';
  return `${call.model}|${prompt}`;
}
