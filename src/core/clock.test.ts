import { describe, expect, it } from 'vitest';
import { CancelledError } from './provider-error.js';
import { ManualClock, systemClock } from './clock.js';
import { track } from '../scheduler/test-helpers.js';

describe('ManualClock', () => {
  it('wakes sleepers in time order, ties in arrival order, only when due', async () => {
    const clock = new ManualClock(100);
    const woke: string[] = [];
    for (const [name, ms] of [['c', 30], ['a', 10], ['b', 10]] as const) {
      void clock.sleep(ms).then(() => woke.push(`${name}@${clock.now()}`));
    }
    expect(clock.pendingSleeps()).toBe(3);
    expect(clock.nextWakeAt()).toBe(110);

    await clock.advance(9);
    expect(woke).toEqual([]);
    await clock.advance(21);
    expect(woke).toEqual(['a@110', 'b@110', 'c@130']);
    expect(clock.now()).toBe(130);
    expect(clock.pendingSleeps()).toBe(0);
  });

  it('wakes sleeps chained on an earlier wake-up within the same advance', async () => {
    const clock = new ManualClock();
    const woke: number[] = [];
    void clock.sleep(10).then(async () => {
      woke.push(clock.now());
      await clock.sleep(10);
      woke.push(clock.now());
    });
    await clock.advance(25);
    expect(woke).toEqual([10, 20]);
    expect(clock.now()).toBe(25);
  });

  it('rejects an aborted sleep with CancelledError and forgets it', async () => {
    const clock = new ManualClock();
    const controller = new AbortController();
    const sleep = track(clock.sleep(1000, controller.signal));
    controller.abort();
    await clock.settle();
    expect(sleep.status).toBe('rejected');
    expect(sleep.error).toBeInstanceOf(CancelledError);
    expect(clock.pendingSleeps()).toBe(0);
    await expect(clock.sleep(1, controller.signal)).rejects.toBeInstanceOf(CancelledError);
  });

  it('waitForSleepers returns once the code under test blocks on the clock; runAll drains', async () => {
    const clock = new ManualClock();
    const work = track(
      (async () => {
        await Promise.resolve();
        await clock.sleep(500);
        await clock.sleep(500);
        return clock.now();
      })(),
    );
    await clock.waitForSleepers(1);
    expect(clock.pendingSleeps()).toBe(1);
    await clock.runAll();
    expect(work).toEqual({ status: 'fulfilled', value: 1000 });
    await expect(clock.waitForSleepers(1, 3)).rejects.toThrow(/expected 1 sleepers/);
  });
});

describe('systemClock', () => {
  it('rejects a sleep at once when its signal aborts', async () => {
    const controller = new AbortController();
    const sleep = systemClock.sleep(60_000, controller.signal);
    controller.abort();
    await expect(sleep).rejects.toBeInstanceOf(CancelledError);
  });
});
