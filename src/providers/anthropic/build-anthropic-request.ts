import type { ContentBlockParam, MessageCreateParamsNonStreaming, Tool } from '@anthropic-ai/sdk/resources/messages';
import { describeValue } from '../frames/frame-params.js';
import { framesPreamble, labelFrames } from '../frames/frame-labels.js';
import type { SampledFrame } from '../frames/extract-frames.js';
import type { GenerateRequest } from '../provider.js';

export const DEFAULT_MAX_TOKENS = 4096;
/** the tool the model is made to call when JSON is asked for */
export const SUBMIT_TOOL = 'submit';

/**
 * The SDK's request type no longer lists `temperature` (newer models drop
 * sampling settings), but the models in our catalogue still accept it.
 */
export type AnthropicBody = MessageCreateParamsNonStreaming & { temperature?: number };

/** A Messages API body, the params it could not use, and how to read the structured answer. */
export interface AnthropicRequest {
  body: AnthropicBody;
  warnings: string[];
  /** set when JSON was asked for: the tool input holds the answer, under `value` when the schema was wrapped */
  structured?: { wrapped: boolean };
}

/**
 * Builds the Messages request: one user message with a sentence about the
 * frames, each frame as a "Frame at MM:SS" text block followed by its base64
 * JPEG image block, and the prompt last; `system` as the system prompt.
 *
 * With `responseJsonSchema`, the prompt asks for JSON and the model is made
 * to call a `submit` tool whose input schema is that schema (tool input must
 * be an object, so other schemas are wrapped as `{value: ...}`).
 *
 * Known params (besides the frame ones): `max_tokens` (default 4096),
 * `temperature` (0-1). Others become warnings.
 */
export function buildAnthropicRequest(
  request: GenerateRequest,
  frames: readonly SampledFrame[],
  params: Record<string, unknown>,
): AnthropicRequest {
  const warnings: string[] = [];
  const body: AnthropicBody = { model: request.model.provider_model, max_tokens: DEFAULT_MAX_TOKENS, messages: [] };

  for (const [key, value] of Object.entries(params)) {
    switch (key) {
      case 'max_tokens':
        if (Number.isInteger(value) && (value as number) > 0) body.max_tokens = value as number;
        else warnings.push(`max_tokens ignored: expected a positive integer, got ${describeValue(value)}`);
        break;
      case 'temperature':
        if (typeof value === 'number' && value >= 0 && value <= 1) body.temperature = value;
        else warnings.push(`temperature ignored: expected a number from 0 to 1, got ${describeValue(value)}`);
        break;
      default:
        warnings.push(`param "${key}" is not supported by Anthropic models and was ignored`);
    }
  }

  const content: ContentBlockParam[] = [];
  if (frames.length > 0 && request.video) {
    content.push({ type: 'text', text: framesPreamble(request.video, frames) });
    for (const frame of labelFrames(frames)) {
      content.push({ type: 'text', text: frame.label });
      content.push({ type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: frame.jpeg.toString('base64') } });
    }
  }

  let structured: AnthropicRequest['structured'];
  let prompt = request.prompt;
  const schema = request.responseJsonSchema;
  if (schema) {
    const wrapped = schema.type !== 'object';
    structured = { wrapped };
    const inputSchema = wrapped ? { type: 'object', properties: { value: schema }, required: ['value'] } : schema;
    body.tools = [
      {
        name: SUBMIT_TOOL,
        description: 'Submit your complete answer as JSON matching the input schema.',
        input_schema: inputSchema as Tool.InputSchema,
      },
    ];
    body.tool_choice = { type: 'tool', name: SUBMIT_TOOL };
    prompt +=
      `\n\nAnswer with JSON that matches this JSON schema${wrapped ? ' (as the "value" field)' : ''}, ` +
      `by calling the \`${SUBMIT_TOOL}\` tool:\n${JSON.stringify(schema)}`;
  }
  content.push({ type: 'text', text: prompt });
  body.messages = [{ role: 'user', content }];
  if (request.system) body.system = request.system;
  return { body, warnings, ...(structured ? { structured } : {}) };
}
