import { EventEmitter } from 'node:events';
import type { AnyJobEvent, JobEventMap, JobEventName } from '../domain/index.js';

export type { AnyJobEvent, JobEventMap, JobEventName, JobProgressSnapshot } from '../domain/index.js';

/**
 * Where job events go and come from. The in-process {@link JobEventBus} is
 * the embedded default; a Redis implementation carries events between API
 * nodes and workers, so every SSE client sees every event.
 */
export interface JobEvents {
  emit<K extends JobEventName>(type: K, data: JobEventMap[K]): void;
  /** Subscribes to every event; returns the unsubscribe function. */
  subscribe(listener: (event: AnyJobEvent) => void): () => void;
}

/** A typed, in-process event bus for job events. */
export class JobEventBus implements JobEvents {
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
