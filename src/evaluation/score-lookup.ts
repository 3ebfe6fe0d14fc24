import type { CompareResponse, ModelResult, ScoredModel } from '../domain/index.js';

/** The judge's entry for one answer of a comparison, by catalogue id. */
export function scoreFor(comparison: CompareResponse, result: ModelResult): ScoredModel | undefined {
  return comparison.evaluation?.find((s) => s.model_id === result.model_id);
}
