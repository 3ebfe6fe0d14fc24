import { hostname } from 'node:os';

/** One process executing work units, as `GET /api/workers` shows it. */
export interface WorkerInfo {
  id: string;
  host: string;
  pid: number;
  started_at: string;
  last_seen: string;
  active_units: number;
  units_done: number;
}

/** The workers alive now. In-process: this process; distributed: from Redis heartbeats. */
export interface WorkerRegistry {
  list(): Promise<WorkerInfo[]>;
}

/** Counts the units a worker runs, for its heartbeat. */
export class WorkerCounters {
  active = 0;
  done = 0;

  /** runs `work` as one unit: active while it runs, done once it has finished (whatever the outcome) */
  async track<T>(work: () => Promise<T>): Promise<T> {
    this.active++;
    try {
      return await work();
    } finally {
      this.active--;
      this.done++;
    }
  }
}

/** Identity of this process as a worker. */
export function describeThisWorker(startedAt: Date, counters: WorkerCounters, id = `${hostname()}-${process.pid}`): WorkerInfo {
  return {
    id,
    host: hostname(),
    pid: process.pid,
    started_at: startedAt.toISOString(),
    last_seen: new Date().toISOString(),
    active_units: counters.active,
    units_done: counters.done,
  };
}

/** The embedded mode: this process is the only worker. */
export function createInProcessWorkerRegistry(counters: WorkerCounters): WorkerRegistry {
  const startedAt = new Date();
  return { list: async () => [describeThisWorker(startedAt, counters)] };
}
