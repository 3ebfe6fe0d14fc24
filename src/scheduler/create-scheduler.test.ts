import { describe, expect, it } from 'vitest';
import { CancelledError, ProviderError } from '../core/provider-error.js';
import { ManualClock } from '../core/clock.js';
import { createScheduler } from './create-scheduler.js';
import { AttemptTimeoutError, attemptsOf } from './scheduler-errors.js';
import type { AdaptiveRateOptions } from './adaptive-rate.js';
import type { RateLimits, RetryPolicy, ScheduledCall } from './scheduler.js';
import { FakeCalls, track } from './test-helpers.js';

const unlimited = (concurrent: number): RateLimits => ({ requests_per_minute: Infinity, concurrent });
const http = (statusCode: number, retryAfterMs?: number) =>
  new ProviderError(`HTTP ${statusCode}`, { provider: 'test', statusCode, retryAfterMs });

function setup(options: { random?: () => number; attemptTimeoutMs?: number; maxAttempts?: number; adaptive?: AdaptiveRateOptions | false; retry?: Partial<RetryPolicy> } = {}) {
  const clock = new ManualClock();
  const scheduler = createScheduler({
    retry: { maxAttempts: options.maxAttempts ?? 3, baseDelayMs: 1_000, maxDelayMs: 30_000, ...options.retry },
    clock,
    random: options.random ?? (() => 0.5),
    attemptTimeoutMs: options.attemptTimeoutMs,
    // no probe gap: these tests are about limits, fairness and retries, not about learning a rate
    adaptive: options.adaptive ?? { probeGapMs: 0 },
  });
  const calls = new FakeCalls(() => clock.now());
  const call = (jobId: string, limiters: ScheduledCall['limiters'], extra: Partial<ScheduledCall> = {}): ScheduledCall => ({
    jobId,
    limiters,
    signal: new AbortController().signal,
    ...extra,
  });
  return { clock, scheduler, calls, call };
}

describe('createScheduler: limits and fairness', () => {
  it('respects each key’s concurrency cap across jobs, and a shared provider cap across models', async () => {
    const { clock, scheduler, calls, call } = setup();
    const a = { key: 'model:a', limits: unlimited(2) };
    const b = { key: 'model:b', limits: unlimited(3) };
    const provider = { key: 'provider:p', limits: unlimited(4) };
    const runs = [];
    for (let i = 0; i < 12; i++) {
      const job = `job${i % 3}`;
      runs.push(scheduler.run(call(job, [provider, a]), calls.fn(`a${i}`, ['model:a', 'provider:p'])));
      runs.push(scheduler.run(call(job, [provider, b]), calls.fn(`b${i}`, ['model:b', 'provider:p'])));
    }
    for (let round = 0; round < 100 && calls.starts.length < 24; round++) {
      await clock.settle();
      // finish in an uneven order so places free up at different limiters
      const running = [...calls.running.keys()];
      calls.finish(running[round % running.length]);
    }
    await clock.settle();
    for (const id of [...calls.running.keys()]) calls.finish(id);
    await Promise.all(runs);

    expect(calls.starts.length).toBe(24);
    expect(calls.maxInFlight.get('model:a')).toBe(2);
    expect(calls.maxInFlight.get('model:b')).toBe(3);
    expect(calls.maxInFlight.get('provider:p')).toBe(4);
  });

  it('spreads starts over time under a requests-per-minute limit', async () => {
    const { clock, scheduler, call } = setup();
    const limiter = { key: 'model:slow', limits: { requests_per_minute: 60, concurrent: 100 } };
    let started = 0;
    const runs = Array.from({ length: 100 }, (_, i) =>
      scheduler.run(call(`job${i % 4}`, [limiter]), async () => {
        started++;
        return i;
      }),
    );
    await clock.settle();
    const counts = [started];
    for (let t = 0; t < 4; t++) {
      await clock.advance(10_000);
      counts.push(started);
    }
    expect(counts).toEqual([60, 70, 80, 90, 100]);
    expect((await Promise.all(runs)).map((r) => r.attempts)).toEqual(Array(100).fill(1));
  });

  it('lets a job that arrives later take turns with a job that queued 50 calls', async () => {
    const { clock, scheduler, calls, call } = setup();
    const limiter = { key: 'model:a', limits: unlimited(1) };
    const runs = [];
    for (let i = 0; i < 50; i++) runs.push(scheduler.run(call('A', [limiter]), calls.fn(`A${i}`)));
    await clock.settle();
    for (let i = 0; i < 2; i++) runs.push(scheduler.run(call('B', [limiter]), calls.fn(`B${i}`)));
    while (calls.running.size > 0) {
      calls.finish([...calls.running.keys()][0]);
      await clock.settle();
    }
    await Promise.all(runs);

    const order = calls.startedIds();
    expect(order.length).toBe(52);
    expect(order.indexOf('B0')).toBeLessThanOrEqual(2);
    expect(order.indexOf('B1')).toBeLessThanOrEqual(4);
    expect(calls.maxInFlight.get('all')).toBe(1);
  });
});

