import type { FastifyInstance } from 'fastify';
import type { WorkerRegistry } from '../../jobs/worker-registry.js';

/** The processes executing work units: this one in the embedded mode, every live worker when distributed. */
export function registerWorkerRoutes(app: FastifyInstance, deps: { workers: WorkerRegistry }): void {
  app.get(
    '/api/workers',
    { schema: { tags: ['workers'], summary: 'Live workers: id, host, pid, started_at, last_seen, active_units, units_done' } },
    async () => deps.workers.list(),
  );
}
