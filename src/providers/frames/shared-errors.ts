import { ToolError } from '../../videos/run-tool.js';
import { FrameStreamError } from './extract-frames.js';
import { CancelledError, isCancellation, ProviderError } from '../provider-error.js';

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

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
