import type { ModelDetail } from '../api/types.js';

/**
 * A deliberately rough cost estimate: real token counts depend on the
 * provider's sampling, resolution and the answer's length, so this uses
 * nominal figures and says so.
 */
export const nominalInputTokensPerSecond = 300;
export const nominalPromptTokens = 200;
export const nominalOutputTokens = 1000;

export interface CostEstimate {
  /** summed over the models with a known price; null when none has one */
  usd: number | null;
  /** selected models without a price in the catalogue */
  unpriced: ModelDetail[];
}

export function estimateCost(models: ModelDetail[], videoSeconds: number[], promptCount: number): CostEstimate {
  let usd: number | null = null;
  const unpriced: ModelDetail[] = [];
  const inputTokens = videoSeconds.reduce((sum, s) => sum + s * nominalInputTokensPerSecond + nominalPromptTokens, 0) * promptCount;
  const answers = videoSeconds.length * promptCount;
  for (const model of models) {
    if (model.input_usd_per_mtok === null || model.output_usd_per_mtok === null) {
      unpriced.push(model);
      continue;
    }
    const cost = (inputTokens * model.input_usd_per_mtok + answers * nominalOutputTokens * model.output_usd_per_mtok) / 1_000_000;
    usd = (usd ?? 0) + cost;
  }
  return { usd, unpriced };
}
