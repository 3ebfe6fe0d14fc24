import { ApiError } from '@google/genai';
import { CancelledError, isCancellation, ProviderError } from '../../core/provider-error.js';
import { isNetworkError } from '../../core/network-errors.js';
import { retryAfterMsFromHeaders, type HeaderSource } from '../retry-after.js';
import { isUnreadableBody, unreadableResponseError } from '../sdk-call-errors.js';

const PROVIDER = 'gemini';

/** The `error` object of a Google API error body. */
export interface GoogleErrorBody {
  code?: number;
  message?: string;
  status?: string;
  details?: { '@type'?: string; retryDelay?: unknown; violations?: { quotaId?: unknown; quotaDimensions?: Record<string, unknown> }[] }[];
}

/**
 * Turns whatever the SDK (or fetch under it) threw into a `ProviderError`,
 * or keeps it a cancellation when the caller aborted.
 *
 * - 429: retryable; `retryAfterMs` from google.rpc.RetryInfo `retryDelay`
 *   in the body, else from a Retry-After header when the error carries one
 *   (the SDK's `ApiError` does not expose headers, so in practice RetryInfo).
 * - 408/409/5xx retryable; other 4xx not.
 * - connection resets, `fetch failed`, timeouts: retryable, no status.
 * - a 200 whose body is not JSON (an HTML page, JSON cut off): retryable.
 * - the caller's abort: the abort reason when it is itself a cancellation or
 *   a `ProviderError`, a retryable timeout error for a `TimeoutError` reason,
 *   else a `CancelledError`.
 */
export function mapGeminiError(error: unknown, signal?: AbortSignal): Error {
  if (error instanceof ProviderError) return error;
  if (signal?.aborted) return abortReasonToError(signal.reason, error);
  // Nobody aborted our signal: an AbortError can only be the SDK's own `httpOptions.timeout` firing.
  if (signal && isCancellation(error) && !(error instanceof CancelledError)) {
    return new ProviderError('Gemini call timed out (HTTP timeout)', { provider: PROVIDER, isRetryable: true, cause: error });
  }
  if (isCancellation(error)) return error as Error;

  const status = apiErrorStatus(error);
  if (status !== undefined) {
    const body = parseGoogleErrorBody(error instanceof Error ? error.message : String(error));
    const retryAfterMs = (body ? retryDelayMs(body) : undefined) ?? retryAfterHeaderMs(error);
    const what = body?.message ?? (error instanceof Error ? error.message : String(error));
    return new ProviderError(`Gemini API ${status}${body?.status ? ` ${body.status}` : ''}: ${truncate(what, 600)}`, {
      provider: PROVIDER,
      statusCode: status,
      retryAfterMs,
      rateLimitScope: body ? quotaScope(body) : undefined,
      cause: error,
    });
  }

  if (isUnreadableBody(error)) return unreadableResponseError(PROVIDER, 'Gemini API', error);
  if (isNetworkError(error)) {
    return new ProviderError(`Gemini network error: ${describe(error)}`, { provider: PROVIDER, isRetryable: true, cause: error });
  }
  if (error instanceof Error && /upload status is not finalized|failed to get upload url|did not return an HttpResponse/i.test(error.message)) {
    // The SDK's resumable upload gave up half-way; a fresh upload usually works.
    return new ProviderError(`Gemini file upload failed: ${error.message}`, { provider: PROVIDER, isRetryable: true, cause: error });
  }
  return new ProviderError(`Gemini call failed: ${describe(error)}`, { provider: PROVIDER, isRetryable: false, cause: error });
}

function abortReasonToError(reason: unknown, error: unknown): Error {
  if (reason instanceof ProviderError || isCancellation(reason)) return reason as Error;
  if (reason instanceof Error && reason.name === 'TimeoutError') {
    return new ProviderError(`Gemini call timed out: ${reason.message}`, { provider: PROVIDER, isRetryable: true, cause: reason });
  }
  const cancelled = new CancelledError();
  cancelled.cause = error;
  return cancelled;
}

