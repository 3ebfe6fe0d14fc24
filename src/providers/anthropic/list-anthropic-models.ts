import Anthropic from '@anthropic-ai/sdk';
import type { ListedModel } from '../../config/models-catalogue.js';

const ANTHROPIC_API_BASE_URL = 'https://api.anthropic.com';

/**
 * The Claude models this key may call, through `@anthropic-ai/sdk`'s
 * `models.list` (every page). Retired models stay in Anthropic's list as a
 * record and are left out; a deprecated one carries its retirement date as a
 * notice, shown once in GET /api/models instead of the SDK's warning per call.
 */
export async function listAnthropicModels(settings: { apiKey: string; baseUrl?: string; timeoutMs: number }, signal: AbortSignal): Promise<ListedModel[]> {
  const client = new Anthropic({
    apiKey: settings.apiKey,
    // explicit: the SDK would otherwise read ANTHROPIC_BASE_URL from the shell
    baseURL: settings.baseUrl ?? ANTHROPIC_API_BASE_URL,
    maxRetries: 0,
    timeout: settings.timeoutMs,
  });
  const models: ListedModel[] = [];
  for await (const model of client.models.list({ limit: 1000 }, { signal })) {
    const lifecycle = (model as { lifecycle?: string }).lifecycle;
    if (lifecycle === 'retired') continue;
    const retiresAt = (model as { retires_at?: string | null }).retires_at;
    const notice = lifecycle === 'deprecated'
      ? `Anthropic deprecated ${model.id}${retiresAt ? `; it retires on ${retiresAt.slice(0, 10)}` : ''}`
      : undefined;
    models.push({ id: model.id, ...(model.display_name ? { display_name: model.display_name } : {}), ...(notice ? { notice } : {}) });
  }
  return models;
}
