import { JobState, type BatchJob, type InlinedResponse } from '@google/genai';
import type { BatchState, BatchStatus } from '../provider-batch.js';
import { ProviderBatchError } from '../provider-batch.js';
import { ProviderError } from '../../core/provider-error.js';
import type { GenerateResult } from '../provider.js';
import { readGeminiResponse } from './read-gemini-response.js';

const PROVIDER = 'gemini';

const states: Record<string, BatchState> = {
  [JobState.JOB_STATE_UNSPECIFIED]: 'pending',
  [JobState.JOB_STATE_QUEUED]: 'pending',
  [JobState.JOB_STATE_PENDING]: 'pending',
  [JobState.JOB_STATE_RUNNING]: 'running',
  [JobState.JOB_STATE_UPDATING]: 'running',
  [JobState.JOB_STATE_PAUSED]: 'running',
  [JobState.JOB_STATE_CANCELLING]: 'running',
  [JobState.JOB_STATE_SUCCEEDED]: 'succeeded',
  [JobState.JOB_STATE_PARTIALLY_SUCCEEDED]: 'succeeded',
  [JobState.JOB_STATE_FAILED]: 'failed',
  [JobState.JOB_STATE_CANCELLED]: 'cancelled',
  [JobState.JOB_STATE_EXPIRED]: 'expired',
};

/** Why a batch that ended without answers did so, in words. */
function endedWithout(state: BatchState, name: string, detail: string | undefined): string {
  const why = detail ? `: ${detail}` : '';
  switch (state) {
    case 'expired':
      return `Gemini batch ${name} expired before it ran (Gemini drops a batch not finished within 48 hours)${why}`;
    case 'cancelled':
      return `Gemini batch ${name} was cancelled at Gemini${why}`;
    default:
      return `Gemini batch ${name} failed${why || ' (Gemini gave no reason)'}`;
  }
}

/**
 * Reads a batch resource: its state and, once it has ended, one outcome per
 * request key. Answers are matched by the `key` in their metadata (Gemini
 * returns them in request order too, which is the fallback). A request that
 * Gemini answered with an error, or whose answer cannot be used (blocked,
 * empty), becomes a ProviderError; a batch that failed, expired or was
 * cancelled gives every unanswered request a ProviderBatchError.
 */
export function readGeminiBatch(batch: BatchJob, keys: string[], requestedModel: string): BatchStatus {
  const name = batch.name ?? 'unnamed';
  const raw = batch.state ?? JobState.JOB_STATE_UNSPECIFIED;
  const state = states[raw] ?? 'pending';
  const results = new Map<string, GenerateResult | ProviderError>();
  if (state === 'pending' || state === 'running') return { state, results };

  const responses: InlinedResponse[] = batch.dest?.inlinedResponses ?? [];
  responses.forEach((response, index) => {
    const key = response.metadata?.['key'] ?? keys[index];
    if (key === undefined || !keys.includes(key) || results.has(key)) return;
    results.set(key, readOne(response));
  });
  const firstError = responses.find((r) => r.error)?.error?.message ?? batch.error?.message;
  for (const key of keys) {
    if (results.has(key)) continue;
    const message = state === 'succeeded' ? `Gemini batch ${name} ended without an answer for this request` : endedWithout(state, name, firstError);
    results.set(key, new ProviderBatchError(message, { provider: PROVIDER, batchState: state }));
  }
  return { state, results };

  function readOne(response: InlinedResponse): GenerateResult | ProviderError {
    if (response.error) {
      const { code, message } = response.error;
      return new ProviderError(`Gemini batch request failed${code ? ` (${code})` : ''}: ${message ?? 'no reason given'}`, {
        provider: PROVIDER,
        statusCode: code,
        isRetryable: false,
      });
    }
    if (!response.response) return new ProviderError('Gemini batch returned neither an answer nor an error', { provider: PROVIDER, isRetryable: false });
    try {
      return readGeminiResponse(response.response, requestedModel);
    } catch (error) {
      return error instanceof ProviderError ? error : new ProviderError(String(error), { provider: PROVIDER, isRetryable: false });
    }
  }
}
