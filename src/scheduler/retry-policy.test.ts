import { describe, expect, it } from 'vitest';
import { CancelledError, ProviderError } from '../core/provider-error.js';
import {
  backoffCapMs,
  isRetryableError,
  isSlowDownSignal,
  normaliseError,
  retryDelayMs,
  validateRetryPolicy,
} from './retry-policy.js';

const policy = { maxAttempts: 6, baseDelayMs: 1_000, maxDelayMs: 10_000 };
const http = (statusCode: number, retryAfterMs?: number) => new ProviderError(`HTTP ${statusCode}`, { provider: 'test', statusCode, retryAfterMs });

describe('retry policy', () => {
  it('caps the backoff at min(maxDelay, base * 2^(attempt-1))', () => {
    expect([1, 2, 3, 4, 5, 6].map((a) => backoffCapMs(policy, a))).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000]);
  });

  it('full jitter stays within [0, cap] for any random value in [0, 1)', () => {
    let seed = 42;
    const lcg = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    for (const random of [() => 0, () => 0.999_999_9, lcg]) {
      for (let attempt = 1; attempt <= 8; attempt++) {
        for (let i = 0; i < 50; i++) {
          const delay = retryDelayMs(policy, attempt, http(503), random);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThanOrEqual(backoffCapMs(policy, attempt));
        }
      }
    }
    expect(retryDelayMs(policy, 3, http(503), () => 0.5)).toBe(2_000);
  });

  it('follows the provider retry delay, even beyond the cap, with at most 10% (max 1 s) of jitter', () => {
    expect(retryDelayMs(policy, 1, http(429, 5_000), () => 0)).toBe(5_000);
    expect(retryDelayMs(policy, 1, http(429, 5_000), () => 0.1)).toBe(5_050);
    expect(retryDelayMs(policy, 1, http(429, 60_000), () => 0.9)).toBe(60_900);
    // a late attempt does not add the grown exponential cap on top of the provider's hint
    expect(retryDelayMs(policy, 4, http(429, 100), () => 0.5)).toBe(105);
  });

  it('retries 408/429/5xx ProviderErrors only; never 400/401/403/404, cancellations or unknown errors', () => {
    for (const status of [408, 429, 500, 502, 503, 504]) expect(isRetryableError(http(status))).toBe(true);
    for (const status of [400, 401, 403, 404]) expect(isRetryableError(http(status))).toBe(false);
    expect(isRetryableError(new CancelledError())).toBe(false);
    expect(isRetryableError(Object.assign(new Error('aborted'), { name: 'AbortError' }))).toBe(false);
    expect(isRetryableError(new TypeError('undefined is not a function'))).toBe(false);
  });

  it('converts network failures to retryable ProviderErrors keeping the cause', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const fetchFailed = new TypeError('fetch failed', { cause: Object.assign(new Error('connect'), { code: 'ETIMEDOUT' }) });
    const bareFetchFailed = new TypeError('fetch failed');
    for (const error of [reset, fetchFailed, bareFetchFailed]) {
      const converted = normaliseError(error);
      expect(converted).toBeInstanceOf(ProviderError);
      expect(isRetryableError(converted)).toBe(true);
      expect((converted as ProviderError).cause).toBe(error);
    }
    expect((normaliseError(fetchFailed) as Error).message).toContain('ETIMEDOUT');

    const bug = new TypeError('x is undefined');
    const providerError = http(400);
    const cancel = new CancelledError();
    expect(normaliseError(bug)).toBe(bug);
    expect(normaliseError(providerError)).toBe(providerError);
    expect(normaliseError(cancel)).toBe(cancel);
  });

  it('recognises a request to slow down', () => {
    expect(isSlowDownSignal(http(429))).toBe(true);
    expect(isSlowDownSignal(http(503, 2_000))).toBe(true);
    expect(isSlowDownSignal(http(503))).toBe(false);
  });

  it('rejects a policy that cannot work', () => {
    expect(() => validateRetryPolicy({ ...policy, maxAttempts: 0 })).toThrow(RangeError);
    expect(() => validateRetryPolicy({ ...policy, baseDelayMs: -1 })).toThrow(RangeError);
    expect(() => validateRetryPolicy(policy)).not.toThrow();
  });
});
