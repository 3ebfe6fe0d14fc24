import type { CompareResponse, ModelResult, ScoredModel } from '../domain/index.js';

/** The judge's entry for one answer of a comparison: by catalogue id, else by display name (older results). */
export function scoreFor(comparison: CompareResponse, result: ModelResult): ScoredModel | undefined {
  const evaluation = comparison.evaluation;
  if (!evaluation) return undefined;
  return evaluation.find((s) => s.model_id === result.model_id) ?? evaluation.find((s) => s.model_name === result.model_name);
}