function apiErrorStatus(error: unknown): number | undefined {
  if (error instanceof ApiError) return error.status;
  // Another copy of the SDK (CJS/ESM twins) fails `instanceof`; trust the shape.
  if (error instanceof Error && error.name === 'ApiError') {
    const status = (error as { status?: unknown }).status;
    if (typeof status === 'number') return status;
  }
  return undefined;
}

/**
 * The SDK puts the whole JSON error body in `ApiError.message`. Bodies come
 * as `{error}`, as `[{error}]`, and sometimes with another JSON body nested
 * in `error.message`; the innermost one that parses wins.
 */
export function parseGoogleErrorBody(text: string): GoogleErrorBody | undefined {
  let current: GoogleErrorBody | undefined;
  let candidate = text;
  for (let depth = 0; depth < 3; depth += 1) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(candidate);
    } catch {
      return current;
    }
    const root = Array.isArray(parsed) ? parsed[0] : parsed;
    const inner = root && typeof root === 'object' ? (root as { error?: unknown }).error : undefined;
    if (!inner || typeof inner !== 'object') return current;
    current = inner as GoogleErrorBody;
    if (typeof current.message !== 'string') return current;
    candidate = current.message;
  }
  return current;
}

/** google.rpc.RetryInfo `retryDelay` ("2s", "1.5s", or `{seconds, nanos}`) in ms. */
export function retryDelayMs(body: GoogleErrorBody): number | undefined {
  for (const detail of body.details ?? []) {
    if (!detail || !String(detail['@type'] ?? '').endsWith('google.rpc.RetryInfo')) continue;
    const delay = detail.retryDelay;
    if (typeof delay === 'string') {
      const match = /^(\d+(?:\.\d+)?)s$/.exec(delay.trim());
      if (match) return Math.round(Number(match[1]) * 1000);
    } else if (delay && typeof delay === 'object') {
      const { seconds, nanos } = delay as { seconds?: unknown; nanos?: unknown };
      const ms = Number(seconds ?? 0) * 1000 + Number(nanos ?? 0) / 1e6;
      if (Number.isFinite(ms)) return Math.round(ms);
    }
  }
  return undefined;
}

/**
 * Whose quota a 429 is about, from google.rpc.QuotaFailure: a model's own
 * ("...PerProjectPerModel" quota ids, a `model` quota dimension) or the
 * project's; undefined when the body does not say.
 */
export function quotaScope(body: GoogleErrorBody): 'model' | 'provider' | undefined {
  const violations = (body.details ?? [])
    .filter((detail) => String(detail?.['@type'] ?? '').endsWith('google.rpc.QuotaFailure'))
    .flatMap((detail) => detail.violations ?? []);
  if (violations.length === 0) return undefined;
  const perModel = violations.some((v) => /PerModel/i.test(String(v.quotaId ?? '')) || typeof v.quotaDimensions?.model === 'string');
  return perModel ? 'model' : 'provider';
}

function retryAfterHeaderMs(error: unknown): number | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const holder = error as { headers?: HeaderSource; response?: { headers?: HeaderSource } };
  return retryAfterMsFromHeaders(holder.headers ?? holder.response?.headers);
}

/**
 * Whether a generateContent failure means the uploaded file is no longer
 * there (expired or deleted): Gemini answers 403 "You do not have permission
 * to access the File ... or it may not exist", 404, or a 400 saying the file
 * does not exist or expired.
 */
export function isFileGoneError(error: unknown): boolean {
  const status = error instanceof ProviderError ? error.statusCode : apiErrorStatus(error);
  const message = error instanceof Error ? error.message : String(error);
  if (!/\bfile/i.test(message)) return false;
  if (status === 403 || status === 404) return true;
  return status === 400 && /not exist|does not exist|expired|not found/i.test(message);
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return truncate(String(error), 300);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return truncate(`${error.message}${cause}`, 300);
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
