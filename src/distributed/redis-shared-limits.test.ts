import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { missingServices, testServices, uniqueTestName } from '../../test/helpers/services.js';
import { CancelledError } from '../core/provider-error.js';
import { createLogger } from '../logging/logger.js';
import { systemClock, type Clock } from '../core/clock.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { createRedisSharedLimits, sharedWindow } from './redis-shared-limits.js';
import { createRedisSharedSlots } from './redis-shared-slots.js';

const logger = createLogger('silent');

const unavailable = (await missingServices(['redis'])).length > 0;

/** Sleeps begun on the frozen clock: each is an acquire that was refused and now waits. */
let waiting = 0;

/** A clock whose sleeps last until aborted: whatever is admitted, is admitted without waiting for a window to pass. */
const frozenClock: Clock = {
  now: () => 0,
  sleep: (_ms, signal) =>
    new Promise((_resolve, reject) => {
      waiting++;
      signal?.addEventListener('abort', () => reject(new CancelledError()), { once: true });
    }),
};

describe('sharedWindow', () => {
  it('counts one burst per whole-second window at the steady rate', () => {
    expect(sharedWindow({ requests_per_minute: 120, concurrent: 4 })).toEqual({ seconds: 2, points: 4 });
    expect(sharedWindow({ requests_per_minute: 1000, concurrent: 32 })).toEqual({ seconds: 2, points: 33 });
    expect(sharedWindow({ requests_per_minute: 10, concurrent: 50 })).toEqual({ seconds: 60, points: 10 });
  });
});

describe.skipIf(unavailable)('Redis shared limits', () => {
  const redis = unavailable ? undefined : new Redis(testServices.redisUrl);
  const prefixes: string[] = [];
  const opened: Array<{ close(): void }> = [];

  afterAll(async () => {
    for (const limits of opened) limits.close();
    for (const prefix of prefixes) {
      const keys = await redis!.keys(`${prefix}*`);
      if (keys.length) await redis!.del(...keys);
    }
    await redis?.quit();
  });

  /** two processes' views of the same limits */
  function twoWorkers() {
    const prefix = uniqueTestName('vclimits');
    prefixes.push(prefix);
    const workers = [createRedisSharedLimits(redis!, prefix, frozenClock, logger), createRedisSharedLimits(redis!, prefix, frozenClock, logger)] as const;
    opened.push(...workers);
    return workers;
  }

  /** how many attempts were admitted once each has been admitted or refused (refused ones then wait on the frozen clock) */
  async function admitted(attempts: Promise<void>[], controller: AbortController): Promise<number> {
    let count = 0;
    waiting = 0;
    const settled = attempts.map((attempt) => attempt.then(() => count++, () => undefined));
    await waitFor(() => count + waiting === attempts.length, 5000);
    controller.abort();
    await Promise.all(settled);
    return count;
  }

  it('admits one window of starts across both workers, not one per worker', async () => {
    const [a, b] = twoWorkers();
    const limits = { requests_per_minute: 120, concurrent: 4 };
    const controller = new AbortController();
    const attempts = [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? a : b).acquire('provider:gemini', limits, controller.signal));
    expect(await admitted(attempts, controller)).toBe(4);
  });

  it('a cool-down set by one worker holds back the other', async () => {
    const [a, b] = twoWorkers();
    const limits = { requests_per_minute: 120, concurrent: 4 };
    await a.pauseFor('model:gemini-2.5-pro', limits, 5000);
    const controller = new AbortController();
    expect(await admitted([b.acquire('model:gemini-2.5-pro', limits, controller.signal)], controller)).toBe(0);
  });

  it('holds at most `concurrent` calls in flight across both workers; a released place is taken again', async () => {
    const [a, b] = twoWorkers();
    const limits = { requests_per_minute: Infinity, concurrent: 2 };
    const first = await a.holdSlot!('model:gemini-2.5-flash', limits, new AbortController().signal);
    await b.holdSlot!('model:gemini-2.5-flash', limits, new AbortController().signal);
    const controller = new AbortController();
    const attempts = [a, b, a].map((worker) => worker.holdSlot!('model:gemini-2.5-flash', limits, controller.signal).then(() => undefined));
    expect(await admitted(attempts, controller)).toBe(0);
    await first();
    const again = new AbortController();
    expect(await admitted([b.holdSlot!('model:gemini-2.5-flash', limits, again.signal).then(() => undefined)], again)).toBe(1);
    // another key has places of its own
    const other = new AbortController();
    expect(await admitted([a.holdSlot!('model:gemini-2.5-pro', limits, other.signal).then(() => undefined)], other)).toBe(1);
  });

  it('gives back the place of a worker that died (stopped renewing) once its lease expires', async () => {
    const prefix = uniqueTestName('vcslots');
    prefixes.push(prefix);
    const limits = { requests_per_minute: Infinity, concurrent: 1 };
    // a holder that never renews its lease, as a SIGKILLed worker
    const dead = createRedisSharedSlots(redis!, prefix, systemClock, logger, { leaseMs: 800, renewMs: 0 }).hold;
    const slots = createRedisSharedSlots(redis!, prefix, systemClock, logger, { leaseMs: 800, renewMs: 200 });
    opened.push({ close: () => slots.stopRenewing() });
    const alive = slots.hold;
    const deadTookIt = Date.now();
    await dead('model:x', limits, new AbortController().signal);
    const release = await alive('model:x', limits, new AbortController().signal);
    const taken = Date.now();
    // not before the dead holder's lease ran out (leases are stamped with this same clock)
    expect(taken - deadTookIt).toBeGreaterThanOrEqual(800);
    // a renewed lease outlives its duration: a third holder still waits after two leases' time
    const controller = new AbortController();
    const third = alive('model:x', limits, controller.signal);
    await waitFor(() => Date.now() - taken > 2000, 5000);
    controller.abort();
    await expect(third).rejects.toBeInstanceOf(CancelledError);
    await release();
  });

  it('leaves unlimited rates alone', async () => {
    const [a] = twoWorkers();
    const controller = new AbortController();
    const attempts = Array.from({ length: 20 }, () => a.acquire('model:local', { requests_per_minute: Infinity, concurrent: 2 }, controller.signal));
    expect(await admitted(attempts, controller)).toBe(20);
  });
});
