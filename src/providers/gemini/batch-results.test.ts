import { JobState, type BatchJob } from '@google/genai';
import { describe, expect, it } from 'vitest';
import { ProviderBatchError } from '../provider-batch.js';
import { ProviderError } from '../../core/provider-error.js';
import type { GenerateResult } from '../provider.js';
import { readGeminiBatch } from './batch-results.js';

const answer = (text: string) => ({
  candidates: [{ content: { role: 'model', parts: [{ text }] }, finishReason: 'STOP' }],
  usageMetadata: { promptTokenCount: 1200, candidatesTokenCount: 40, thoughtsTokenCount: 3 },
});

describe('reading a Gemini batch', () => {
  it('is still waiting while PENDING or RUNNING, with no outcomes yet', () => {
    expect(readGeminiBatch({ name: 'batches/x', state: JobState.JOB_STATE_PENDING }, ['0'], 'gemini-2.5-flash')).toEqual({ state: 'pending', results: new Map() });
    expect(readGeminiBatch({ name: 'batches/x', state: JobState.JOB_STATE_RUNNING }, ['0'], 'gemini-2.5-flash').state).toBe('running');
  });

  it('maps answers back by their metadata key, else by their order, and turns unusable answers into typed errors', () => {
    const batch = {
      name: 'batches/x',
      state: JobState.JOB_STATE_SUCCEEDED,
      dest: {
        inlinedResponses: [
          { response: answer('second'), metadata: { key: '1' } },
          { response: answer('first') },
          { response: { candidates: [{ finishReason: 'SAFETY' }] }, metadata: { key: '2' } },
        ],
      },
    } as unknown as BatchJob;
    const { state, results } = readGeminiBatch(batch, ['0', '1', '2', '3'], 'gemini-2.5-flash');
    expect(state).toBe('succeeded');
    expect((results.get('1') as GenerateResult).text).toBe('second');
    expect((results.get('1') as GenerateResult).usage).toEqual({ input_tokens: 1200, output_tokens: 40, thinking_tokens: 3 });
    // no key: the answer at index 1 belongs to the request at index 1, which is already answered; it is not reused for another
    expect(results.get('0')).toBeInstanceOf(ProviderError);
    expect((results.get('2') as Error).message).toContain('SAFETY');
    expect((results.get('3') as Error).message).toContain('ended without an answer');
  });

  it('gives every request of a failed, expired or cancelled batch a non-retryable ProviderBatchError naming the state', () => {
    for (const [state, words] of [
      [JobState.JOB_STATE_FAILED, /failed: disk on fire/],
      [JobState.JOB_STATE_EXPIRED, /expired/],
      [JobState.JOB_STATE_CANCELLED, /cancelled at Gemini/],
    ] as const) {
      const { results } = readGeminiBatch({ name: 'batches/y', state, error: { message: 'disk on fire' } }, ['0', '1'], 'gemini-2.5-flash');
      for (const key of ['0', '1']) {
        const error = results.get(key) as ProviderBatchError;
        expect(error).toBeInstanceOf(ProviderBatchError);
        expect(error.isRetryable).toBe(false);
        expect(error.message).toMatch(words);
      }
    }
  });
});
