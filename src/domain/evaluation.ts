/** The criteria the local judge scores on (LLM judges give one overall score). */
export type RubricCriterion = 'base' | 'accuracy' | 'coverage' | 'specificity' | 'actionability' | 'structure' | 'adjustment';

/**
 * One line of a score's breakdown: `points` out of `weight`. The points of all
 * lines add up to `score_exact`: a `base` line (the 1 every answer with text
 * starts from) and the criteria share the other 9; an `adjustment` line
 * (weight 0) carries a cap so that they still do.
 */
export interface RubricLine {
  criterion: RubricCriterion;
  weight: number;
  points: number;
  note: string;
}

/** One answer's judgement. `model_name` is the catalogue id (seed field name). */
export interface ModelScore {
  model_name: string;
  /** an integer from 1 to 10 (the seed's contract) */
  score: number;
  /** the unrounded score, for means and close calls; older evaluations lack it */
  score_exact?: number;
  reasoning: string;
  strengths: string[];
  weaknesses: string[];
  /**
   * claims the judge found but could not check against the measurement, each
   * with why ("shot 2 has neutral colour (… a colourful shot …)"); neutral for
   * the score. The local judge always sets it; LLM judges do not.
   */
  not_checked?: string[];
  /** how the score was reached, criterion by criterion (local judge) */
  rubric?: RubricLine[];
}

/** The judge's verdict on one combination. */
export interface Evaluation {
  job_id: string;
  item_index: number;
  judge_model: string;
  status: 'succeeded' | 'failed';
  scores: ModelScore[];
  overall_summary: string | null;
  error: string | null;
  /** anything judge-specific worth keeping: label order shown to the judge, disagreement, grounding findings */
  details: Record<string, unknown>;
  finished_at: string;
}

/** A score on the seed's scale: an integer from 1 to 10. */
export function integerScore(value: number): number {
  if (!Number.isFinite(value)) return 1;
  return Math.min(10, Math.max(1, Math.round(value)));
}

/**
 * A stored score as the API shows it: `score` an integer (evaluations stored
 * before scores were integers carried decimals), `score_exact` the precise value.
 */
export function withIntegerScore<T extends ModelScore>(score: T): T {
  const exact = score.score_exact ?? score.score;
  return { ...score, score: integerScore(score.score), score_exact: Math.round(exact * 100) / 100 };
}
