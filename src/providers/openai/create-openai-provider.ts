import OpenAI from 'openai';
import { silentLogger } from '../../logging/logger.js';
import type { CatalogueModel } from '../../domain/index.js';
import { createFrameSource } from '../frames/frame-source.js';
import type { FrameProviderSettings } from '../frames/frame-provider-settings.js';
import { requireResponseObject } from '../sdk-call-errors.js';
import type { Availability, GenerateRequest, GenerateResult, PrepareOptions, PreparedVideo, VideoAsset, VideoProvider } from '../provider.js';
import { CancelledError, ProviderError } from '../../core/provider-error.js';
import { buildOpenAiRequest } from './build-openai-request.js';
import { mapOpenAiError } from './map-openai-error.js';
import { readOpenAiResponse } from './read-openai-response.js';

/**
 * `baseUrl` may be any OpenAI-compatible endpoint, including `/v1` (Ollama:
 * http://127.0.0.1:11434/v1); with a base URL a key is optional, as local
 * servers do not check it.
 */
export type OpenAiProviderSettings = FrameProviderSettings;

/** Sent when a local server needs no key: the SDK insists on one. */
const PLACEHOLDER_KEY = 'no-key-needed';
const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';
const KEY_ENV_PATTERN = /^[A-Z][A-Z0-9_]*_API_KEY$/;

interface Endpoint {
  baseUrl?: string;
  apiKey?: string;
  keyName: string;
  label: string;
}

/**
 * The adapter for OpenAI and OpenAI-compatible servers (Ollama, vLLM,
 * LM Studio, OpenRouter) through the `openai` SDK's Chat Completions API.
 * Videos go as evenly spaced JPEG frames, each labelled with its time.
 *
 * A catalogue model may point elsewhere with `options.base_url` and name its
 * key variable with `options.api_key_env` (e.g. "OPENROUTER_API_KEY"), so
 * OpenAI and a local server can be compared side by side. Such a model is
 * never sent the OpenAI key.
 * The SDK's retries stay off: the scheduler retries, driven by `ProviderError`.
 *
 * @example
 * const openai = createOpenAiProvider({ apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, tools });
 * const { text, usage } = await openai.generate({ model, prompt, video, signal });
 */
export function createOpenAiProvider(settings: OpenAiProviderSettings): VideoProvider {
  const logger = settings.logger ?? silentLogger();
  const frameSource = createFrameSource('openai', settings);
  const clients = new Map<string, OpenAI>();

  function endpoint(model: CatalogueModel): Endpoint {
    const modelBase = typeof model.options.base_url === 'string' && model.options.base_url.trim() !== '' ? model.options.base_url.trim() : undefined;
    const keyEnv = typeof model.options.api_key_env === 'string' && KEY_ENV_PATTERN.test(model.options.api_key_env) ? model.options.api_key_env : undefined;
    const baseUrl = modelBase ?? settings.baseUrl;
    // A model with its own server never gets the OpenAI key: only the key it names, if any.
    const raw = keyEnv ? settings.namedApiKeys?.[keyEnv] : modelBase ? undefined : settings.apiKey;
    const apiKey = raw && raw.trim() !== '' ? raw.trim() : undefined;
    return { baseUrl, apiKey, keyName: keyEnv ?? 'OPENAI_API_KEY', label: baseUrl ? `OpenAI-compatible API at ${hostOf(baseUrl)}` : 'OpenAI API' };
  }

  function client(target: Endpoint): OpenAI {
    if (!target.apiKey && !target.baseUrl) {
      throw new ProviderError(`${target.keyName} not set`, { provider: 'openai', statusCode: 401, isRetryable: false });
    }
    const apiKey = target.apiKey ?? PLACEHOLDER_KEY;
    const cacheKey = `${target.baseUrl ?? ''}\n${apiKey}`;
    let found = clients.get(cacheKey);
    if (!found) {
      found = new OpenAI({
        apiKey,
        // all explicit: the SDK would otherwise read OPENAI_BASE_URL, OPENAI_ORG_ID and OPENAI_PROJECT_ID from the shell
        baseURL: target.baseUrl ?? OPENAI_API_BASE_URL,
        organization: null,
        project: null,
        // One attempt per call: retries belong to the scheduler.
        maxRetries: 0,
        timeout: settings.timeoutMs ?? 600_000,
      });
      clients.set(cacheKey, found);
    }
    return found;
  }

  return {
    specificationVersion: 'v1',
    family: 'openai',
    // bump when a change here would change the answer to the same request (it keys the response cache)
    adapterVersion: 'openai-1',

    availability(model: CatalogueModel): Availability {
      const target = endpoint(model);
      return target.apiKey || target.baseUrl ? { available: true } : { available: false, reason: `${target.keyName} not set` };
    },

    /** Samples the frames ahead of the call, so its latency is the model's alone. */
    async prepare(video: VideoAsset, signal: AbortSignal, options: PrepareOptions): Promise<PreparedVideo> {
      try {
        if (signal.aborted) throw new CancelledError();
        return await frameSource.prepare(video, signal, options);
      } catch (error) {
        throw mapOpenAiError(error, signal, endpoint(options.model).label);
      }
    },

    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const { signal } = request;
      const target = endpoint(request.model);
      try {
        if (signal.aborted) throw new CancelledError();
        const openai = client(target);
        const { frames, frameParams } = await frameSource.framesFor(request);
        const { body, warnings } = buildOpenAiRequest(request, frames, frameParams.rest);
        logger.debug({ model: request.model.id, frames: frames.length, endpoint: target.label }, 'openai: sending request');
        await request.beforeRequest?.();
        const completion = requireResponseObject(await openai.chat.completions.create(body, { signal }), 'openai', target.label);
        const result = readOpenAiResponse(completion, request.model.provider_model);
        return { ...result, warnings: [...frameParams.warnings, ...warnings, ...result.warnings] };
      } catch (error) {
        throw mapOpenAiError(error, signal, target.label);
      }
    },
  };
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}
