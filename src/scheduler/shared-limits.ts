import type { RateLimits } from './scheduler.js';

/**
 * Limits shared by every process that calls a provider (distributed workers):
 * starts per time window, calls in flight, and 429 cool-downs. Each process
 * still runs its own RateLimiter first (its concurrency and fair turns
 * between jobs); a shared limit is what keeps N workers together under one
 * provider quota.
 */
export interface SharedLimits {
  /**
   * Waits until all processes together may start one more call at `key`.
   * @throws a cancellation when `signal` aborts while waiting
   */
  acquire(key: string, limits: RateLimits, signal: AbortSignal): Promise<void>;
  /** holds back every process's new starts at `key` for `ms` (after a 429) */
  pauseFor(key: string, limits: RateLimits, ms: number): Promise<void>;
  /**
   * Waits for one of `limits.concurrent` places at `key` counted across all
   * processes, and returns its release. A place whose process died comes
   * back when its lease expires. Absent: concurrency is per process.
   * @throws a cancellation when `signal` aborts while waiting
   */
  holdSlot?(key: string, limits: RateLimits, signal: AbortSignal): Promise<() => Promise<void>>;
}
