import { setImmediate as nextMacrotask } from 'node:timers/promises';
import { CancelledError } from './provider-error.js';

/**
 * The scheduler's only source of time, injected so tests can drive it.
 * `sleep` rejects with a CancelledError as soon as `signal` aborts.
 */
export interface Clock {
  /** milliseconds on a monotonic-enough scale; only differences matter */
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** Real time: `Date.now()` and `setTimeout`. */
export const systemClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const onAbort = () => {
        clearTimeout(timer);
        reject(new CancelledError());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

interface Sleeper {
  due: number;
  seq: number;
  resolve: () => void;
  detach: () => void;
}

/**
 * A clock that only moves when a test says so. Sleepers wake in time order
 * (ties in the order they went to sleep), and each wake-up is followed by a
 * flush of pending promise callbacks, so work chained on a wake-up (e.g. a
 * retry that goes back to sleep) is seen by the same `advance`.
 *
 * @example
 * const clock = new ManualClock();
 * const done = clock.sleep(1000);
 * await clock.advance(1000); // `done` is now resolved
 */
export class ManualClock implements Clock {
  private time: number;
  private seq = 0;
  private sleepers: Sleeper[] = [];

  constructor(startMs = 0) {
    this.time = startMs;
  }

  now(): number {
    return this.time;
  }

  sleep(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new CancelledError());
      const sleeper: Sleeper = {
        due: this.time + Math.max(0, ms),
        seq: this.seq++,
        resolve,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      const onAbort = () => {
        this.sleepers = this.sleepers.filter((s) => s !== sleeper);
        reject(new CancelledError());
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.sleepers.push(sleeper);
    });
  }

  /** how many sleeps are waiting to be woken */
  pendingSleeps(): number {
    return this.sleepers.length;
  }

  /** when the earliest sleeper is due, or undefined when nobody sleeps */
  nextWakeAt(): number | undefined {
    return this.earliest()?.due;
  }

  /** Moves time forward by `ms`, waking every sleeper due on the way, in order. */
  async advance(ms: number): Promise<void> {
    await this.advanceTo(this.time + ms);
  }

  /** Moves time forward to `targetMs` (never backwards), waking due sleepers in order. */
  async advanceTo(targetMs: number): Promise<void> {
    await this.settle();
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > targetMs) break;
      this.sleepers = this.sleepers.filter((s) => s !== next);
      this.time = Math.max(this.time, next.due);
      next.detach();
      next.resolve();
      await this.settle();
    }
    this.time = Math.max(this.time, targetMs);
    await this.settle();
  }

  /**
   * Keeps waking the earliest sleeper until nobody sleeps.
   * @throws Error after `maxWakeUps`, which means something sleeps in a loop
   */
  async runAll(maxWakeUps = 10_000): Promise<void> {
    for (let i = 0; i < maxWakeUps; i++) {
      await this.settle();
      const next = this.nextWakeAt();
      if (next === undefined) return;
      await this.advanceTo(next);
    }
    throw new Error(`ManualClock.runAll: still ${this.sleepers.length} sleepers after ${maxWakeUps} wake-ups`);
  }

  /**
   * Lets pending promise callbacks run until at least `count` sleeps are
   * pending, i.e. until the code under test is blocked on this clock.
   * @throws Error when that does not happen within `maxTurns` event-loop turns
   */
  async waitForSleepers(count: number, maxTurns = 1000): Promise<void> {
    for (let i = 0; i < maxTurns; i++) {
      if (this.sleepers.length >= count) return;
      await this.settle();
    }
    throw new Error(`ManualClock.waitForSleepers: expected ${count} sleepers, have ${this.sleepers.length}`);
  }

  /** Runs every promise callback already queued (one macrotask turn drains the microtask queue). */
  async settle(): Promise<void> {
    await nextMacrotask();
  }

  private earliest(): Sleeper | undefined {
    let best: Sleeper | undefined;
    for (const s of this.sleepers) {
      if (!best || s.due < best.due || (s.due === best.due && s.seq < best.seq)) best = s;
    }
    return best;
  }
}