describe('createScheduler: retries', () => {
  it('honours a 429 retry delay and holds every other call at that limiter for the cooldown', async () => {
    // fixed limits only: what the 429 teaches is tested in adaptive-rate-control.test.ts
    const { clock, scheduler, calls, call } = setup({ random: () => 0, adaptive: false });
    const limiter = { key: 'model:a', limits: unlimited(2) };
    const retries: unknown[] = [];
    const first = track(scheduler.run(call('A', [limiter], { onRetry: (info) => retries.push(info) }), calls.fn('x')));
    await clock.settle();
    calls.fail('x', http(429, 5_000));
    await clock.settle();
    const other = track(scheduler.run(call('B', [limiter]), calls.fn('y')));

    await clock.advance(4_999);
    expect(calls.starts).toEqual([{ id: 'x', attempt: 1, at: 0 }]);
    expect(retries).toEqual([{ attempt: 1, error: expect.objectContaining({ statusCode: 429 }), delayMs: 5_000 }]);
    expect(scheduler.limiterStats()).toEqual([{ key: 'model:a', inFlight: 0, waiting: 1, pausedUntil: 5_000 }]);

    await clock.advance(1);
    expect(calls.starts.map((s) => [s.id, s.attempt, s.at])).toEqual([
      ['x', 1, 0],
      ['y', 1, 5_000],
      ['x', 2, 5_000],
    ]);
    calls.finish('x');
    calls.finish('y');
    await clock.settle();
    expect(first).toMatchObject({ status: 'fulfilled', value: { value: 'answer x', attempts: 2 } });
    expect(other).toMatchObject({ status: 'fulfilled', value: { attempts: 1 } });
  });

  it('retries a 503 after a jittered backoff, without a cooldown, and then succeeds', async () => {
    const { clock, scheduler, calls, call } = setup({ random: () => 0.5 });
    const limiter = { key: 'model:a', limits: unlimited(1) };
    const result = track(scheduler.run(call('A', [limiter]), calls.fn('x')));
    await clock.settle();
    calls.fail('x', http(503));
    await clock.advance(499); // delay = 0.5 * min(30 s, 1 s * 2^0)
    expect(calls.starts.length).toBe(1);
    expect(scheduler.limiterStats()[0].pausedUntil).toBeUndefined();
    await clock.advance(1);
    expect(calls.starts.map((s) => s.attempt)).toEqual([1, 2]);
    calls.finish('x', 'ok');
    await clock.settle();
    expect(result).toEqual({ status: 'fulfilled', value: { value: 'ok', attempts: 2 } });
  });

  it('grows the exponential backoff only with failures the provider gave no delay for', async () => {
    const { clock, scheduler, calls, call } = setup({ random: () => 0.5, maxAttempts: 6 });
    const delays: number[] = [];
    const result = track(scheduler.run(call('A', [], { onRetry: (info) => delays.push(info.delayMs) }), calls.fn('x')));
    await clock.settle();
    for (let i = 0; i < 3; i++) {
      calls.fail('x', http(429, 1_000));
      await clock.advance(1_050);
    }
    calls.fail('x', http(503));
    await clock.advance(499);
    expect(calls.starts).toHaveLength(4);
    await clock.advance(1);
    expect(calls.starts).toHaveLength(5);
    // three 429s waited what the provider asked (plus jitter); the first 503 backs off from the base: 0.5 × 1 s, not 0.5 × 8 s
    expect(delays).toEqual([1_050, 1_050, 1_050, 500]);
    calls.finish('x', 'ok');
    await clock.settle();
    expect(result).toEqual({ status: 'fulfilled', value: { value: 'ok', attempts: 5 } });
  });

  it('does not retry a 400: one attempt, the same error, no onRetry', async () => {
    const { clock, scheduler, calls, call } = setup();
    let retried = false;
    const bad = http(400);
    const result = track(scheduler.run(call('A', [], { onRetry: () => (retried = true) }), calls.fn('x')));
    await clock.settle();
    calls.fail('x', bad);
    await clock.settle();
    expect(result.status).toBe('rejected');
    expect(result.error).toBe(bad);
    expect(attemptsOf(result.error)).toBe(1);
    expect(calls.starts.length).toBe(1);
    expect(retried).toBe(false);
    expect(clock.pendingSleeps()).toBe(0);
  });

  it('rejects with the last error and the attempt count once attempts run out', async () => {
    const { clock, scheduler, call } = setup({ maxAttempts: 3 });
    const errors: ProviderError[] = [];
    const result = track(
      scheduler.run(call('A', [{ key: 'model:a', limits: unlimited(1) }]), async (_signal, attempt) => {
        const error = http(503);
        error.message = `503 on attempt ${attempt}`;
        errors.push(error);
        throw error;
      }),
    );
    await clock.runAll();
    expect(result.status).toBe('rejected');
    expect(errors.length).toBe(3);
    expect(result.error).toBe(errors[2]);
    expect(attemptsOf(result.error)).toBe(3);
    expect((result.error as { attempts: number }).attempts).toBe(3);
  });

  it('retries connection resets as retryable provider errors', async () => {
    const { clock, scheduler, call } = setup();
    const failures = [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), new TypeError('fetch failed')];
    const result = track(
      scheduler.run(call('A', []), async (_signal, attempt) => {
        if (attempt <= failures.length) throw failures[attempt - 1];
        return 'ok';
      }),
    );
    await clock.runAll();
    expect(result).toEqual({ status: 'fulfilled', value: { value: 'ok', attempts: 3 } });
  });

  it('aborts an attempt that runs past the timeout and retries it', async () => {
    const { clock, scheduler, calls, call } = setup({ attemptTimeoutMs: 10_000, random: () => 0 });
    const retries: unknown[] = [];
    const result = track(scheduler.run(call('A', [{ key: 'model:a', limits: unlimited(1) }], { onRetry: (i) => retries.push(i.error) }), calls.fn('x')));
    await clock.settle();
    const firstSignal = calls.running.get('x')!.signal;
    await clock.advance(10_000);
    expect(firstSignal.aborted).toBe(true);
    expect(firstSignal.reason).toBeInstanceOf(AttemptTimeoutError);
    expect(retries[0]).toBeInstanceOf(AttemptTimeoutError);
    expect(calls.starts.map((s) => s.attempt)).toEqual([1, 2]);
    calls.finish('x', 'late but fine');
    await clock.settle();
    expect(result).toEqual({ status: 'fulfilled', value: { value: 'late but fine', attempts: 2 } });
    expect(clock.pendingSleeps()).toBe(0); // the second attempt's timer was cancelled
  });
});

