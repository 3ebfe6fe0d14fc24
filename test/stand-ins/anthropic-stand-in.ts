import { randomBytes } from 'node:crypto';
import { anthropicModelList, type ModelListSource } from './model-lists.js';
import { roughTokens, startJsonStandIn, type JsonCall, type JsonStandInCore, type StandInReply } from './json-api-stand-in.js';

/**
 * A local server that speaks the Anthropic Messages wire protocol closely
 * enough for `@anthropic-ai/sdk`: POST /v1/messages, JSON in and out, errors
 * as `{type: 'error', error: {type, message}}`, 429/529 with `retry-after`.
 */

export interface MessageBlock {
  type: string;
  text?: string;
  source?: { type: string; media_type?: string; data?: string };
}

export interface MessagesRequestBody {
  model: string;
  max_tokens: number;
  system?: string;
  messages: { role: string; content: string | MessageBlock[] }[];
  tools?: { name: string; description?: string; input_schema: Record<string, unknown> }[];
  tool_choice?: { type: string; name?: string };
  temperature?: number;
  [key: string]: unknown;
}

export type MessagesCall = JsonCall<MessagesRequestBody>;
export type { StandInReply };

export interface AnthropicStandInOptions {
  /** when set, requests without this key (as `x-api-key`, or `authorization: Bearer` as SDK 1.x sends it) get 401 authentication_error */
  apiKey?: string;
  latencyMs?: number | ((call: MessagesCall) => number);
  gate?: (call: MessagesCall) => Promise<void>;
  intercept?: (call: MessagesCall) => StandInReply | undefined;
  /** the answer text; default: markdown naming the model, the frames seen and the prompt length */
  respond?: (body: MessagesRequestBody, call: MessagesCall) => string;
  /** the tool input when a tool call is forced; default `{model, images, prompt_length}` */
  respondTool?: (body: MessagesRequestBody, call: MessagesCall) => unknown;
  /** stop_reason of answers (default end_turn, or tool_use for a forced tool call) */
  stopReason?: (call: MessagesCall) => string;
  /** what GET /v1/models lists (or an outage reply); without it that route answers 404 */
  models?: ModelListSource;
}

export interface AnthropicStandIn extends JsonStandInCore<MessagesRequestBody> {
  /** the base URL to hand to the SDK (no /v1: the SDK adds it) */
  readonly url: string;
  /** bodies of the messages calls, in order */
  messageBodies(): MessagesRequestBody[];
}

/** An Anthropic-style error reply. */
export function anthropicError(status: number, type: string, message: string, headers?: Record<string, string>): StandInReply {
  return { status, body: { type: 'error', error: { type, message } }, ...(headers ? { headers } : {}) };
}

/** 429 rate_limit_error with a Retry-After header in seconds. */
export function anthropicRateLimited(retryAfterS: number): StandInReply {
  return anthropicError(429, 'rate_limit_error', 'Number of requests has exceeded your per-minute rate limit.', { 'retry-after': String(retryAfterS) });
}

/** 529 overloaded_error, as Anthropic answers under load. */
export function anthropicOverloaded(): StandInReply {
  return anthropicError(529, 'overloaded_error', 'Overloaded');
}

/** The blocks of the user message, in order. */
export function userBlocks(body: MessagesRequestBody): MessageBlock[] {
  const user = body.messages.find((message) => message.role === 'user');
  if (!user) return [];
  return typeof user.content === 'string' ? [{ type: 'text', text: user.content }] : user.content;
}

export async function startAnthropicStandIn(options: AnthropicStandInOptions = {}): Promise<AnthropicStandIn> {
  const core = await startJsonStandIn<MessagesRequestBody>({
    authorize: (headers) => {
      const key = headers['x-api-key'] ?? headers.authorization?.replace(/^Bearer /, '');
      if (options.apiKey !== undefined && key !== options.apiKey) {
        return anthropicError(401, 'authentication_error', 'invalid x-api-key');
      }
      if (!headers['anthropic-version']) return anthropicError(400, 'invalid_request_error', 'anthropic-version: header is required');
      return undefined;
    },
    errorReply: (status, message) => anthropicError(status, status >= 500 ? 'api_error' : 'invalid_request_error', message),
    latencyMs: options.latencyMs,
    gate: options.gate,
    intercept: options.intercept,
    ...(options.models ? { lists: { 'GET /v1/models': (query: URLSearchParams) => anthropicModelList(options.models!, query) } } : {}),
    routes: {
      'POST /v1/messages': (call) => {
        const { body } = call;
        if (!Number.isInteger(body.max_tokens) || body.max_tokens < 1) {
          return anthropicError(400, 'invalid_request_error', 'max_tokens: Field required');
        }
        const blocks = userBlocks(body);
        const images = blocks.filter((block) => block.type === 'image').length;
        const promptText = (body.system ?? '') + blocks.map((block) => block.text ?? '').join('');
        const forced = body.tool_choice?.type === 'tool' ? body.tool_choice.name : undefined;
        const content = forced
          ? [{ type: 'tool_use', id: `toolu_${randomBytes(6).toString('hex')}`, name: forced, input: options.respondTool?.(body, call) ?? { model: body.model, images, prompt_length: promptText.length } }]
          : [{ type: 'text', text: options.respond?.(body, call) ?? defaultAnswer(body, blocks, images, promptText) }];
        const outputText = forced ? JSON.stringify((content[0] as { input: unknown }).input) : (content[0] as { text: string }).text;
        return {
          status: 200,
          body: {
            id: `msg_${randomBytes(6).toString('hex')}`,
            type: 'message',
            role: 'assistant',
            model: body.model,
            content,
            stop_reason: options.stopReason?.(call) ?? (forced ? 'tool_use' : 'end_turn'),
            stop_sequence: null,
            usage: {
              input_tokens: roughTokens(promptText) + 400 * images,
              output_tokens: roughTokens(outputText),
              cache_creation_input_tokens: 0,
              cache_read_input_tokens: 0,
            },
          },
        };
      },
    },
  });
  return {
    ...core,
    url: core.origin,
    messageBodies: () => core.requests.filter((request) => request.path === '/v1/messages' && request.body).map((request) => request.body!),
  };
}

function defaultAnswer(body: MessagesRequestBody, blocks: MessageBlock[], images: number, promptText: string): string {
  const labels = blocks.filter((block) => block.type === 'text' && /^Frame at /.test(block.text ?? '')).map((block) => block.text);
  return [
    `## Analysis by ${body.model}`,
    '',
    `Saw ${images} frame${images === 1 ? '' : 's'}${labels.length ? ` (${labels[0]} to ${labels[labels.length - 1]})` : ''}; prompt length ${promptText.length} characters.`,
    '',
    '- **00:00–00:05** Opening shot.',
  ].join('\n');
}
