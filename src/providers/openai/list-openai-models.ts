import OpenAI from 'openai';
import type { ListedModel } from '../../config/models-catalogue.js';

const OPENAI_API_BASE_URL = 'https://api.openai.com/v1';
/** stands in for the key on keyless local servers (Ollama, LM Studio), as the adapter does */
const PLACEHOLDER_KEY = 'not-needed';

/**
 * Models an OpenAI-style `/v1/models` list names that cannot answer a chat
 * prompt about frames (embeddings, speech, image generation, moderation,
 * legacy completions). The endpoint says nothing of capabilities, so names decide.
 */
const notForChat = /(embed|whisper|tts|dall-e|gpt-image|moderation|transcribe|realtime|audio|davinci|babbage|sora|search-api|computer-use)/i;

/**
 * The models an OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio)
 * lists, through the openai SDK's `models.list` (`GET /v1/models`).
 */
export async function listOpenAiModels(settings: { apiKey?: string; baseUrl?: string; timeoutMs: number }, signal: AbortSignal): Promise<ListedModel[]> {
  const client = new OpenAI({
    apiKey: settings.apiKey ?? PLACEHOLDER_KEY,
    // all explicit: the SDK would otherwise read OPENAI_BASE_URL, OPENAI_ORG_ID and OPENAI_PROJECT_ID from the shell
    baseURL: settings.baseUrl ?? OPENAI_API_BASE_URL,
    organization: null,
    project: null,
    maxRetries: 0,
    timeout: settings.timeoutMs,
  });
  const models: ListedModel[] = [];
  for await (const model of client.models.list({ signal })) {
    if (typeof model.id !== 'string' || notForChat.test(model.id)) continue;
    models.push({ id: model.id });
  }
  return models;
}
