import { EventEmitter } from 'node:events';

/**
 * Tells every process running a job's work that the job was cancelled, so
 * in-flight calls are aborted wherever they run. In-process by default; a
 * Redis implementation reaches API nodes and workers on other machines.
 */
export interface JobCancellation {
  /** announces the cancellation to every subscriber (this process included) */
  cancel(jobId: string): Promise<void>;
  /** returns the unsubscribe function */
  subscribe(listener: (jobId: string) => void): () => void;
}

/** The embedded mode's cancellation: one process, so an event emitter. */
export class InProcessJobCancellation implements JobCancellation {
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  async cancel(jobId: string): Promise<void> {
    this.emitter.emit('cancel', jobId);
  }

  subscribe(listener: (jobId: string) => void): () => void {
    this.emitter.on('cancel', listener);
    return () => this.emitter.off('cancel', listener);
  }
}
