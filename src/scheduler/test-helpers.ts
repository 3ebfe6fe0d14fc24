/**
 * Test doubles for the scheduler's tests: provider calls that finish when
 * the test says so, and a promise recorder that never leaves a rejection
 * unhandled while the test moves the clock.
 */

export interface Outcome<T> {
  status: 'pending' | 'fulfilled' | 'rejected';
  value?: T;
  error?: unknown;
}

/** Tracks a promise's outcome synchronously (after the event loop has run). */
export function track<T>(promise: Promise<T>): Outcome<T> {
  const outcome: Outcome<T> = { status: 'pending' };
  promise.then(
    (value) => Object.assign(outcome, { status: 'fulfilled', value }),
    (error: unknown) => Object.assign(outcome, { status: 'rejected', error }),
  );
  return outcome;
}

interface RunningCall {
  id: string;
  attempt: number;
  signal: AbortSignal;
  resolve: (value: string) => void;
  reject: (error: unknown) => void;
}

/**
 * Fake provider calls: `fn(id)` gives a function for `Scheduler.run` whose
 * attempts stay running until `finish`/`fail`. Counts in-flight calls per
 * group and remembers the highest count seen.
 */
export class FakeCalls {
  readonly starts: { id: string; attempt: number; at: number }[] = [];
  readonly running = new Map<string, RunningCall>();
  private readonly inFlight = new Map<string, number>();
  readonly maxInFlight = new Map<string, number>();

  constructor(private readonly now: () => number = () => 0) {}

  fn(id: string, groups: string[] = ['all']) {
    return (signal: AbortSignal, attempt: number): Promise<string> =>
      new Promise<string>((resolve, reject) => {
        this.starts.push({ id, attempt, at: this.now() });
        for (const g of groups) {
          const n = (this.inFlight.get(g) ?? 0) + 1;
          this.inFlight.set(g, n);
          this.maxInFlight.set(g, Math.max(n, this.maxInFlight.get(g) ?? 0));
        }
        let counted = true;
        const done = () => {
          if (!counted) return;
          counted = false;
          this.running.delete(id);
          for (const g of groups) this.inFlight.set(g, (this.inFlight.get(g) ?? 1) - 1);
        };
        // An aborted call stops counting as in flight, as a real SDK call would.
        signal.addEventListener('abort', done, { once: true });
        this.running.set(id, {
          id,
          attempt,
          signal,
          resolve: (v) => (done(), resolve(v)),
          reject: (e) => (done(), reject(e)),
        });
      });
  }

  finish(id: string, value = `answer ${id}`): void {
    this.get(id).resolve(value);
  }

  fail(id: string, error: unknown): void {
    this.get(id).reject(error);
  }

  startedIds(): string[] {
    return this.starts.map((s) => s.id);
  }

  private get(id: string): RunningCall {
    const call = this.running.get(id);
    if (!call) throw new Error(`call ${id} is not running`);
    return call;
  }
}
