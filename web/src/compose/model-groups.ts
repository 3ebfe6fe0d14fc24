import type { ModelDetail } from '../api/types.js';

const providerNames: Record<string, string> = {
  gemini: 'Gemini',
  openai: 'OpenAI',
  anthropic: 'Anthropic',
  local: 'Local (built in, no key)',
  test: 'Test',
};

export function providerName(provider: string): string {
  return providerNames[provider] ?? provider.charAt(0).toUpperCase() + provider.slice(1);
}

/** "GEMINI_API_KEY not set" → "add GEMINI_API_KEY to enable"; other reasons as they are. */
export function enableHint(reason: string | undefined): string {
  if (!reason) return 'not configured';
  const missing = /^([A-Z][A-Z0-9_]*) not set$/.exec(reason.trim());
  return missing ? `add ${missing[1]} to enable` : reason;
}

export interface ProviderGroup {
  provider: string;
  name: string;
  models: ModelDetail[];
}

export interface UnavailableProvider extends ProviderGroup {
  /** what to do to enable it, from the most common reason */
  hint: string;
}

export interface ModelGroups {
  available: ProviderGroup[];
  /** providers none of whose models can run: one line each */
  unavailable: UnavailableProvider[];
}

function mostCommon(values: (string | undefined)[]): string | undefined {
  const counts = new Map<string | undefined, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** Answer models by provider: providers with a runnable model first (in catalogue order), the rest collapsed. */
export function groupModels(models: ModelDetail[]): ModelGroups {
  const byProvider = new Map<string, ModelDetail[]>();
  for (const m of models.filter((m) => m.role === 'answer')) {
    const list = byProvider.get(m.provider) ?? [];
    list.push(m);
    byProvider.set(m.provider, list);
  }
  const groups: ModelGroups = { available: [], unavailable: [] };
  for (const [provider, list] of byProvider) {
    const group = { provider, name: providerName(provider), models: list };
    if (list.some((m) => m.available)) {
      groups.available.push({ ...group, models: list.slice().sort((a, b) => Number(b.available) - Number(a.available)) });
    } else {
      groups.unavailable.push({ ...group, hint: enableHint(mostCommon(list.map((m) => m.reason))) });
    }
  }
  return groups;
}
