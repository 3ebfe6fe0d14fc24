import type { ChatCompletion } from 'openai/resources/chat/completions';
import type { GenerateResult } from '../provider.js';
import { ProviderError } from '../../core/provider-error.js';

const PROVIDER = 'openai';

/**
 * Reads the answer out of a Chat Completion: the first choice's text, the
 * token usage (reasoning tokens reported apart from the visible output, since
 * `completion_tokens` includes them and cost adds thinking to output), and
 * the model that answered.
 *
 * @throws ProviderError (not retryable) for a refusal, a content filter stop,
 *   or a length stop with no text; (retryable) when there is no answer at all.
 */
export function readOpenAiResponse(completion: ChatCompletion, requestedModel: string): GenerateResult {
  const warnings: string[] = [];
  const choice = completion.choices?.[0];
  if (!choice) throw new ProviderError('The model returned no answer (no choices)', { provider: PROVIDER, isRetryable: true });
  const message = choice.message;
  if (message?.refusal) {
    throw new ProviderError(`The model refused to answer: ${message.refusal}`, { provider: PROVIDER, isRetryable: false });
  }
  if (choice.finish_reason === 'content_filter') {
    throw new ProviderError('The answer was withheld by the content filter (finish_reason content_filter)', {
      provider: PROVIDER,
      isRetryable: false,
    });
  }
  const text = messageText(message?.content);
  if (choice.finish_reason === 'length') {
    if (text.trim().length === 0) {
      throw new ProviderError('The model reached its output token limit before answering (raise max_completion_tokens / max_tokens)', {
        provider: PROVIDER,
        isRetryable: false,
      });
    }
    warnings.push('answer was cut off at the output token limit (finish_reason length)');
  }
  if (text.trim().length === 0) throw new ProviderError('The model returned an empty answer', { provider: PROVIDER, isRetryable: true });

  const usage = completion.usage;
  const reasoning = usage?.completion_tokens_details?.reasoning_tokens ?? null;
  const completionTokens = usage?.completion_tokens ?? null;
  const served = completion.model;
  return {
    text,
    usage: {
      input_tokens: usage?.prompt_tokens ?? null,
      output_tokens: completionTokens === null ? null : Math.max(0, completionTokens - (reasoning ?? 0)),
      thinking_tokens: reasoning,
    },
    // Served names often add a date ("gpt-4.1-2025-04-14"); only a different model counts.
    ...(served && !served.startsWith(requestedModel) ? { servedBy: served } : {}),
    warnings,
  };
}

/** Content is a string; some compatible servers send an array of text parts instead. */
function messageText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((part) => (part && typeof part === 'object' && typeof (part as { text?: unknown }).text === 'string' ? (part as { text: string }).text : ''))
    .join('');
}
