import type { CompareResponse, Leaderboard, LeaderboardRow, TopTwoComparison } from '../domain/index.js';
import { classifyPrompt } from '../domain/index.js';
import { quantile } from './bootstrap.js';
import { seededRandom } from './seeded-random.js';

const RESAMPLES = 1000;
const SEED = 11;

/** A model's judge score in each comparison that judged it, keyed by comparison. */
function scoresByComparison(comparisons: readonly CompareResponse[], modelId: string): Map<number, number> {
  const scores = new Map<number, number>();
  comparisons.forEach((comparison, index) => {
    const score = comparison.evaluation?.find((s) => s.model_id === modelId)?.score;
    if (typeof score === 'number') scores.set(index, score);
  });
  return scores;
}

/** Means of bootstrap resamples of `values`, sorted. */
function bootstrapMeans(values: readonly number[], random: () => number): Float64Array {
  const means = new Float64Array(RESAMPLES);
  for (let r = 0; r < RESAMPLES; r++) {
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += values[Math.floor(random() * values.length)];
    means[r] = sum / values.length;
  }
  return means.sort();
}

const round2 = (value: number) => Math.round(value * 100) / 100;

function withIntervals(rows: LeaderboardRow[], comparisons: readonly CompareResponse[]): LeaderboardRow[] {
  return rows.map((row) => {
    const values = [...scoresByComparison(comparisons, row.model_id).values()];
    if (values.length === 0) return { ...row, mean_score_ci_low: null, mean_score_ci_high: null };
    const means = bootstrapMeans(values, seededRandom(SEED));
    return { ...row, mean_score_ci_low: round2(quantile(means, 0.025)), mean_score_ci_high: round2(quantile(means, 0.975)) };
  });
}

/**
 * Paired bootstrap of the first two rows' score difference over the
 * comparisons that judged both: significant when the two-sided p < 0.05.
 */
export function compareTopTwo(rows: readonly LeaderboardRow[], comparisons: readonly CompareResponse[]): TopTwoComparison | null {
  const [first, second] = rows;
  if (!first || !second || first.mean_score === null || second.mean_score === null) return null;
  const a = scoresByComparison(comparisons, first.model_id);
  const b = scoresByComparison(comparisons, second.model_id);
  const differences = [...a.keys()].filter((k) => b.has(k)).map((k) => a.get(k)! - b.get(k)!);
  if (differences.length === 0) return null;
  const means = bootstrapMeans(differences, seededRandom(SEED));
  const atOrBelowZero = means.filter((m) => m <= 0).length;
  const atOrAboveZero = means.filter((m) => m >= 0).length;
  const pValue = Math.min(1, (2 * (Math.min(atOrBelowZero, atOrAboveZero) + 1)) / (RESAMPLES + 1));
  return {
    models: [first.model_id, second.model_id],
    paired_items: differences.length,
    mean_difference: round2(differences.reduce((s, d) => s + d, 0) / differences.length),
    ci_low: round2(quantile(means, 0.025)),
    ci_high: round2(quantile(means, 0.975)),
    p_value: Math.round(pValue * 10_000) / 10_000,
    significant: pValue < 0.05,
  };
}

/**
 * Adds 95 % bootstrap intervals (over items) to every mean score, and the
 * paired test of the top two, overall and per category. Seeded, so the same
 * results always show the same intervals.
 */
export function addLeaderboardStatistics(leaderboard: Leaderboard, comparisons: readonly CompareResponse[]): Leaderboard {
  const inCategory = (category: string) => comparisons.filter((c) => classifyPrompt(c.prompt) === category);
  return {
    ...leaderboard,
    overall: withIntervals(leaderboard.overall, comparisons),
    top_two: compareTopTwo(leaderboard.overall, comparisons),
    by_category: Object.fromEntries(Object.entries(leaderboard.by_category).map(([category, rows]) => [category, withIntervals(rows, inCategory(category))])),
  };
}
