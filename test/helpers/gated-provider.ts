import type { GenerateRequest, GenerateResult, VideoProvider } from '../../src/providers/provider.js';
import { CancelledError, ProviderError } from '../../src/core/provider-error.js';

interface PendingCall {
  request: GenerateRequest;
  resolve(result: GenerateResult): void;
  reject(error: unknown): void;
}

/**
 * A provider for engine tests whose calls wait until the test releases them,
 * so concurrency is observed by counting, never by timing.
 */
export class GatedProvider implements VideoProvider {
  readonly specificationVersion = 'v1' as const;
  readonly family = 'test' as const;
  readonly calls: GenerateRequest[] = [];
  private pending: PendingCall[] = [];
  private waiters: { count: number; resolve(): void }[] = [];
  maxInFlight = 0;
  /** answer at once instead of waiting for release */
  autoRelease = false;
  /** errors thrown for the next calls, in order */
  failures: unknown[] = [];

  availability() {
    return { available: true };
  }

  get inFlight(): number {
    return this.pending.length;
  }

  generate(request: GenerateRequest): Promise<GenerateResult> {
    this.calls.push(request);
    const failure = this.failures.shift();
    if (failure) return Promise.reject(failure);
    if (this.autoRelease) return Promise.resolve(answer(request));
    return new Promise<GenerateResult>((resolve, reject) => {
      const call: PendingCall = { request, resolve, reject };
      this.pending.push(call);
      this.maxInFlight = Math.max(this.maxInFlight, this.pending.length);
      request.signal.addEventListener('abort', () => {
        this.pending = this.pending.filter((c) => c !== call);
        reject(new CancelledError());
      }, { once: true });
      this.notify();
    });
  }

  /** resolves once at least `count` calls are waiting */
  waitForInFlight(count: number): Promise<void> {
    if (this.pending.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }

  /** answers every waiting call (or the first n) */
  release(n = Number.POSITIVE_INFINITY): void {
    const released = this.pending.splice(0, Math.min(n, this.pending.length));
    for (const call of released) call.resolve(answer(call.request));
  }

  failNext(error: unknown): void {
    this.failures.push(error);
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.pending.length < w.count) return true;
      w.resolve();
      return false;
    });
  }
}

function answer(request: GenerateRequest): GenerateResult {
  return {
    text: `## Answer from ${request.model.provider_model}\n\nAt 00:05 there is a cut. Prompt: ${request.prompt.slice(0, 40)}`,
    usage: { input_tokens: 1000, output_tokens: 200, thinking_tokens: 0 },
    warnings: [],
  };
}

export const rateLimited = (retryAfterMs: number) =>
  new ProviderError('Resource exhausted', { provider: 'test', statusCode: 429, retryAfterMs });
