import type { JudgeAgreement } from '../../domain/index.js';
import { kendallsW } from '../../ratings/agreement.js';

/** Flips and pairs compared between two passes of one judge (the second with positions reversed). */
export interface FlipCount {
  flips: number;
  pairs: number;
}

/**
 * Answer pairs whose order reverses between the two passes: one pass scores
 * x above y, the other y above x (a tie in either pass is not a reversal).
 */
export function countFlips(passScores: readonly Record<string, number>[]): FlipCount {
  const [first, second] = passScores;
  if (!first || !second) return { flips: 0, pairs: 0 };
  const models = Object.keys(first).filter((m) => m in second);
  let flips = 0;
  let pairs = 0;
  for (let i = 0; i < models.length; i++) {
    for (let j = i + 1; j < models.length; j++) {
      pairs++;
      const before = Math.sign(first[models[i]] - first[models[j]]);
      const after = Math.sign(second[models[i]] - second[models[j]]);
      if (before * after < 0) flips++;
    }
  }
  return { flips, pairs };
}

/** The flip count recorded in a judge's details (LLM judges with judge_runs 2 keep `pass_scores`). */
export function flipsOf(details: Record<string, unknown> | undefined): FlipCount | undefined {
  const passScores = details?.pass_scores;
  if (!Array.isArray(passScores) || passScores.length !== 2) return undefined;
  return countFlips(passScores as Record<string, number>[]);
}

export function flipRate(counts: readonly (FlipCount | undefined)[]): number | null {
  const known = counts.filter((c): c is FlipCount => c !== undefined);
  const pairs = known.reduce((sum, c) => sum + c.pairs, 0);
  return pairs === 0 ? null : Math.round((known.reduce((sum, c) => sum + c.flips, 0) / pairs) * 10_000) / 10_000;
}

/**
 * Agreement of the judges on the answers every one of them scored:
 * Kendall's W of their rankings and the largest spread of their scores.
 * `scores[j]` maps answer (model id) → judge j's score.
 */
export function panelAgreement(scores: readonly Map<string, number>[]): JudgeAgreement {
  const shared = scores.length === 0 ? [] : [...scores[0].keys()].filter((m) => scores.every((s) => s.has(m)));
  if (scores.length < 2 || shared.length === 0) return { kendall_w: null, max_spread: null };
  const matrix = scores.map((s) => shared.map((m) => s.get(m)!));
  const spread = Math.max(...shared.map((_, i) => Math.max(...matrix.map((row) => row[i])) - Math.min(...matrix.map((row) => row[i]))));
  return { kendall_w: kendallsW(matrix), max_spread: Math.round(spread * 100) / 100 };
}
