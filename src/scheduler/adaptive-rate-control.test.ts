import { describe, expect, it } from 'vitest';
import { ProviderError } from '../core/provider-error.js';
import { ManualClock } from '../core/clock.js';
import { AdaptiveRate } from './adaptive-rate.js';
import { createScheduler } from './create-scheduler.js';
import type { AttemptHooks } from './run-attempt.js';
import { attemptsOf } from './scheduler-errors.js';
import type { ScheduledCall } from './scheduler.js';
import { track } from './test-helpers.js';

/**
 * A provider on the test's clock with a sliding-window quota of `limit`
 * calls per `windowMs` (refused calls do not count), as the Gemini stand-in
 * has: over it, a 429 with RetryInfo after 2 ms; every `failEvery`-th
 * admitted call a 503; otherwise an answer after `latencyMs`. Before its
 * request each call waits for one shared 300 ms upload of the video, as the
 * Gemini adapter does, so the first calls all become ready at once.
 */
class QuotaProvider {
  readonly starts: { at: number; model: string; job: string }[] = [];
  rateLimited = 0;
  private readonly windows = new Map<string, number[]>();
  private admitted = 0;
  private upload: Promise<void> | undefined;

  constructor(
    private readonly clock: ManualClock,
    private readonly quota: { limit: number; windowMs: number; perModel?: boolean; failEvery?: number; latencyMs?: number },
  ) {}

  call(model: string, job: string) {
    return async (_signal: AbortSignal, _attempt: number, hooks?: AttemptHooks): Promise<string> => {
      await (this.upload ??= this.clock.sleep(300));
      await hooks?.beforeRequest();
      this.starts.push({ at: this.clock.now(), model, job });
      await this.clock.sleep(1);
      const key = this.quota.perModel ? model : 'project';
      const window = (this.windows.get(key) ?? []).filter((t) => t > this.clock.now() - this.quota.windowMs);
      this.windows.set(key, window);
      if (window.length >= this.quota.limit) {
        this.rateLimited++;
        await this.clock.sleep(1);
        throw new ProviderError('429 RESOURCE_EXHAUSTED', {
          provider: 'gemini',
          statusCode: 429,
          retryAfterMs: this.quota.windowMs,
          rateLimitScope: this.quota.perModel ? 'model' : 'provider',
        });
      }
      window.push(this.clock.now());
      this.admitted++;
      if (this.quota.failEvery && this.admitted % this.quota.failEvery === 0) {
        await this.clock.sleep(1);
        throw new ProviderError('503 UNAVAILABLE', { provider: 'gemini', statusCode: 503 });
      }
      await this.clock.sleep(this.quota.latencyMs ?? 50);
      return `answer from ${model}`;
    };
  }
}

