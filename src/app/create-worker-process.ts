import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Env } from '../config/env.js';
import { createLogger, type Logger } from '../logging/logger.js';
import { createWorkContext } from './create-work-context.js';
import { openEngines } from './open-engines.js';

export interface WorkerProcessOptions {
  /** units run at once (default 16) */
  concurrency?: number;
  /** serve `GET /health` on this port (0: any free port); no HTTP at all when unset */
  healthPort?: number;
  logger?: Logger;
}

export interface WorkerProcess {
  /** the health URL, when a port was given */
  healthUrl: string | undefined;
  /** stops taking units, waits for those in flight, closes connections */
  close(): Promise<void>;
}

function listen(server: Server, host: string, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(`http://${host}:${(server.address() as AddressInfo).port}/health`));
  });
}

/**
 * `vidcompare worker`: executes work units from the BullMQ queue, with no
 * API. Needs VIDCOMPARE_REDIS_URL (and, on several machines, the shared
 * PostgreSQL store and video storage).
 */
export async function startWorkerProcess(env: Env, options: WorkerProcessOptions = {}): Promise<WorkerProcess> {
  if (!env.VIDCOMPARE_REDIS_URL) throw new Error('vidcompare worker needs VIDCOMPARE_REDIS_URL (the queue it takes work units from)');
  const logger = options.logger ?? createLogger(env.VIDCOMPARE_LOG_LEVEL);
  const engines = await openEngines(env, logger);
  const { context, textReader, discovery } = createWorkContext(env, {
    store: engines.store,
    events: engines.events,
    logger,
    now: Date.now,
    sharedLimits: engines.sharedLimits,
    uploadLock: engines.uploadLock,
  });
  // a worker runs models the API found by discovery, so it lists them too before it takes units
  // (bounded: a list call that fails or times out leaves the table as it is)
  discovery.start();
  await discovery.firstListed();
  const stopWorker = await engines.startWorker(context, options.concurrency ?? 16);

  let health: Server | undefined;
  let healthUrl: string | undefined;
  if (options.healthPort !== undefined) {
    health = createServer((request, response) => {
      const ok = request.method === 'GET' && request.url === '/health';
      response.writeHead(ok ? 200 : 404, { 'content-type': 'application/json' });
      response.end(JSON.stringify(ok ? { status: 'healthy', role: 'worker', pid: process.pid } : { detail: 'only GET /health is served by a worker' }));
    });
    healthUrl = await listen(health, env.HOST, options.healthPort);
  }
  return {
    healthUrl,
    async close() {
      await new Promise<void>((resolve) => (health ? health.close(() => resolve()) : resolve()));
      await stopWorker();
      await discovery.stop();
      await textReader.close();
      await engines.close();
    },
  };
}
