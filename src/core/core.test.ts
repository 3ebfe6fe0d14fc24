import { describe, expect, it } from 'vitest';
import { throwIfAborted, untilAborted } from './abort.js';
import { isNetworkError, networkFailure } from './network-errors.js';
import { CancelledError } from './provider-error.js';

describe('network failure classification', () => {
  it('prefers the socket code below a generic "fetch failed"', () => {
    const error = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });
    expect(networkFailure(error)).toBe('ECONNREFUSED');
  });

  it('knows undici timeouts by name and dropped sockets by message', () => {
    expect(networkFailure(Object.assign(new Error('x'), { name: 'HeadersTimeoutError' }))).toBe('HeadersTimeoutError');
    expect(isNetworkError(new Error('socket hang up'))).toBe(true);
  });

  it('leaves application errors alone', () => {
    expect(isNetworkError(new Error('400 bad request'))).toBe(false);
    expect(isNetworkError(Object.assign(new Error('disk'), { code: 'ENOSPC' }))).toBe(false);
    expect(isNetworkError('text')).toBe(false);
  });
});

describe('abort helpers', () => {
  it('untilAborted rejects when the signal fires even if the work never settles', async () => {
    const controller = new AbortController();
    const waiting = untilAborted(new Promise(() => {}), controller.signal);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(CancelledError);
  });

  it('untilAborted passes the result through and uses the caller’s error', async () => {
    const controller = new AbortController();
    await expect(untilAborted(Promise.resolve(7), controller.signal)).resolves.toBe(7);
    controller.abort();
    await expect(untilAborted(Promise.resolve(7), controller.signal, () => new Error('stopped'))).rejects.toThrow('stopped');
    expect(() => throwIfAborted(controller.signal)).toThrow(CancelledError);
  });

  it('untilAborted on an already aborted signal leaves no unhandled rejection when the work fails later', async () => {
    const unhandled: unknown[] = [];
    const record = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', record);
    try {
      const controller = new AbortController();
      controller.abort();
      let fail!: (error: Error) => void;
      const work = new Promise<never>((_, reject) => (fail = reject));
      await expect(untilAborted(work, controller.signal)).rejects.toBeInstanceOf(CancelledError);
      fail(new Error('Cancelled'));
      await new Promise((resolve) => setImmediate(resolve));
      await new Promise((resolve) => setImmediate(resolve));
      expect(unhandled).toEqual([]);
    } finally {
      process.off('unhandledRejection', record);
    }
  });
});
