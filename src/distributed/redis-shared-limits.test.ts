import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { missingServices, testServices, uniqueTestName } from '../../test/helpers/services.js';
import { CancelledError } from '../core/provider-error.js';
import type { Clock } from '../core/clock.js';
import { waitFor } from '../../test/helpers/wait-for.js';
import { createRedisSharedLimits, sharedWindow } from './redis-shared-limits.js';

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

  afterAll(async () => {
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
    return [createRedisSharedLimits(redis!, prefix, frozenClock), createRedisSharedLimits(redis!, prefix, frozenClock)] as const;
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

  it('leaves unlimited rates alone', async () => {
    const [a] = twoWorkers();
    const controller = new AbortController();
    const attempts = Array.from({ length: 20 }, () => a.acquire('model:local', { requests_per_minute: Infinity, concurrent: 2 }, controller.signal));
    expect(await admitted(attempts, controller)).toBe(20);
  });
});
