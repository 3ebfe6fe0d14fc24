import type { Message } from '@anthropic-ai/sdk/resources/messages';
import type { GenerateResult } from '../provider.js';
import { ProviderError } from '../../core/provider-error.js';
import { SUBMIT_TOOL, type AnthropicRequest } from './build-anthropic-request.js';

const PROVIDER = 'anthropic';

/**
 * Reads the answer out of a Messages response: the text blocks, or, when
 * JSON was asked for, the `submit` tool's input as JSON text. Thinking blocks
 * are skipped; their tokens are reported apart from the visible output.
 *
 * @throws ProviderError (not retryable) for a refusal, or a token-limit stop
 *   with nothing to show; (retryable) when the answer is empty.
 */
export function readAnthropicResponse(
  message: Message,
  requestedModel: string,
  structured: AnthropicRequest['structured'],
): GenerateResult {
  const warnings: string[] = [];
  const stop = message.stop_reason;
  if (stop === 'refusal') {
    throw new ProviderError('The model refused to answer (stop_reason refusal)', { provider: PROVIDER, isRetryable: false });
  }

  const blocks = message.content ?? [];
  const plain = blocks.map((block) => (block.type === 'text' ? block.text : '')).join('');
  let text = plain;
  if (structured) {
    const call = blocks.find((block) => block.type === 'tool_use' && block.name === SUBMIT_TOOL);
    if (call && call.type === 'tool_use') {
      const input = call.input as Record<string, unknown> | null;
      text = JSON.stringify(structured.wrapped ? input?.value : input) ?? '';
    } else if (plain.trim().length > 0) {
      warnings.push(`the model answered in text instead of calling the ${SUBMIT_TOOL} tool`);
    }
  }

  const cutOff = stop === 'max_tokens' || stop === 'model_context_window_exceeded';
  if (cutOff) {
    if (text.trim().length === 0) {
      throw new ProviderError(`The model stopped before answering (stop_reason ${stop}); raise max_tokens or send fewer frames`, {
        provider: PROVIDER,
        isRetryable: false,
      });
    }
    warnings.push(`answer was cut off at the token limit (stop_reason ${stop})`);
  }
  if (text.trim().length === 0) throw new ProviderError('The model returned an empty answer', { provider: PROVIDER, isRetryable: true });

  const usage = message.usage;
  const thinking = usage?.output_tokens_details?.thinking_tokens ?? null;
  const input = usage ? (usage.input_tokens ?? 0) + (usage.cache_creation_input_tokens ?? 0) + (usage.cache_read_input_tokens ?? 0) : null;
  const served = message.model;
  return {
    text,
    usage: {
      input_tokens: input,
      output_tokens: usage?.output_tokens === undefined ? null : Math.max(0, usage.output_tokens - (thinking ?? 0)),
      thinking_tokens: thinking,
    },
    ...(served && !served.startsWith(requestedModel) ? { servedBy: served } : {}),
    warnings,
  };
}
