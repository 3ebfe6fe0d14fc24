import type {
  ChatCompletionContentPart,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionMessageParam,
} from 'openai/resources/chat/completions';
import { describeValue } from '../frames/frame-params.js';
import { framesPreamble, labelFrames } from '../frames/frame-labels.js';
import type { SampledFrame } from '../frames/extract-frames.js';
import type { GenerateRequest } from '../provider.js';

const imageDetails = new Set(['auto', 'low', 'high']);

/** A Chat Completions body and the params it could not use. */
export interface OpenAiRequest {
  body: ChatCompletionCreateParamsNonStreaming;
  warnings: string[];
}

/**
 * Builds the Chat Completions request: an optional system message, then one
 * user message with a sentence about the frames, each frame as "Frame at
 * MM:SS" text followed by its JPEG as a data: URL, and the prompt last.
 *
 * Known params (besides the frame ones): `temperature` (0-2), `top_p` (0-1),
 * `max_tokens`, `max_completion_tokens` (passed as named: older local servers
 * know only the first, newer OpenAI models only the second), `image_detail`
 * ("low" | "high" | "auto"). Others become warnings.
 */
export function buildOpenAiRequest(
  request: GenerateRequest,
  frames: readonly SampledFrame[],
  params: Record<string, unknown>,
): OpenAiRequest {
  const warnings: string[] = [];
  const body: ChatCompletionCreateParamsNonStreaming = { model: request.model.provider_model, messages: [] };
  let detail: 'auto' | 'low' | 'high' | undefined;

  for (const [key, value] of Object.entries(params)) {
    switch (key) {
      case 'temperature':
        if (typeof value === 'number' && value >= 0 && value <= 2) body.temperature = value;
        else warnings.push(`temperature ignored: expected a number from 0 to 2, got ${describeValue(value)}`);
        break;
      case 'top_p':
        if (typeof value === 'number' && value >= 0 && value <= 1) body.top_p = value;
        else warnings.push(`top_p ignored: expected a number from 0 to 1, got ${describeValue(value)}`);
        break;
      case 'max_tokens':
      case 'max_completion_tokens':
        if (Number.isInteger(value) && (value as number) > 0) body[key] = value as number;
        else warnings.push(`${key} ignored: expected a positive integer, got ${describeValue(value)}`);
        break;
      case 'image_detail':
        if (frames.length === 0) warnings.push('image_detail ignored: this call has no video');
        else if (typeof value === 'string' && imageDetails.has(value)) detail = value as typeof detail;
        else warnings.push(`image_detail ignored: expected low, high or auto, got ${describeValue(value)}`);
        break;
      default:
        warnings.push(`param "${key}" is not supported by OpenAI-compatible models and was ignored`);
    }
  }

  const messages: ChatCompletionMessageParam[] = [];
  if (request.system) messages.push({ role: 'system', content: request.system });
  if (frames.length === 0 || !request.video) {
    messages.push({ role: 'user', content: request.prompt });
  } else {
    const content: ChatCompletionContentPart[] = [{ type: 'text', text: framesPreamble(request.video, frames) }];
    for (const frame of labelFrames(frames)) {
      content.push({ type: 'text', text: frame.label });
      content.push({
        type: 'image_url',
        image_url: { url: `data:image/jpeg;base64,${frame.jpeg.toString('base64')}`, ...(detail ? { detail } : {}) },
      });
    }
    content.push({ type: 'text', text: request.prompt });
    messages.push({ role: 'user', content });
  }
  body.messages = messages;

  if (request.responseJsonSchema) {
    body.response_format = {
      type: 'json_schema',
      // strict mode would reject common schema features (optional fields, formats); the caller validates.
      json_schema: { name: schemaName(request.responseJsonSchema), schema: request.responseJsonSchema, strict: false },
    };
  }
  return { body, warnings };
}

/** The schema's title made into a valid json_schema name ([A-Za-z0-9_-], at most 64), else "response". */
function schemaName(schema: Record<string, unknown>): string {
  const title = typeof schema.title === 'string' ? schema.title.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) : '';
  return title.replace(/^_+|_+$/g, '') || 'response';
}