describe('createScheduler: cancellation', () => {
  it('rejects a queued call at once; it never runs', async () => {
    const { clock, scheduler, calls, call } = setup();
    const limiter = { key: 'model:a', limits: unlimited(1) };
    const running = track(scheduler.run(call('A', [limiter]), calls.fn('x')));
    const controller = new AbortController();
    const queued = track(scheduler.run(call('B', [limiter], { signal: controller.signal }), calls.fn('y')));
    await clock.settle();
    controller.abort();
    await clock.settle();
    expect(queued.status).toBe('rejected');
    expect(queued.error).toBeInstanceOf(CancelledError);
    expect(scheduler.limiterStats()[0]).toMatchObject({ inFlight: 1, waiting: 0 });

    calls.finish('x');
    await clock.settle();
    expect(running.status).toBe('fulfilled');
    expect(calls.startedIds()).toEqual(['x']);
  });

  it('aborts an in-flight call’s signal and frees its place at once, even if fn ignores the signal', async () => {
    const { clock, scheduler, calls, call } = setup();
    const limiter = { key: 'model:a', limits: unlimited(1) };
    const controller = new AbortController();
    const cancelled = track(scheduler.run(call('A', [limiter], { signal: controller.signal }), () => new Promise<string>(() => undefined)));
    const next = track(scheduler.run(call('B', [limiter]), calls.fn('y')));
    await clock.settle();
    expect(calls.startedIds()).toEqual([]);

    controller.abort();
    await clock.settle();
    expect(cancelled.status).toBe('rejected');
    expect(cancelled.error).toBeInstanceOf(CancelledError);
    expect(calls.startedIds()).toEqual(['y']);
    calls.finish('y');
    await clock.settle();
    expect(next.status).toBe('fulfilled');
  });

  it('passes the abort to fn’s signal and stops a call waiting for its retry', async () => {
    const { clock, scheduler, calls, call } = setup();
    const controller = new AbortController();
    const result = track(scheduler.run(call('A', [], { signal: controller.signal }), calls.fn('x')));
    await clock.settle();
    const signal = calls.running.get('x')!.signal;
    calls.fail('x', http(503));
    await clock.waitForSleepers(1);
    controller.abort();
    await clock.settle();
    expect(signal.aborted).toBe(false); // that attempt had already finished
    expect(result.status).toBe('rejected');
    expect(result.error).toBeInstanceOf(CancelledError);
    expect(attemptsOf(result.error)).toBe(1);
    await clock.runAll();
    expect(calls.starts.length).toBe(1);

    const second = new AbortController();
    const inFlight = track(scheduler.run(call('A', [], { signal: second.signal }), calls.fn('z')));
    await clock.settle();
    const zSignal = calls.running.get('z')!.signal;
    second.abort();
    await clock.settle();
    expect(zSignal.aborted).toBe(true);
    expect(inFlight.error).toBeInstanceOf(CancelledError);
  });
});

