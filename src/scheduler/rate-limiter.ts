import { CancelledError } from '../core/provider-error.js';
import { AdaptiveRate, type AdaptiveRateOptions, type StartRecord } from './adaptive-rate.js';
import type { Clock } from '../core/clock.js';
import { FairQueue } from './fair-queue.js';
import type { RateLimits } from './scheduler.js';

const MINUTE_MS = 60_000;
/** float slack so a refill computed to land exactly on one token counts as one */
const EPSILON = 1e-9;

/** A place held at a limiter; `release` is idempotent. */
export interface Permit {
  release(): void;
  /**
   * Waits until the request itself may go out (an adaptive limiter paces
   * requests, see AdaptiveRate), and marks when it did.
   * @throws CancelledError when `signal` aborts while waiting
   */
  beforeRequest(signal: AbortSignal): Promise<void>;
  /**
   * The call got a 429. An adaptive limiter learns its rate from it and holds
   * its starts itself; returns how long it holds them, or undefined when the
   * limiter is not adaptive (the caller then pauses it for the provider's delay).
   */
  rateLimited(retryAfterMs: number | undefined): number | undefined;
}

/** What a limiter is doing right now, for monitoring and tests. */
export interface LimiterStats {
  key: string;
  inFlight: number;
  waiting: number;
  /** clock time until which new starts are held back after a 429, or undefined */
  pausedUntil: number | undefined;
  /** starts per second learned from 429s (adaptive limiters only, once learned) */
  learnedPerSecond?: number;
}

interface Waiter {
  jobId: string;
  grant: (permit: Permit) => void;
}

/**
 * One shared limiter (a model, or a whole provider): at most `concurrent`
 * places held at once and `requests_per_minute` starts per minute, with
 * waiting calls served round robin by job.
 *
 * Requests per minute is a token bucket refilled continuously at
 * `requests_per_minute / 60 s`; it holds at most `burst` tokens, by default
 * `min(concurrent, requests_per_minute)`, so starts after a quiet spell come
 * in one burst of at most that many and then at the steady rate (any 60 s
 * window holds at most `requests_per_minute + burst` starts).
 *
 * `requests_per_minute: Infinity` means no rate limit (concurrency only).
 *
 * `pauseFor` holds back every new start (a cooldown after a 429) so that all
 * jobs slow down together instead of each hammering the provider.
 *
 * With `adaptive` options the limiter also learns the rate the provider
 * admits from the 429s its permits report (`Permit.rateLimited`) and paces
 * starts one at a time at that rate (see AdaptiveRate).
 */
export class RateLimiter {
  readonly key: string;
  private readonly concurrent: number;
  private readonly msPerToken: number;
  private readonly burst: number;
  private tokens: number;
  private refilledAt: number;
  private inFlight = 0;
  private pausedUntil = -Infinity;
  private readonly queue = new FairQueue<Waiter>();
  private wake: { at: number; controller: AbortController } | undefined;
  private readonly adaptive: AdaptiveRate | undefined;

  constructor(
    key: string,
    limits: RateLimits,
    private readonly clock: Clock,
    options: { burst?: number; adaptive?: AdaptiveRateOptions } = {},
  ) {
    const rpm = limits.requests_per_minute;
    if (!(limits.concurrent >= 1)) throw new RangeError(`Limiter ${key}: concurrent must be >= 1, got ${limits.concurrent}`);
    if (!(rpm > 0)) throw new RangeError(`Limiter ${key}: requests_per_minute must be > 0, got ${rpm}`);
    this.key = key;
    this.concurrent = limits.concurrent;
    this.msPerToken = MINUTE_MS / rpm;
    this.burst = Math.max(1, options.burst ?? Math.min(limits.concurrent, rpm));
    this.tokens = this.burst;
    this.refilledAt = clock.now();
    this.adaptive = options.adaptive ? new AdaptiveRate(options.adaptive) : undefined;
  }

