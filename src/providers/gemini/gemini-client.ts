import { GoogleGenAI } from '@google/genai';
import type { Clock } from '../../core/clock.js';
import { ProviderError } from '../../core/provider-error.js';
import type { Logger } from '../../logging/logger.js';
import type { GeminiProviderSettings } from './create-gemini-provider.js';
import { createGeminiFileManager, type GeminiFileManager } from './gemini-file-manager.js';

export const GEMINI_API_BASE_URL = 'https://generativelanguage.googleapis.com/';

/** An SDK client that makes one attempt per call (retries belong to the scheduler) at an explicit base URL. */
export function newGeminiClient(options: { apiKey: string; baseUrl?: string; timeoutMs: number }): GoogleGenAI {
  return new GoogleGenAI({
    apiKey: options.apiKey,
    vertexai: false,
    // always explicit: the SDK would otherwise read GOOGLE_GEMINI_BASE_URL from the shell
    httpOptions: { baseUrl: options.baseUrl ?? GEMINI_API_BASE_URL, retryOptions: { attempts: 1 }, timeout: options.timeoutMs },
  });
}

/** The configured key, trimmed; undefined when none is set. */
export function geminiApiKey(settings: GeminiProviderSettings): string | undefined {
  const key = settings.apiKey?.trim();
  return key ? key : undefined;
}

/**
 * The client for the configured key, made once and made again only when the key changes.
 * @throws ProviderError (401, not retryable) when no key is set
 */
export function geminiClientSource(settings: GeminiProviderSettings): () => GoogleGenAI {
  let cached: { apiKey: string; client: GoogleGenAI } | undefined;
  return () => {
    const apiKey = geminiApiKey(settings);
    if (!apiKey) throw new ProviderError('GEMINI_API_KEY not set (nor GOOGLE_API_KEY)', { provider: 'gemini', statusCode: 401, isRetryable: false });
    if (cached?.apiKey !== apiKey) {
      cached = { apiKey, client: newGeminiClient({ apiKey, baseUrl: settings.baseUrl, timeoutMs: settings.timeoutMs ?? 600_000 }) };
    }
    return cached.client;
  };
}

/** The Files API uploads of these settings: one per video, recorded in the shared provider-file store. */
export function geminiFileManagerFor(settings: GeminiProviderSettings, client: () => GoogleGenAI, logger: Logger, clock: Clock): GeminiFileManager {
  return createGeminiFileManager({
    files: settings.files,
    client,
    logger,
    clock,
    pollIntervalMs: settings.pollIntervalMs ?? 2000,
    reuseMarginMs: settings.fileReuseMarginMs ?? 3600_000,
    ...(settings.uploadLock ? { lock: settings.uploadLock } : {}),
  });
}
