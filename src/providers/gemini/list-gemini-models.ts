import { GoogleGenAI } from '@google/genai';
import type { ListedModel } from '../../config/models-catalogue.js';

const GEMINI_API_BASE_URL = 'https://generativelanguage.googleapis.com/';

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
  const ai = new GoogleGenAI({
    apiKey: settings.apiKey,
    vertexai: false,
    // explicit: the SDK would otherwise read GOOGLE_GEMINI_BASE_URL from the shell; one attempt: the next refresh is the retry
    httpOptions: { baseUrl: settings.baseUrl ?? GEMINI_API_BASE_URL, retryOptions: { attempts: 1 }, timeout: settings.timeoutMs },
  });
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
