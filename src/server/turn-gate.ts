import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Lets at most `limit` calls of some heavy, synchronous-in-practice work
 * (SQLite reads, building and serialising big responses) run at a time. Each
 * call starts on a fresh event-loop turn, so requests that are waiting for
 * I/O (a `/health` probe, a job creation) are served between two of them
 * instead of after all of them.
 */
export function createTurnGate(limit: number): <T>(work: () => Promise<T>) => Promise<T> {
  let active = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (active < limit) active += 1;
    else await new Promise<void>((resolve) => waiting.push(resolve));
    try {
      // the first turn may still come before this loop iteration's poll phase; the second cannot
      await nextTurn();
      await nextTurn();
      return await work();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else active -= 1;
    }
  };
}
