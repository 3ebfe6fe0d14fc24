import { createServer } from 'node:net';
import { ApiError } from '@google/genai';
import { afterEach, describe, expect, it } from 'vitest';
import { googleError, startGeminiStandIn, unreadableSuccess, type GeminiStandIn, type GeminiStandInOptions } from '../../../test/stand-ins/gemini-stand-in.js';
import { catalogueModelSchema } from '../../domain/index.js';
import type { GenerateRequest } from '../provider.js';
import { CancelledError, isCancellation, ProviderError } from '../../core/provider-error.js';
import { createGeminiProvider } from './create-gemini-provider.js';
import { isFileGoneError, mapGeminiError, parseGoogleErrorBody, quotaScope } from './map-gemini-error.js';

const KEY = 'test-key-not-secret';
const noFiles = {
  getProviderFile: async () => undefined,
  saveProviderFile: async () => undefined,
  deleteProviderFile: async () => undefined,
};

let standIn: GeminiStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

async function callWith(options: GeminiStandInOptions, calls = 1, extra: Partial<GenerateRequest> = {}) {
  standIn = await startGeminiStandIn({ apiKey: KEY, ...options });
  const gemini = createGeminiProvider({ apiKey: KEY, baseUrl: standIn.url, files: noFiles });
  const model = catalogueModelSchema.parse({ id: 'g', name: 'g', provider: 'gemini', provider_model: 'gemini-2.5-flash' });
  let last: unknown;
  for (let i = 0; i < calls; i += 1) {
    last = await gemini
      .generate({ model, prompt: 'Rate this.', signal: new AbortController().signal, ...extra })
      .catch((error: unknown) => error);
  }
  return last;
}

const asProviderError = (value: unknown): ProviderError => {
  expect(value).toBeInstanceOf(ProviderError);
  return value as ProviderError;
};

describe('Gemini errors through the SDK', () => {
  it('turns 429 with RetryInfo into a retryable error that carries the delay, without SDK retries', async () => {
    const error = asProviderError(await callWith({ rateLimit: { limit: 1, windowMs: 3600_000, retryDelay: '2s' } }, 2));
    expect(error.statusCode).toBe(429);
    expect(error.isRetryable).toBe(true);
    expect(error.retryAfterMs).toBe(2000);
    expect(error.message).toContain('RESOURCE_EXHAUSTED');
    expect(standIn!.totalGenerateCalls()).toBe(2);
  });

  it.each(['html', 'truncated'] as const)('a 200 with an unreadable (%s) body is retryable, after one HTTP call', async (kind) => {
    const error = asProviderError(await callWith({ intercept: () => unreadableSuccess(kind) }));
    expect([error.isRetryable, error.statusCode]).toEqual([true, undefined]);
    expect(error.message).toMatch(/^Gemini API returned a response that could not be read/);
    expect(standIn!.totalGenerateCalls()).toBe(1);
  });

  it('marks 503 retryable and makes exactly one HTTP call', async () => {
    const error = asProviderError(await callWith({ failEvery: 1 }));
    expect(error.statusCode).toBe(503);
    expect(error.isRetryable).toBe(true);
    expect(standIn!.totalGenerateCalls()).toBe(1);
  });

  it.each([
    [400, 'INVALID_ARGUMENT', 'Request contains an invalid argument.'],
    [403, 'PERMISSION_DENIED', 'Method doesn\'t allow unregistered callers.'],
    [404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta'],
  ])('does not retry %i', async (code, status, message) => {
    const error = asProviderError(await callWith({ intercept: () => googleError(code, status, message) }));
    expect(error.statusCode).toBe(code);
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain(message);
  });

  it('rejects a bad key as a non-retryable 400 and never puts the key in the message', async () => {
    standIn = await startGeminiStandIn({ apiKey: 'the-right-key' });
    const gemini = createGeminiProvider({ apiKey: 'sk-wrong-key-123', baseUrl: standIn.url, files: noFiles });
    const model = catalogueModelSchema.parse({ id: 'g', name: 'g', provider: 'gemini', provider_model: 'gemini-2.5-flash' });
    const error = asProviderError(await gemini.generate({ model, prompt: 'x', signal: new AbortController().signal }).catch((e: unknown) => e));
    expect(error.isRetryable).toBe(false);
    expect(error.message).toContain('API key not valid');
    expect(error.message).not.toContain('sk-wrong-key-123');
  });

  it('fails a SAFETY finish and a blocked prompt without retry', async () => {
    const safety = asProviderError(await callWith({
      intercept: () => ({ status: 200, body: { candidates: [{ content: { parts: [] }, finishReason: 'SAFETY' }] } }),
    }));
    expect(safety.isRetryable).toBe(false);
    expect(safety.message).toContain('SAFETY');
    await standIn!.close();

    const blocked = asProviderError(await callWith({
      intercept: () => ({ status: 200, body: { promptFeedback: { blockReason: 'PROHIBITED_CONTENT' } } }),
    }));
    expect(blocked.isRetryable).toBe(false);
    expect(blocked.message).toContain('PROHIBITED_CONTENT');
  });

  it('keeps a MAX_TOKENS answer that has text, with a warning', async () => {
    const result = await callWith({
      intercept: () => ({ status: 200, body: { candidates: [{ content: { parts: [{ text: 'partial' }] }, finishReason: 'MAX_TOKENS' }] } }),
    });
    expect(result).toMatchObject({ text: 'partial', warnings: ['answer was cut off at the output token limit (MAX_TOKENS)'] });
  });

  it('reports a refused connection as a retryable network error', async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port: free } = probe.address() as { port: number };
        probe.close(() => resolve(free));
      });
    });
    const gemini = createGeminiProvider({ apiKey: KEY, baseUrl: `http://127.0.0.1:${port}`, files: noFiles });
    const model = catalogueModelSchema.parse({ id: 'g', name: 'g', provider: 'gemini', provider_model: 'gemini-2.5-flash' });
    const error = asProviderError(await gemini.generate({ model, prompt: 'x', signal: new AbortController().signal }).catch((e: unknown) => e));
    expect(error.isRetryable).toBe(true);
    expect(error.statusCode).toBeUndefined();
  });

  it('turns an abort during a slow answer into a cancellation', async () => {
    let release!: () => void;
    const controller = new AbortController();
    const pending = callWith({
      gate: () => {
        controller.abort();
        return new Promise<void>((resolve) => (release = resolve));
      },
    }, 1, { signal: controller.signal });
    const error = await pending;
    release();
    expect(isCancellation(error)).toBe(true);
  });
});

