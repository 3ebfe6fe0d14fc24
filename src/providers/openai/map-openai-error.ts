import { APIConnectionError, APIError, APIUserAbortError } from 'openai';
import { retryAfterMsFromHeaders } from '../frames/retry-after.js';
import { abortedCallError, frameSamplingError, truncate } from '../frames/shared-errors.js';
import { CancelledError, isCancellation, ProviderError } from '../provider-error.js';

const PROVIDER = 'openai';

/**
 * Turns whatever the `openai` SDK (or frame sampling) threw into a
 * `ProviderError`, or keeps it a cancellation when the caller aborted.
 *
 * - HTTP errors carry their status; 408/409/429/5xx are retryable, other 4xx
 *   (400, 401, 403, 404, 422) are not; `retryAfterMs` from the
 *   `retry-after-ms` / `retry-after` headers.
 * - connection failures and the SDK's own timeout: retryable, no status.
 * - the caller's abort (`APIUserAbortError`): a cancellation (see `abortedCallError`).
 * - ffmpeg failing on the video: not retryable.
 *
 * @param label names the endpoint in messages ("OpenAI API", "OpenAI-compatible API at localhost:11434")
 */
export function mapOpenAiError(error: unknown, signal: AbortSignal | undefined, label = 'OpenAI API'): Error {
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
    const what = bodyMessage(error.error) ?? error.message;
    const kind = bodyKind(error.error) ?? error.code ?? error.type;
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

/** OpenAI sends `{error: {message, type, code}}`; some compatible servers `{message}` or `{error: "text"}`. */
function bodyMessage(body: unknown): string | undefined {
  if (!body || typeof body !== 'object') return undefined;
  const { error, message } = body as { error?: unknown; message?: unknown };
  if (typeof error === 'string') return error;
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') {
    return (error as { message: string }).message;
  }
  return typeof message === 'string' ? message : undefined;
}

function bodyKind(body: unknown): string | undefined {
  const inner = body && typeof body === 'object' ? (body as { error?: unknown }).error : undefined;
  if (!inner || typeof inner !== 'object') return undefined;
  const { code, type } = inner as { code?: unknown; type?: unknown };
  if (typeof code === 'string' && code !== '') return code;
  return typeof type === 'string' && type !== '' ? type : undefined;
}
