import { randomBytes } from 'node:crypto';
import { openAiModelList, type ModelListSource } from './model-lists.js';
import { roughTokens, startJsonStandIn, type JsonCall, type JsonStandInCore, type StandInReply } from './json-api-stand-in.js';

/**
 * A local server that speaks the OpenAI Chat Completions wire protocol
 * closely enough for the `openai` SDK: POST /v1/chat/completions, JSON in and
 * out, errors as `{error: {message, type, code}}`, 429 with `retry-after`.
 */

export interface ChatContentPart {
  type: string;
  text?: string;
  image_url?: { url: string; detail?: string };
}

export interface ChatRequestBody {
  model: string;
  messages: { role: string; content: string | ChatContentPart[] }[];
  response_format?: { type: string; json_schema?: { name: string; schema: unknown; strict?: boolean } };
  temperature?: number;
  max_tokens?: number;
  max_completion_tokens?: number;
  [key: string]: unknown;
}

export type ChatCall = JsonCall<ChatRequestBody>;
export type { StandInReply };

export interface OpenAiStandInOptions {
  /** when set, requests without `Authorization: Bearer <apiKey>` get 401 invalid_api_key */
  apiKey?: string;
  latencyMs?: number | ((call: ChatCall) => number);
  gate?: (call: ChatCall) => Promise<void>;
  intercept?: (call: ChatCall) => StandInReply | undefined;
  /** the answer text; default: markdown naming the model, the frames seen and the prompt length, or JSON when a schema is asked for */
  respond?: (body: ChatRequestBody, call: ChatCall) => string;
  /** finish_reason of answers (default "stop") */
  finishReason?: (call: ChatCall) => string;
  /** the model name answers report (default: the requested one with a date suffix) */
  servedModel?: (requested: string) => string;
  /** reasoning tokens reported (default 5; included in completion_tokens as OpenAI does) */
  reasoningTokens?: number;
  /** what GET /v1/models lists (or an outage reply); without it that route answers 404 */
  models?: ModelListSource;
}

export interface OpenAiStandIn extends JsonStandInCore<ChatRequestBody> {
  /** the base URL to hand to the SDK (ends with /v1) */
  readonly url: string;
  /** bodies of the chat completion calls, in order */
  chatBodies(): ChatRequestBody[];
}

/** An OpenAI-style error reply. */
export function openAiError(status: number, message: string, type = 'invalid_request_error', code: string | null = null, headers?: Record<string, string>): StandInReply {
  return { status, body: { error: { message, type, param: null, code } }, ...(headers ? { headers } : {}) };
}

/** 429 with a Retry-After header in seconds, as OpenAI sends it. */
export function openAiRateLimited(retryAfterS: number): StandInReply {
  return openAiError(429, 'Rate limit reached for requests per min (RPM). Please try again later.', 'requests', 'rate_limit_exceeded', {
    'retry-after': String(retryAfterS),
  });
}

/** Texts and images of the user message, in order. */
export function userParts(body: ChatRequestBody): ChatContentPart[] {
  const user = body.messages.find((message) => message.role === 'user');
  if (!user) return [];
  return typeof user.content === 'string' ? [{ type: 'text', text: user.content }] : user.content;
}

export async function startOpenAiStandIn(options: OpenAiStandInOptions = {}): Promise<OpenAiStandIn> {
  const reasoning = options.reasoningTokens ?? 5;
  const core = await startJsonStandIn<ChatRequestBody>({
    authorize: (headers) =>
      options.apiKey !== undefined && headers.authorization !== `Bearer ${options.apiKey}`
        ? openAiError(401, 'Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key')
        : undefined,
    errorReply: (status, message) => openAiError(status, message, status >= 500 ? 'server_error' : 'invalid_request_error'),
    latencyMs: options.latencyMs,
    gate: options.gate,
    intercept: options.intercept,
    ...(options.models ? { lists: { 'GET /v1/models': () => openAiModelList(options.models!) } } : {}),
    routes: {
      'POST /v1/chat/completions': (call) => {
        const parts = userParts(call.body);
        const images = parts.filter((part) => part.type === 'image_url').length;
        const promptText = call.body.messages
          .flatMap((message) => (typeof message.content === 'string' ? [message.content] : message.content.map((part) => part.text ?? '')))
          .join('');
        const text = options.respond?.(call.body, call) ?? defaultAnswer(call.body, parts, images, promptText);
        const completion = roughTokens(text) + reasoning;
        const prompt = roughTokens(promptText) + 85 * images;
        return {
          status: 200,
          body: {
            id: `chatcmpl-${randomBytes(6).toString('hex')}`,
            object: 'chat.completion',
            created: Math.floor(Date.now() / 1000),
            model: options.servedModel?.(call.body.model) ?? `${call.body.model}-2025-04-14`,
            choices: [
              { index: 0, message: { role: 'assistant', content: text, refusal: null }, finish_reason: options.finishReason?.(call) ?? 'stop' },
            ],
            usage: {
              prompt_tokens: prompt,
              completion_tokens: completion,
              total_tokens: prompt + completion,
              completion_tokens_details: { reasoning_tokens: reasoning },
            },
          },
        };
      },
    },
  });
  return {
    ...core,
    origin: core.origin,
    url: `${core.origin}/v1`,
    chatBodies: () => core.requests.filter((request) => request.path === '/v1/chat/completions' && request.body).map((request) => request.body!),
  };
}

function defaultAnswer(body: ChatRequestBody, parts: ChatContentPart[], images: number, promptText: string): string {
  if (body.response_format?.type === 'json_schema') return JSON.stringify({ model: body.model, images, prompt_length: promptText.length });
  const labels = parts.filter((part) => part.type === 'text' && /^Frame at /.test(part.text ?? '')).map((part) => part.text);
  return [
    `## Analysis by ${body.model}`,
    '',
    `Saw ${images} frame${images === 1 ? '' : 's'}${labels.length ? ` (${labels[0]} to ${labels[labels.length - 1]})` : ''}; prompt length ${promptText.length} characters.`,
    '',
    '- **00:00–00:05** Opening shot.',
  ].join('\n');
}