describe('mapGeminiError', () => {
  it('reads RetryInfo from nested and array-wrapped bodies', () => {
    const inner = { error: { code: 429, status: 'RESOURCE_EXHAUSTED', message: 'slow down', details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '1.5s' }] } };
    const nested = new ApiError({ status: 429, message: JSON.stringify({ error: { code: 429, message: JSON.stringify([inner]) } }) });
    const error = mapGeminiError(nested) as ProviderError;
    expect(error.retryAfterMs).toBe(1500);
    expect(error.message).toContain('slow down');
    expect(parseGoogleErrorBody('not json')).toBeUndefined();
  });

  it('classifies network failures, timeouts and cancellations', () => {
    const reset = new TypeError('fetch failed', { cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }) });
    expect((mapGeminiError(reset) as ProviderError).isRetryable).toBe(true);
    const headersTimeout = new TypeError('fetch failed', { cause: Object.assign(new Error('Headers Timeout Error'), { code: 'UND_ERR_HEADERS_TIMEOUT' }) });
    expect((mapGeminiError(headersTimeout) as ProviderError).isRetryable).toBe(true);
    const abort = new DOMException('This operation was aborted', 'AbortError');
    expect(mapGeminiError(abort)).toBe(abort);
    // our signal untouched: the abort came from the SDK's own httpOptions.timeout
    const sdkTimeout = mapGeminiError(abort, new AbortController().signal) as ProviderError;
    expect([sdkTimeout.isRetryable, sdkTimeout.message]).toEqual([true, expect.stringMatching(/timed out/)]);

    const timedOut = new AbortController();
    timedOut.abort(new DOMException('attempt timed out', 'TimeoutError'));
    expect((mapGeminiError(abort, timedOut.signal) as ProviderError).isRetryable).toBe(true);
    const cancelled = new AbortController();
    cancelled.abort(new CancelledError('job cancelled'));
    expect(mapGeminiError(abort, cancelled.signal)).toBe(cancelled.signal.reason);
    expect((mapGeminiError(new Error('bug in our code')) as ProviderError).isRetryable).toBe(false);
  });

  it('says whose quota a 429 is about from google.rpc.QuotaFailure', () => {
    const failure = (violation: Record<string, unknown>) => ({ details: [{ '@type': 'type.googleapis.com/google.rpc.QuotaFailure', violations: [violation] }] });
    expect(quotaScope(failure({ quotaId: 'GenerateRequestsPerMinutePerProjectPerModel-FreeTier', quotaDimensions: { model: 'gemini-2.5-pro', location: 'global' } }))).toBe('model');
    expect(quotaScope(failure({ quotaId: 'GenerateRequestsPerMinutePerProject' }))).toBe('provider');
    expect(quotaScope({ details: [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: '2s' }] })).toBeUndefined();
  });

  it('recognises a file that is gone', () => {
    const api = (status: number, message: string) => new ApiError({ status, message: JSON.stringify({ error: { code: status, message } }) });
    expect(isFileGoneError(api(403, 'You do not have permission to access the File abc or it may not exist.'))).toBe(true);
    expect(isFileGoneError(api(404, 'File files/abc not found.'))).toBe(true);
    expect(isFileGoneError(api(400, 'The File abc does not exist or has expired.'))).toBe(true);
    expect(isFileGoneError(api(400, 'The File abc is not in an ACTIVE state and usage is not allowed.'))).toBe(false);
    expect(isFileGoneError(api(403, 'Method doesn\'t allow unregistered callers.'))).toBe(false);
  });
});
