import type { Env } from '../config/env.js';
import { listAnthropicModels } from './anthropic/list-anthropic-models.js';
import { listGeminiModels } from './gemini/list-gemini-models.js';
import type { DiscoverySource } from './model-discovery.js';
import { listOpenAiModels } from './openai/list-openai-models.js';
import type { VideoProvider } from './provider.js';

/** one list call, all its pages: short, so a dead endpoint fails the refresh quickly */
export const DISCOVERY_TIMEOUT_MS = 15_000;

/**
 * The list calls for the providers this configuration can reach: Gemini and
 * Anthropic with a key, OpenAI-compatible with a key or a base URL (keyless
 * local servers such as Ollama). Providers a test or plug-in replaced are not
 * asked, and the local analyzers are static.
 */
export function discoverySources(env: Env, replaced: ReadonlySet<VideoProvider['family']> = new Set()): DiscoverySource[] {
  const timeoutMs = DISCOVERY_TIMEOUT_MS;
  const sources: DiscoverySource[] = [];
  const geminiKey = env.GEMINI_API_KEY ?? env.GOOGLE_API_KEY;
  if (geminiKey && !replaced.has('gemini')) {
    sources.push({ family: 'gemini', label: 'Gemini', list: (signal) => listGeminiModels({ apiKey: geminiKey, baseUrl: env.GOOGLE_GEMINI_BASE_URL, timeoutMs }, signal) });
  }
  if ((env.OPENAI_API_KEY || env.OPENAI_BASE_URL) && !replaced.has('openai')) {
    sources.push({ family: 'openai', label: 'OpenAI', list: (signal) => listOpenAiModels({ apiKey: env.OPENAI_API_KEY, baseUrl: env.OPENAI_BASE_URL, timeoutMs }, signal) });
  }
  const anthropicKey = env.ANTHROPIC_API_KEY;
  if (anthropicKey && !replaced.has('anthropic')) {
    sources.push({ family: 'anthropic', label: 'Anthropic', list: (signal) => listAnthropicModels({ apiKey: anthropicKey, baseUrl: env.ANTHROPIC_BASE_URL, timeoutMs }, signal) });
  }
  return sources;
}