describe('createScheduler: places shared with other processes', () => {
  it('holds a shared place at every limiter, in order, for each attempt, and gives it back whether the attempt succeeds or fails', async () => {
    const events: string[] = [];
    const scheduler = createScheduler({
      retry: { maxAttempts: 1, baseDelayMs: 0, maxDelayMs: 0 },
      clock: new ManualClock(),
      random: () => 0,
      adaptive: false,
      shared: {
        acquire: async (key) => void events.push(`start ${key}`),
        pauseFor: async () => undefined,
        holdSlot: async (key) => {
          events.push(`hold ${key}`);
          return async () => void events.push(`release ${key}`);
        },
      },
    });
    const limiters = [
      { key: 'provider:gemini', limits: unlimited(4) },
      { key: 'model:flash', limits: unlimited(2) },
    ];
    const failing = scheduler.run({ jobId: 'j', limiters, signal: new AbortController().signal }, async () => {
      events.push('call');
      throw new ProviderError('bad request', { provider: 'gemini', isRetryable: false, statusCode: 400 });
    });
    await expect(failing).rejects.toBeInstanceOf(ProviderError);
    const { value } = await scheduler.run({ jobId: 'j', limiters, signal: new AbortController().signal }, async () => {
      events.push('call');
      return 'answer';
    });
    expect(value).toBe('answer');
    const attempt = ['hold provider:gemini', 'hold model:flash', 'start provider:gemini', 'start model:flash', 'call', 'release provider:gemini', 'release model:flash'];
    expect(events).toEqual([...attempt, ...attempt]);
  });
});
