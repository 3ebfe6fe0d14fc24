import { FinishReason, type GenerateContentResponse } from '@google/genai';
import type { GenerateResult } from '../provider.js';
import { ProviderError } from '../../core/provider-error.js';

const PROVIDER = 'gemini';

/**
 * Reads the answer out of a generateContent response: the first candidate's
 * text parts (thoughts skipped), token usage, and the model that answered.
 *
 * @throws ProviderError (not retryable) when the prompt was blocked or the
 *   model stopped for a reason other than STOP / MAX_TOKENS-with-text
 *   (SAFETY, RECITATION, PROHIBITED_CONTENT, ...); (retryable) when the
 *   answer is empty.
 */
export function readGeminiResponse(
  response: GenerateContentResponse,
  requestedModel: string,
): GenerateResult {
  const warnings: string[] = [];
  const blockReason = response.promptFeedback?.blockReason;
  if (blockReason) {
    const detail = response.promptFeedback?.blockReasonMessage;
    throw new ProviderError(`Gemini blocked the prompt: ${blockReason}${detail ? ` (${detail})` : ''}`, {
      provider: PROVIDER,
      isRetryable: false,
    });
  }

  const candidate = response.candidates?.[0];
  if (!candidate) {
    throw new ProviderError('Gemini returned no answer (no candidates)', { provider: PROVIDER, isRetryable: true });
  }
  const text = (candidate.content?.parts ?? [])
    .filter((part) => typeof part.text === 'string' && part.thought !== true)
    .map((part) => part.text)
    .join('');

  const reason = candidate.finishReason;
  const acceptable =
    reason === undefined ||
    reason === FinishReason.STOP ||
    reason === FinishReason.FINISH_REASON_UNSPECIFIED ||
    (reason === FinishReason.MAX_TOKENS && text.length > 0);
  if (!acceptable) {
    const detail = candidate.finishMessage ? ` (${candidate.finishMessage})` : '';
    throw new ProviderError(`Gemini stopped without an answer: finish reason ${reason}${detail}`, {
      provider: PROVIDER,
      isRetryable: false,
    });
  }
  if (reason === FinishReason.MAX_TOKENS) warnings.push('answer was cut off at the output token limit (MAX_TOKENS)');
  if (text.trim().length === 0) {
    throw new ProviderError('Gemini returned an empty answer', { provider: PROVIDER, isRetryable: true });
  }

  const usage = response.usageMetadata;
  const served = response.modelVersion;
  const requested = requestedModel.replace(/^models\//, '');
  return {
    text,
    usage: {
      input_tokens: usage?.promptTokenCount ?? null,
      output_tokens: usage?.candidatesTokenCount ?? null,
      thinking_tokens: usage?.thoughtsTokenCount ?? null,
    },
    // modelVersion often adds a suffix ("-001"); only a different model counts.
    ...(served && !served.replace(/^models\//, '').startsWith(requested) ? { servedBy: served } : {}),
    warnings,
  };
}
