import { CancelledError } from '../core/provider-error.js';

/**
 * Whose work a media process does: `interactive` for what a client is waiting
 * on (probing and thumbnailing an upload), `background` for job work
 * (measuring facts, sampling frames).
 */
export type MediaWorkKind = 'interactive' | 'background';

interface Waiter {
  kind: MediaWorkKind;
  grant: () => void;
}

/**
 * The one limit on concurrent ffmpeg/ffprobe processes, shared by uploads,
 * facts measurement, frame sampling and thumbnails. Background work may hold
 * all but one place (when there are two or more), so an upload is never stuck
 * behind long measurements; interactive work is also served first.
 * Waiting is abortable: a cancelled job leaves the queue at once.
 */
export class MediaProcessSlots {
  private running = 0;
  private runningBackground = 0;
  private readonly queue: Waiter[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`media process limit must be a positive integer, got ${limit}`);
  }

  /** how many places background work may hold at once */
  get backgroundLimit(): number {
    return this.limit >= 2 ? this.limit - 1 : 1;
  }

  get stats(): { running: number; waiting: number } {
    return { running: this.running, waiting: this.queue.length };
  }

  /**
   * Waits for a place; resolves to the function that gives it back (call it once).
   * @throws CancelledError (or the signal's reason) when `signal` aborts while waiting
   */
  acquire(kind: MediaWorkKind, signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        kind,
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve(this.holdPlace(kind));
        },
      };
      const onAbort = () => {
        const index = this.queue.indexOf(waiter);
        if (index >= 0) this.queue.splice(index, 1);
        reject(abortReason(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      // interactive waiters go ahead of background ones, each kind in arrival order
      const firstBackground = kind === 'interactive' ? this.queue.findIndex((w) => w.kind === 'background') : -1;
      if (firstBackground >= 0) this.queue.splice(firstBackground, 0, waiter);
      else this.queue.push(waiter);
      this.grantWaiting();
    });
  }

  /** Runs `work` while holding a place. */
  async run<T>(kind: MediaWorkKind, signal: AbortSignal | undefined, work: () => Promise<T>): Promise<T> {
    const release = await this.acquire(kind, signal);
    try {
      return await work();
    } finally {
      release();
    }
  }

  private holdPlace(kind: MediaWorkKind): () => void {
    this.running += 1;
    if (kind === 'background') this.runningBackground += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.running -= 1;
      if (kind === 'background') this.runningBackground -= 1;
      this.grantWaiting();
    };
  }

  private grantWaiting(): void {
    while (this.running < this.limit) {
      const index = this.queue.findIndex((w) => w.kind === 'interactive' || this.runningBackground < this.backgroundLimit);
      if (index < 0) return;
      const [waiter] = this.queue.splice(index, 1);
      waiter!.grant();
    }
  }
}

/** The signal's reason, like an aborted runTool, so callers see one kind of rejection whichever stage was cancelled. */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new CancelledError('Media work cancelled');
}
