import Anthropic from '@anthropic-ai/sdk';
import { silentLogger } from '../../logging/logger.js';
import { createFrameSource } from '../frames/frame-source.js';
import type { FrameProviderSettings } from '../frames/frame-provider-settings.js';
import { requireResponseObject } from '../sdk-call-errors.js';
import type { Availability, GenerateRequest, GenerateResult, PrepareOptions, PreparedVideo, VideoAsset, VideoProvider } from '../provider.js';
import { CancelledError, ProviderError } from '../../core/provider-error.js';
import { buildAnthropicRequest } from './build-anthropic-request.js';
import { mapAnthropicError } from './map-anthropic-error.js';
import { readAnthropicResponse } from './read-anthropic-response.js';

/** `apiKey` comes from the parsed config (ANTHROPIC_API_KEY); the shell is never read. */
export type AnthropicProviderSettings = FrameProviderSettings;

const ANTHROPIC_API_BASE_URL = 'https://api.anthropic.com';

/**
 * The Anthropic adapter, through `@anthropic-ai/sdk`'s Messages API. Videos
 * go as evenly spaced JPEG frames, each preceded by its time; structured
 * output goes through a forced `submit` tool call. The SDK's retries stay
 * off: the scheduler retries, driven by `ProviderError`.
 *
 * @example
 * const claude = createAnthropicProvider({ apiKey: env.ANTHROPIC_API_KEY, tools });
 * const { text, usage } = await claude.generate({ model, prompt, video, signal });
 */
export function createAnthropicProvider(settings: AnthropicProviderSettings): VideoProvider {
  const logger = settings.logger ?? silentLogger();
  const frameSource = createFrameSource('anthropic', settings);
  let cached: { apiKey: string; client: Anthropic } | undefined;

  function resolveApiKey(): string | undefined {
    const key = settings.apiKey?.trim();
    return key ? key : undefined;
  }

  function client(): Anthropic {
    const apiKey = resolveApiKey();
    if (!apiKey) throw new ProviderError('ANTHROPIC_API_KEY not set', { provider: 'anthropic', statusCode: 401, isRetryable: false });
    if (cached?.apiKey !== apiKey) {
      cached = {
        apiKey,
        client: new Anthropic({
          apiKey,
          // explicit: the SDK would otherwise read ANTHROPIC_BASE_URL from the shell
          baseURL: settings.baseUrl ?? ANTHROPIC_API_BASE_URL,
          // One attempt per call: retries belong to the scheduler.
          maxRetries: 0,
          // An explicit timeout also stops the SDK refusing large max_tokens without streaming.
          timeout: settings.timeoutMs ?? 600_000,
        }),
      };
    }
    return cached.client;
  }

  return {
    specificationVersion: 'v1',
    family: 'anthropic',
    // bump when a change here would change the answer to the same request (it keys the response cache)
    adapterVersion: 'anthropic-1',

    availability(): Availability {
      return resolveApiKey() ? { available: true } : { available: false, reason: 'ANTHROPIC_API_KEY not set' };
    },

    /** Samples the frames ahead of the call, so its latency is the model's alone. */
    async prepare(video: VideoAsset, signal: AbortSignal, options: PrepareOptions): Promise<PreparedVideo> {
      try {
        if (signal.aborted) throw new CancelledError();
        return await frameSource.prepare(video, signal, options);
      } catch (error) {
        throw mapAnthropicError(error, signal);
      }
    },

    async generate(request: GenerateRequest): Promise<GenerateResult> {
      const { signal } = request;
      try {
        if (signal.aborted) throw new CancelledError();
        const anthropic = client();
        const { frames, frameParams } = await frameSource.framesFor(request);
        const { body, warnings, structured } = buildAnthropicRequest(request, frames, frameParams.rest);
        logger.debug({ model: request.model.id, frames: frames.length }, 'anthropic: sending request');
        await request.beforeRequest?.();
        const message = requireResponseObject(await anthropic.messages.create(body, { signal }), 'anthropic', 'Anthropic API');
        const result = readAnthropicResponse(message, request.model.provider_model, structured);
        return { ...result, warnings: [...frameParams.warnings, ...warnings, ...result.warnings] };
      } catch (error) {
        throw mapAnthropicError(error, signal);
      }
    },
  };
}
