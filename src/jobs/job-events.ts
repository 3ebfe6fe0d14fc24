import { EventEmitter } from 'node:events';
import type { JobStatus } from '../domain/index.js';

export interface JobProgressSnapshot {
  job_id: string;
  status: JobStatus;
  progress: number;
  progress_message: string;
  eta_seconds: number | null;
  units_done: number;
  units_total: number;
}

/** The job lifecycle as events; SSE, the CLI and tests all subscribe to these. */
export interface JobEventMap {
  created: { job_id: string; job_type: string };
  status: JobProgressSnapshot;
  progress: JobProgressSnapshot;
  model_result: { job_id: string; item_index: number; model_id: string; status: 'succeeded' | 'failed'; error: string | null };
  evaluation: { job_id: string; item_index: number; status: 'succeeded' | 'failed'; error: string | null };
  retry: { job_id: string; item_index: number; model_id: string; attempt: number; delay_ms: number; error: string };
  deleted: { job_id: string };
}

export type JobEventName = keyof JobEventMap;
export type AnyJobEvent = { [K in JobEventName]: { type: K; data: JobEventMap[K] } }[JobEventName];

/** A typed, in-process event bus for job events. */
export class JobEventBus {
  private readonly emitter = new EventEmitter();

  constructor() {
    // every SSE connection subscribes; many browser tabs are normal
    this.emitter.setMaxListeners(0);
  }

  emit<K extends JobEventName>(type: K, data: JobEventMap[K]): void {
    this.emitter.emit('event', { type, data } as AnyJobEvent);
  }

  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: (event: AnyJobEvent) => void): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }
}