/** a deterministic stand-in for Math.random */
function lcg(seed = 7): () => number {
  let state = seed;
  return () => (state = (state * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
}

const models = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-2.5-flash-lite'];

async function runJobs(quota: ConstructorParameters<typeof QuotaProvider>[1], jobs = 8) {
  const clock = new ManualClock();
  const scheduler = createScheduler({ retry: { maxAttempts: 8, baseDelayMs: 1_000, maxDelayMs: 60_000 }, clock, random: lcg() });
  const provider = new QuotaProvider(clock, quota);
  const outcomes = [];
  for (let j = 0; j < jobs; j++) {
    for (const model of models) {
      const call: ScheduledCall = {
        jobId: `job${j}`,
        limiters: [
          { key: 'provider:gemini', limits: { requests_per_minute: Infinity, concurrent: Infinity } },
          { key: `model:${model}`, limits: { requests_per_minute: 150, concurrent: 32 } },
        ],
        signal: new AbortController().signal,
      };
      outcomes.push(track(scheduler.run(call, provider.call(model, `job${j}`))));
    }
  }
  let finishedAt = 0;
  await clock.runAll(100_000);
  for (const outcome of outcomes) expect(outcome.status).not.toBe('pending');
  finishedAt = clock.now();
  const succeeded = outcomes.filter((o) => o.status === 'fulfilled').length;
  return { provider, succeeded, failed: outcomes.length - succeeded, seconds: finishedAt / 1000, scheduler };
}

describe('adaptive rate control', () => {
  it('8 jobs × 4 models under a shared 4 calls / 2 s quota with a 503 every 7th admitted call: ≥ 0.8 of the cap, ≤ 0.5 429s per answer, no failure', async () => {
    const { provider, succeeded, failed, seconds, scheduler } = await runJobs({ limit: 4, windowMs: 2_000, failEvery: 7 });
    const cap = 4 / 2;
    expect(failed).toBe(0);
    expect(succeeded).toBe(32);
    expect(succeeded / seconds / cap).toBeGreaterThanOrEqual(0.8);
    expect(provider.rateLimited / succeeded).toBeLessThanOrEqual(0.5);
    // learned where the quota is: the provider, not each model
    const learned = scheduler.limiterStats().filter((s) => s.learnedPerSecond !== undefined).map((s) => s.key);
    expect(learned).toEqual(['provider:gemini']);

    // after the first 429 nobody bursts: starts come one at a time, never two within 100 ms
    const firstRefusal = provider.starts[4]!.at;
    const later = provider.starts.filter((s) => s.at > firstRefusal).map((s) => s.at);
    for (let i = 1; i < later.length; i++) expect(later[i]! - later[i - 1]!).toBeGreaterThanOrEqual(100);
    // jobs still take turns: every job has a request among the first 10 (the very first call got in before the others
    // queued, and the refused call goes again first after the hold)
    expect(new Set(provider.starts.slice(0, 10).map((s) => s.job)).size).toBe(8);
  });

  it('learns per model when each model has its own quota and the 429s say so', async () => {
    const { provider, succeeded, failed, seconds, scheduler } = await runJobs({ limit: 4, windowMs: 2_000, perModel: true });
    expect([succeeded, failed]).toEqual([32, 0]);
    // four quotas side by side: well beyond what one shared 2 calls/s could carry
    expect(succeeded / seconds).toBeGreaterThan(2 * 2);
    expect(provider.rateLimited / succeeded).toBeLessThanOrEqual(0.5);
    const learned = scheduler.limiterStats().filter((s) => s.learnedPerSecond !== undefined).map((s) => s.key).sort();
    expect(learned).toEqual(models.map((m) => `model:${m}`).sort());
  });
});

describe('a refused call at an adaptive limiter', () => {
  it('queues again at once, is held by the limiter for the retry delay, and says how long it waits', async () => {
    const clock = new ManualClock();
    const scheduler = createScheduler({ retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 1_000 }, clock, random: () => 0.5 });
    const starts: number[] = [];
    const retries: number[] = [];
    const limiters = [{ key: 'provider:p', limits: { requests_per_minute: Infinity, concurrent: 4 } }];
    const result = track(
      scheduler.run({ jobId: 'a', limiters, signal: new AbortController().signal, onRetry: ({ delayMs }) => retries.push(delayMs) }, async (_signal, attempt, hooks) => {
        await hooks?.beforeRequest();
        starts.push(clock.now());
        if (attempt === 1) throw new ProviderError('429', { provider: 'p', statusCode: 429, retryAfterMs: 5_000 });
        return 'ok';
      }),
    );
    await clock.runAll();
    expect(result).toEqual({ status: 'fulfilled', value: { value: 'ok', attempts: 2 } });
    expect(retries).toEqual([5_000]);
    // held for the delay, then paced at what it learned (one admitted request per 5 s, less the margin)
    expect(starts[0]).toBe(0);
    expect(starts[1]).toBeGreaterThanOrEqual(5_000);
    expect(starts[1]).toBeLessThan(5_300);
  });
});

describe('429s and the attempt budget', () => {
  const tooMany = () => new ProviderError('429', { provider: 'p', statusCode: 429, retryAfterMs: 1_000 });

  it('waits out 429s that give a delay without using up the attempts meant for real failures', async () => {
    const clock = new ManualClock();
    const scheduler = createScheduler({ retry: { maxAttempts: 2, baseDelayMs: 100, maxDelayMs: 1_000 }, clock, random: () => 0 });
    const result = track(
      scheduler.run({ jobId: 'a', limiters: [], signal: new AbortController().signal }, async (_signal, attempt) => {
        if (attempt <= 10) throw tooMany();
        if (attempt === 11) throw new ProviderError('503', { provider: 'p', statusCode: 503 });
        return 'ok';
      }),
    );
    await clock.runAll();
    expect(result).toEqual({ status: 'fulfilled', value: { value: 'ok', attempts: 12 } });
  });

  it('still gives up after maxRateLimitWaits 429s, or once they add up to maxRateLimitWaitMs', async () => {
    for (const [retry, attempts] of [
      [{ maxRateLimitWaits: 5 }, 6],
      [{ maxRateLimitWaitMs: 3_500 }, 4],
    ] as const) {
      const clock = new ManualClock();
      const scheduler = createScheduler({ retry: { maxAttempts: 3, baseDelayMs: 100, maxDelayMs: 1_000, ...retry }, clock, random: () => 0 });
      const result = track(scheduler.run({ jobId: 'a', limiters: [], signal: new AbortController().signal }, async () => Promise.reject(tooMany())));
      await clock.runAll();
      expect(result.status).toBe('rejected');
      expect((result.error as ProviderError).statusCode).toBe(429);
      expect(attemptsOf(result.error)).toBe(attempts);
    }
  });
});

describe('a 429 once the rate is known', () => {
  /** an AdaptiveRate that has learned 2 requests/s from a first 429 after a burst of 4 */
  function learnedAtTwoPerSecond() {
    const rate = new AdaptiveRate({ margin: 1, increasePerSecond: 0 });
    for (let t = 0; t < 4; t++) rate.recordSettled(rate.recordSend(t), t + 50);
    expect(rate.recordRefusal(rate.recordSend(4), 6, 2_000)).toBe(2_000);
    expect(rate.nextSendAt(100)).toBe(2_006);
    expect(rate.nextGrantAt(100)).toBe(2_006);
    rate.nextSendAt(2_006); // the delay has passed: learn
    expect(rate.learnedPerSecond).toBeCloseTo(2);
    return rate;
  }

  it('steps the rate back and paces on one gap later, instead of holding every request for the retry delay', () => {
    const rate = learnedAtTwoPerSecond();
    const sent = rate.recordSend(10_000);
    expect(rate.recordRefusal(sent, 10_050, 2_000)).toBeCloseTo(500);
    expect(rate.learnedPerSecond).toBeCloseTo(2); // margin 1: stepped back by nothing in this test
    expect(rate.nextSendAt(10_050)).toBeCloseTo(10_550);
    expect(rate.nextGrantAt(10_050)).toBeCloseTo(10_550);
  });

  it('holds everything for the retry delay and measures again when a second 429 comes within that delay', () => {
    const rate = learnedAtTwoPerSecond();
    rate.recordRefusal(rate.recordSend(10_000), 10_050, 2_000);
    const next = rate.recordSend(10_550);
    expect(rate.recordRefusal(next, 10_600, 2_000)).toBe(2_000);
    expect(rate.nextSendAt(10_700)).toBe(12_600);
    // a 429 for a request sent before the step carries no news
    const early = new AdaptiveRate({ margin: 1, increasePerSecond: 0 });
    for (let t = 0; t < 4; t++) early.recordSend(t);
    early.recordRefusal(early.recordSend(4), 6, 2_000);
    early.nextSendAt(3_000);
    const inFlight = early.recordSend(9_990);
    early.recordRefusal(early.recordSend(10_000), 10_050, 2_000);
    expect(early.recordRefusal(inFlight, 10_060, 2_000)).toBe(0);
  });
});
