import { describe, expect, it } from 'vitest';
import { CancelledError } from '../core/provider-error.js';
import { ManualClock } from '../core/clock.js';
import { RateLimiter, type Permit } from './rate-limiter.js';
import { track, type Outcome } from './test-helpers.js';

/** a signal nobody aborts; a fresh one per call, as each scheduled call has its own listener */
const never = () => new AbortController().signal;

function granted(outcomes: Outcome<Permit>[]): number {
  return outcomes.filter((o) => o.status === 'fulfilled').length;
}

describe('RateLimiter', () => {
  it('holds at most `concurrent` places and hands a released place to the next waiter', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter('model:x', { requests_per_minute: Infinity, concurrent: 2 }, clock);
    const waits = Array.from({ length: 5 }, () => track(limiter.acquire('job', never())));
    await clock.settle();
    expect(granted(waits)).toBe(2);
    expect(limiter.stats()).toMatchObject({ inFlight: 2, waiting: 3 });

    waits[0].value!.release();
    waits[0].value!.release(); // idempotent: frees one place, not two
    await clock.settle();
    expect(granted(waits)).toBe(3);
    expect(limiter.stats()).toMatchObject({ inFlight: 2, waiting: 2 });
  });

  it('spreads starts at the requests-per-minute rate after the initial burst', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter('model:x', { requests_per_minute: 60, concurrent: 100 }, clock);
    const startedAt: number[] = [];
    const waits = Array.from({ length: 100 }, () =>
      limiter.acquire('job', never()).then((permit) => {
        startedAt.push(clock.now());
        permit.release();
      }),
    );
    await clock.settle();
    expect(startedAt.length).toBe(60); // burst = min(concurrent, rpm)
    await clock.advance(10_000);
    expect(startedAt.length).toBe(70); // then one per second
    await clock.advance(29_999);
    expect(startedAt.length).toBe(99);
    await clock.advance(1);
    expect(startedAt.length).toBe(100);
    await Promise.all(waits);
    expect(clock.pendingSleeps()).toBe(0); // no wake-up left behind once idle
    for (const t of startedAt) {
      const inWindow = startedAt.filter((s) => s >= t && s < t + 60_000).length;
      expect(inWindow).toBeLessThanOrEqual(60 + 60);
    }
  });

  it('holds back every new start during a cooldown, then resumes', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter('model:x', { requests_per_minute: Infinity, concurrent: 4 }, clock);
    limiter.pauseFor(5_000);
    limiter.pauseFor(1_000); // a shorter pause does not cut the longer one
    expect(limiter.stats().pausedUntil).toBe(5_000);
    const waits = [track(limiter.acquire('a', never())), track(limiter.acquire('b', never()))];
    await clock.advance(4_999);
    expect(granted(waits)).toBe(0);
    await clock.advance(1);
    expect(granted(waits)).toBe(2);
    expect(limiter.stats().pausedUntil).toBeUndefined();
  });

  it('drops a cancelled waiter at once without giving it a place', async () => {
    const clock = new ManualClock();
    const limiter = new RateLimiter('model:x', { requests_per_minute: Infinity, concurrent: 1 }, clock);
    const first = track(limiter.acquire('a', never()));
    const controller = new AbortController();
    const cancelled = track(limiter.acquire('b', controller.signal));
    const third = track(limiter.acquire('c', never()));
    await clock.settle();
    controller.abort();
    await clock.settle();
    expect(cancelled.status).toBe('rejected');
    expect(cancelled.error).toBeInstanceOf(CancelledError);
    expect(limiter.stats().waiting).toBe(1);

    first.value!.release();
    await clock.settle();
    expect(third.status).toBe('fulfilled');
    await expect(limiter.acquire('d', controller.signal)).rejects.toBeInstanceOf(CancelledError);
  });

  it('rejects limits it cannot enforce', () => {
    const clock = new ManualClock();
    expect(() => new RateLimiter('k', { requests_per_minute: 10, concurrent: 0 }, clock)).toThrow(RangeError);
    expect(() => new RateLimiter('k', { requests_per_minute: 0, concurrent: 1 }, clock)).toThrow(RangeError);
  });
});