  /**
   * Waits for a place, taking turns with other jobs.
   * @throws CancelledError at once when `signal` aborts while waiting
   */
  acquire(jobId: string, signal: AbortSignal): Promise<Permit> {
    return new Promise<Permit>((resolve, reject) => {
      if (signal.aborted) return reject(new CancelledError());
      const onAbort = () => {
        if (this.queue.remove(jobId, waiter)) reject(new CancelledError());
        this.pump();
      };
      const waiter: Waiter = {
        jobId,
        grant: (permit) => {
          signal.removeEventListener('abort', onAbort);
          resolve(permit);
        },
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.queue.push(jobId, waiter);
      this.pump();
    });
  }

  /** Holds back new starts for `ms` from now; a longer pause already in force is kept. */
  pauseFor(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
    this.pump();
  }

  /** Whether it learns the rate a provider admits from 429s and holds its own starts after one (see AdaptiveRate). */
  get isAdaptive(): boolean {
    return this.adaptive !== undefined;
  }

  /** How long from now new starts are held back (a cool-down, a 429's lesson, or the pace). */
  heldForMs(): number {
    const now = this.clock.now();
    return Math.max(0, this.pausedUntil - now, (this.adaptive?.nextGrantAt(now) ?? now) - now);
  }

  stats(): LimiterStats {
    const learned = this.adaptive?.learnedPerSecond;
    return {
      key: this.key,
      inFlight: this.inFlight,
      waiting: this.queue.size,
      pausedUntil: [this.pausedUntil, this.adaptive?.heldUntil ?? -Infinity].find((until) => until > this.clock.now()),
      ...(learned !== undefined ? { learnedPerSecond: learned } : {}),
    };
  }

  /** Starts as many waiters as the limits allow, then sets a wake-up for the next one held back by time. */
  private pump(): void {
    while (this.queue.size > 0 && this.inFlight < this.concurrent) {
      const now = this.clock.now();
      this.refill(now);
      const paced = this.adaptive ? this.adaptive.nextGrantAt(now) : -Infinity;
      const readyAt = Math.max(this.pausedUntil, paced, this.tokens >= 1 - EPSILON ? now : this.tokenReadyAt(now));
      if (readyAt > now) return this.scheduleWake(readyAt);
      const waiter = this.queue.shift() as Waiter;
      this.tokens = Math.max(0, this.tokens - 1);
      this.inFlight++;
      this.adaptive?.recordGrant(now, this.queue.size > 0);
      waiter.grant(this.permit());
    }
    // Nothing is held back by time any more (queue empty or all places taken): drop the wake-up.
    this.cancelWake();
  }

  private permit(): Permit {
    let released = false;
    let sent: StartRecord | undefined;
    const adaptive = this.adaptive;
    return {
      release: () => {
        if (released) return;
        released = true;
        if (sent && adaptive) adaptive.recordSettled(sent, this.clock.now());
        this.inFlight--;
        this.pump();
      },
      beforeRequest: async (signal) => {
        if (!adaptive || sent) return;
        for (;;) {
          const now = this.clock.now();
          const at = Math.max(this.pausedUntil, adaptive.nextSendAt(now));
          if (at <= now) break;
          await this.clock.sleep(at - now, signal);
        }
        sent = adaptive.recordSend(this.clock.now());
      },
      rateLimited: (retryAfterMs) => {
        if (!adaptive) return undefined;
        // a call that never announced its request: it went out at the latest now
        sent ??= adaptive.recordSend(this.clock.now());
        const heldMs = adaptive.recordRefusal(sent, this.clock.now(), retryAfterMs);
        this.pump();
        return heldMs;
      },
    };
  }

  private refill(now: number): void {
    const elapsed = now - this.refilledAt;
    if (elapsed > 0) this.tokens = Math.min(this.burst, this.tokens + elapsed / this.msPerToken);
    this.refilledAt = now;
  }

  private tokenReadyAt(now: number): number {
    return now + Math.ceil((1 - this.tokens) * this.msPerToken);
  }

  private scheduleWake(at: number): void {
    if (this.wake?.at === at) return;
    this.cancelWake();
    const controller = new AbortController();
    this.wake = { at, controller };
    this.clock.sleep(at - this.clock.now(), controller.signal).then(
      () => {
        if (this.wake?.controller === controller) this.wake = undefined;
        this.pump();
      },
      // Rejected only because we aborted this wake-up ourselves (a newer one replaced it).
      () => undefined,
    );
  }

  private cancelWake(): void {
    this.wake?.controller.abort();
    this.wake = undefined;
  }
}
