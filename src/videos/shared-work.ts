import { CancelledError } from '../core/provider-error.js';

interface Running<V> {
  promise: Promise<V>;
  controller: AbortController;
  waiters: number;
}

/**
 * Work that several callers may wait for at once (e.g. measuring one video
 * for many jobs): the first caller starts it, later callers join it, and each
 * may stop waiting through its own signal. When the last waiter leaves, the
 * work is aborted (its ffmpeg killed) and forgotten, so the next caller starts afresh.
 */
export class SharedWork<V> {
  private readonly running = new Map<string, Running<V>>();

  /** keys with work in flight */
  get inFlight(): number {
    return this.running.size;
  }

  /**
   * Waits for the work under `key`, starting it with `start` when none is in flight.
   * @throws whatever the work throws; a CancelledError when `signal` aborts first
   */
  run(key: string, start: (signal: AbortSignal) => Promise<V>, signal?: AbortSignal): Promise<V> {
    if (signal?.aborted) return Promise.reject(new CancelledError('Stopped waiting'));
    let entry = this.running.get(key);
    if (!entry) {
      const controller = new AbortController();
      const created: Running<V> = { controller, waiters: 0, promise: Promise.resolve().then(() => start(controller.signal)) };
      created.promise
        .finally(() => {
          if (this.running.get(key) === created) this.running.delete(key);
        })
        // the waiters get the outcome; this only keeps an abandoned run from counting as unhandled
        .catch(() => undefined);
      this.running.set(key, created);
      entry = created;
    }
    return this.wait(key, entry, signal);
  }

  private wait(key: string, entry: Running<V>, signal: AbortSignal | undefined): Promise<V> {
    entry.waiters += 1;
    return new Promise<V>((resolve, reject) => {
      let waiting = true;
      const leave = () => {
        waiting = false;
        entry.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (!waiting) return;
        leave();
        if (entry.waiters === 0) {
          if (this.running.get(key) === entry) this.running.delete(key);
          entry.controller.abort(new CancelledError('Nobody waits for this work any more'));
        }
        reject(new CancelledError('Stopped waiting'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      entry.promise.then(
        (value) => waiting && (leave(), resolve(value)),
        (error: unknown) => waiting && (leave(), reject(error)),
      );
    });
  }
}
