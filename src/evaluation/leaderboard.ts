import { classifyPrompt, type CompareResponse, type Leaderboard, type LeaderboardRow, type ModelResult } from '../domain/index.js';

export type { Leaderboard, LeaderboardRow };
import { scoreFor } from './score-lookup.js';

interface Tally {
  model_id: string;
  display_name: string;
  comparisons: number;
  scores: number[];
  wins: number;
  ties: number;
  latencies: number[];
  input_tokens: number;
  output_tokens: number;
  cost: number | null;
  errors: number;
}

function tallyInto(tallies: Map<string, Tally>, comparison: CompareResponse): void {
  const scored = comparison.results
    .map((result) => {
      const scored = scoreFor(comparison, result);
      return { result, score: scored ? (scored.score_exact ?? scored.score) : undefined };
    })
    .filter((s): s is { result: ModelResult; score: number } => typeof s.score === 'number');
  const top = scored.length > 0 ? Math.max(...scored.map((s) => s.score)) : null;
  const atTop = scored.filter((s) => s.score === top).length;

  for (const result of comparison.results) {
    let tally = tallies.get(result.model_id);
    if (!tally) {
      tally = {
        model_id: result.model_id,
        display_name: result.display_name,
        comparisons: 0,
        scores: [],
        wins: 0,
        ties: 0,
        latencies: [],
        input_tokens: 0,
        output_tokens: 0,
        cost: null,
        errors: 0,
      };
      tallies.set(result.model_id, tally);
    }
    tally.comparisons += 1;
    const score = scored.find((s) => s.result === result)?.score;
    if (score !== undefined) {
      tally.scores.push(score);
      // only an outright top score is a win; a shared top score is a tie, counted apart
      if (score === top && atTop === 1) tally.wins += 1;
      else if (score === top) tally.ties += 1;
    }
    if (result.latency_ms !== null) tally.latencies.push(result.latency_ms);
    tally.input_tokens += result.input_tokens ?? 0;
    tally.output_tokens += (result.output_tokens ?? 0) + (result.thinking_tokens ?? 0);
    if (result.cost_usd !== null) tally.cost = (tally.cost ?? 0) + result.cost_usd;
    if (result.error !== null) tally.errors += 1;
  }
}

const mean = (values: number[]) => (values.length === 0 ? null : values.reduce((a, b) => a + b, 0) / values.length);
const round = (value: number | null, digits: number) => (value === null ? null : Math.round(value * 10 ** digits) / 10 ** digits);

function rows(tallies: Map<string, Tally>): LeaderboardRow[] {
  return [...tallies.values()]
    .map((t) => ({
      model_id: t.model_id,
      model_name: t.model_id,
      display_name: t.display_name,
      comparisons: t.comparisons,
      mean_score: round(mean(t.scores), 2),
      wins: t.wins,
      ties: t.ties,
      mean_latency_ms: round(mean(t.latencies), 0),
      input_tokens: t.input_tokens,
      output_tokens: t.output_tokens,
      cost_usd: round(t.cost, 6),
      errors: t.errors,
    }))
    .sort(
      (a, b) =>
        (b.mean_score ?? -Infinity) - (a.mean_score ?? -Infinity) || b.wins - a.wins || a.model_id.localeCompare(b.model_id),
    );
}

/**
 * Aggregates comparisons per model, overall and per prompt category: mean
 * score (of the precise scores, `score_exact` where the judge gave one),
 * wins (the only top score of a judged comparison), ties (a shared top score),
 * latency, tokens (output includes thinking), cost and errors. Rows are
 * sorted by mean score (unjudged last), then wins, then id.
 */
export function buildLeaderboard(comparisons: CompareResponse[]): Leaderboard {
  const overall = new Map<string, Tally>();
  const byCategory = new Map<string, Map<string, Tally>>();
  for (const comparison of comparisons) {
    tallyInto(overall, comparison);
    const category = classifyPrompt(comparison.prompt);
    if (!byCategory.has(category)) byCategory.set(category, new Map());
    tallyInto(byCategory.get(category)!, comparison);
  }
  return {
    overall: rows(overall),
    by_category: Object.fromEntries([...byCategory].map(([category, tallies]) => [category, rows(tallies)])),
  };
}
