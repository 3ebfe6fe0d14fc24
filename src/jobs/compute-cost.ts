import type { CatalogueModel, TokenUsage } from '../domain/index.js';

/**
 * USD cost of one call from its token usage and the model's prices.
 * Thinking tokens are billed as output. Null when prices or usage are unknown.
 */
export function computeCostUsd(model: CatalogueModel, usage: TokenUsage): number | null {
  const { input_usd_per_mtok: inputPrice, output_usd_per_mtok: outputPrice } = model;
  if (inputPrice === null || outputPrice === null) return null;
  if (inputPrice === 0 && outputPrice === 0) return 0;
  if (usage.input_tokens === null && usage.output_tokens === null) return null;
  const output = (usage.output_tokens ?? 0) + (usage.thinking_tokens ?? 0);
  return ((usage.input_tokens ?? 0) * inputPrice + output * outputPrice) / 1_000_000;
}
