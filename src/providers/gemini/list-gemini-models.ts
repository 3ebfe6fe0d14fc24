import type { ListedModel } from '../../config/models-catalogue.js';
import { newGeminiClient } from './gemini-client.js';

/**
 * Models that do support generateContent but only speak, draw or stream live
 * (`-tts`, `-image`, `native-audio`, `-live`): none of them answers a question
 * about a video in text.
 */
const notForVideoQuestions = /(-tts\b|-image\b|-image-|native-audio|-live\b|-live-)/i;

/**
 * The Gemini models this key may call, through `@google/genai`'s `models.list`
 * (every page). Only models that support `generateContent` answer prompts, so
 * embedding, Imagen, Veo and live-only models are left out.
 */
export async function listGeminiModels(settings: { apiKey: string; baseUrl?: string; timeoutMs: number }, signal: AbortSignal): Promise<ListedModel[]> {
  // one attempt: the next refresh is the retry
  const ai = newGeminiClient(settings);
  const pager = await ai.models.list({ config: { pageSize: 1000, abortSignal: signal } });
  const models: ListedModel[] = [];
  for await (const model of pager) {
    if (!model.name || !(model.supportedActions ?? []).includes('generateContent')) continue;
    const id = model.name.replace(/^models\//, '');
    if (notForVideoQuestions.test(id)) continue;
    models.push({ id, ...(model.displayName ? { display_name: model.displayName } : {}) });
  }
  return models;
}
