import { APIConnectionError, APIError, APIUserAbortError } from '@anthropic-ai/sdk';
import { retryAfterMsFromHeaders } from '../frames/retry-after.js';
import { abortedCallError, frameSamplingError, truncate } from '../frames/shared-errors.js';
import { CancelledError, isCancellation, ProviderError } from '../provider-error.js';

const PROVIDER = 'anthropic';

/**
 * Turns whatever `@anthropic-ai/sdk` (or frame sampling) threw into a
 * `ProviderError`, or keeps it a cancellation when the caller aborted.
 *
 * - HTTP errors carry their status: 408/409/429/5xx (529 overloaded
 *   included) are retryable, 400/401/403/404/413 are not; `retryAfterMs`
 *   from `retry-after-ms` / `retry-after`.
 * - connection failures and the SDK's own timeout: retryable, no status.
 * - the caller's abort (`APIUserAbortError`): a cancellation.
 * - ffmpeg failing on the video: not retryable.
 */
export function mapAnthropicError(error: unknown, signal: AbortSignal | undefined, label = 'Anthropic API'): Error {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return abortedCallError(signal.reason, error, PROVIDER, label);
  if (error instanceof APIUserAbortError) {
    const cancelled = new CancelledError();
    cancelled.cause = error;
    return cancelled;
  }
  if (isCancellation(error)) return error as Error;
  const frames = frameSamplingError(error, PROVIDER);
  if (frames) return frames;

  if (error instanceof APIConnectionError) {
    // includes APIConnectionTimeoutError
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return new ProviderError(`${label} connection failed: ${truncate(error.message + cause, 300)}`, {
      provider: PROVIDER,
      isRetryable: true,
      cause: error,
    });
  }
  if (error instanceof APIError && typeof error.status === 'number') {
    // Anthropic's body: {type: 'error', error: {type: 'overloaded_error', message}}
    const what = error.apiMessage ?? error.message;
    const kind = error.type;
    return new ProviderError(`${label} ${error.status}${kind ? ` ${kind}` : ''}: ${truncate(what, 600)}`, {
      provider: PROVIDER,
      statusCode: error.status,
      retryAfterMs: retryAfterMsFromHeaders(error.headers),
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`${label} call failed: ${truncate(message, 300)}`, { provider: PROVIDER, isRetryable: false, cause: error });
}
