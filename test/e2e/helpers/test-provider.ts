import { writeFileSync } from 'node:fs';
import path from 'node:path';
import type { GenerateRequest, GenerateResult, PrepareOptions, PreparedVideo, VideoAsset, VideoProvider } from '../../../src/providers/provider.js';
import { CancelledError, ProviderError } from '../../../src/core/provider-error.js';

/** What the `test-html` model answers: HTML that must show as text, and a timestamp. */
export const htmlAnswer = 'Look at 00:03 here: <img src=x onerror=alert(1)> and <script>alert(2)</script> should be text.';

/**
 * The 'test' provider family for browser tests:
 * - `test-html` answers with raw HTML in markdown (the page must show it as text);
 * - `test-hold` never answers until its call is aborted (a job that stays running until cancelled);
 * - `test-uploading` prepares (uploads) the video until its preparation is aborted;
 * - `test-throttled` is always rate-limited (429, come back in a minute): its job waits, it does not fail.
 */
export class BrowserTestProvider implements VideoProvider {
  readonly specificationVersion = 'v1' as const;
  readonly family = 'test' as const;

  availability() {
    return { available: true };
  }

  prepare(video: VideoAsset, signal: AbortSignal, options: PrepareOptions): Promise<PreparedVideo> {
    if (options.model.provider_model !== 'uploading') return Promise.resolve({ family: 'test', video, payload: null });
    return new Promise((_resolve, reject) => {
      if (signal.aborted) reject(new CancelledError());
      signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
    });
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    if (request.model.provider_model === 'throttled') {
      return Promise.reject(new ProviderError('429 Resource exhausted', { provider: 'test', statusCode: 429, retryAfterMs: 60_000 }));
    }
    if (request.model.provider_model === 'hold') {
      return new Promise((_resolve, reject) => {
        if (request.signal.aborted) reject(new CancelledError());
        request.signal.addEventListener('abort', () => reject(new CancelledError()), { once: true });
      });
    }
    return Promise.resolve({ text: htmlAnswer, usage: { input_tokens: 1200, output_tokens: 40, thinking_tokens: null }, warnings: [] });
  }
}

/** Writes the models file declaring the test models; returns its path. */
export function writeBrowserTestModels(dir: string): string {
  const common = { provider: 'test', input_usd_per_mtok: 1, output_usd_per_mtok: 2, limits: { requests_per_minute: 10_000, concurrent: 100 } };
  const models = [
    { id: 'test-html', name: 'Test: HTML in the answer', provider_model: 'html', ...common },
    { id: 'test-hold', name: 'Test: answers only when cancelled', provider_model: 'hold', ...common },
    { id: 'test-uploading', name: 'Test: uploads until cancelled', provider_model: 'uploading', ...common },
    { id: 'test-throttled', name: 'Test: always rate-limited', provider_model: 'throttled', ...common },
  ];
  const file = path.join(dir, 'browser-test-models.json');
  writeFileSync(file, JSON.stringify({ models }));
  return file;
}
