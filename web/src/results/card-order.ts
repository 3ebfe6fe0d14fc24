import type { CompareResponse, ModelResult, ScoredModel } from '../api/types.js';
import { exactScore } from './answer-fields.js';

export type CardSort = 'score' | 'latency' | 'cost';
export type CardFilter = 'all' | 'answered' | 'failed';

export interface CardEntry {
  result: ModelResult;
  score?: ScoredModel;
  index: number;
}

/** Missing figures sort last, whichever way. */
function byNumber(a: number | null | undefined, b: number | null | undefined, descending: boolean): number {
  const missingA = a === null || a === undefined;
  const missingB = b === null || b === undefined;
  if (missingA || missingB) return Number(missingA) - Number(missingB);
  return descending ? b - a : a - b;
}

/** The cards of a comparison, filtered and sorted: best score, fastest, or cheapest first. */
export function orderCards(comparison: CompareResponse, sort: CardSort, filter: CardFilter): CardEntry[] {
  const entries = comparison.results.map((result, index) => ({
    result,
    index,
    score: comparison.evaluation?.find((s) => s.model_id === result.model_id),
  }));
  const kept = entries.filter((e) => (filter === 'all' ? true : filter === 'failed' ? Boolean(e.result.error) && e.result.status !== 'skipped' : !e.result.error && Boolean(e.result.response)));
  const compare = (a: CardEntry, b: CardEntry): number => {
    if (sort === 'latency') return byNumber(a.result.latency_ms, b.result.latency_ms, false);
    if (sort === 'cost') return byNumber(a.result.cost_usd, b.result.cost_usd, false);
    return byNumber(a.score ? exactScore(a.score) : null, b.score ? exactScore(b.score) : null, true);
  };
  return kept.sort((a, b) => compare(a, b) || a.index - b.index);
}
