import { ToolError } from '../videos/run-tool.js';
import { FrameStreamError } from './frames/extract-frames.js';
import { retryAfterMsFromHeaders } from './retry-after.js';
import { CancelledError, isCancellation, ProviderError } from '../core/provider-error.js';

/**
 * What a call that the caller aborted should throw: the abort reason when it
 * is already a cancellation or a `ProviderError`, a retryable timeout error
 * for a `TimeoutError` reason (a deadline, not the user), else a `CancelledError`.
 */
export function abortedCallError(reason: unknown, error: unknown, provider: string, label: string): Error {
  if (reason instanceof ProviderError || isCancellation(reason)) return reason as Error;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ProviderError(`${label} call timed out: ${reason.message}`, { provider, isRetryable: true, cause: reason });
  }
  const cancelled = new CancelledError();
  cancelled.cause = error;
  return cancelled;
}

/**
 * ffmpeg could not take frames from the video. Another try would fail the
 * same way, so it is not retryable. Undefined for other errors.
 */
export function frameSamplingError(error: unknown, provider: string): ProviderError | undefined {
  if (!(error instanceof ToolError) && !(error instanceof FrameStreamError)) return undefined;
  return new ProviderError(`Could not sample frames from the video: ${truncate(error.message, 400)}`, {
    provider,
    isRetryable: false,
    cause: error,
  });
}

/** ffmpeg ran but the video gave no picture to send: answering without it would mislead. */
export function noFramesError(provider: string): ProviderError {
  return new ProviderError('No frames could be taken from the video (no decodable picture)', { provider, isRetryable: false });
}

/**
 * A success whose body could not be read (an HTML page from a proxy, JSON cut
 * off mid-way): the provider did not answer, so another try may work.
 */
export function unreadableResponseError(provider: string, label: string, cause?: unknown): ProviderError {
  const detail = cause instanceof Error ? `: ${truncate(cause.message, 200)}` : ' (not a JSON object)';
  return new ProviderError(`${label} returned a response that could not be read${detail}`, { provider, isRetryable: true, cause });
}

/** Whether parsing the response body failed (the SDKs let JSON.parse's SyntaxError through). */
export function isUnreadableBody(error: unknown): boolean {
  return error instanceof SyntaxError || (error instanceof Error && error.name === 'SyntaxError');
}

/**
 * The Stainless SDKs hand back the body text when a response is not labelled
 * JSON (an HTML page); an answer must be an object.
 * @throws ProviderError (retryable) otherwise
 */
export function requireResponseObject<T>(value: T, provider: string, label: string): T {
  if (value === null || typeof value !== 'object') throw unreadableResponseError(provider, label);
  return value;
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The error classes the Stainless-generated SDKs (`openai`, `@anthropic-ai/sdk`) share by shape. */
export interface SdkErrorClasses {
  APIError: abstract new (...args: never[]) => { status: number | undefined; headers: Headers | undefined; message: string };
  APIConnectionError: abstract new (...args: never[]) => Error;
  APIUserAbortError: abstract new (...args: never[]) => Error;
}

/**
 * Turns whatever an SDK call (or the frame sampling before it) threw into a
 * `ProviderError`, or keeps it a cancellation when the caller aborted.
 *
 * - HTTP errors carry their status (408/409/429/5xx retryable, other 4xx not)
 *   and `retryAfterMs` from `retry-after-ms` / `retry-after`;
 * - connection failures and the SDK's own timeout: retryable, no status;
 * - the caller's abort: a cancellation; a deadline: a retryable timeout;
 * - ffmpeg failing on the video: not retryable;
 * - a success body that is not JSON (HTML, cut off): retryable.
 *
 * @param describe reads the provider's error body: its message and kind (code or type)
 */
export function mapSdkCallError(
  error: unknown,
  signal: AbortSignal | undefined,
  options: { provider: string; label: string; classes: SdkErrorClasses; describe(error: InstanceType<SdkErrorClasses['APIError']>): { message: string; kind?: string } },
): Error {
  const { provider, label, classes } = options;
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return abortedCallError(signal.reason, error, provider, label);
  if (error instanceof classes.APIUserAbortError) {
    const cancelled = new CancelledError();
    cancelled.cause = error;
    return cancelled;
  }
  if (isCancellation(error)) return error as Error;
  const frames = frameSamplingError(error, provider);
  if (frames) return frames;

  if (error instanceof classes.APIConnectionError) {
    // includes APIConnectionTimeoutError
    const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
    return new ProviderError(`${label} connection failed: ${truncate(error.message + cause, 300)}`, { provider, isRetryable: true, cause: error });
  }
  if (error instanceof classes.APIError && typeof error.status === 'number') {
    const { message, kind } = options.describe(error);
    return new ProviderError(`${label} ${error.status}${kind ? ` ${kind}` : ''}: ${truncate(message, 600)}`, {
      provider,
      statusCode: error.status,
      retryAfterMs: retryAfterMsFromHeaders(error.headers),
      cause: error,
    });
  }
  if (isUnreadableBody(error)) return unreadableResponseError(provider, label, error);
  const message = error instanceof Error ? error.message : String(error);
  return new ProviderError(`${label} call failed: ${truncate(message, 300)}`, { provider, isRetryable: false, cause: error });
}
