import type { ScoredModel } from './api-shapes.js';

/** One judge of a panel as the API shows it: its own score for every answer. */
export interface JudgeView {
  judge_model: string;
  judge_name: string;
  status: 'succeeded' | 'failed';
  evaluation: ScoredModel[];
  overall_summary: string | null;
  error: string | null;
  /** share of answer pairs this judge ordered the other way round when the positions were reversed (judge_runs 2) */
  flip_rate: number | null;
}

/** How far the judges of a panel agree. */
export interface JudgeAgreement {
  /** Kendall's W over the judges' rankings of the answers: 1 = the same ranking */
  kendall_w: number | null;
  /** the largest gap between two judges' scores of the same answer */
  max_spread: number | null;
}

/** A judge from the same provider family as some of the models it judges (self-preference risk). */
export interface JudgeConflict {
  judge_model: string;
  family: string;
  /** the contestants of that family */
  models: string[];
}

/** Panel fields of a CompareResponse. */
export interface PanelFields {
  judges?: JudgeView[] | null;
  judge_agreement?: JudgeAgreement | null;
  /** with judge_runs 2: share of answer pairs whose order reversed when the positions were reversed */
  flip_rate?: number | null;
  judge_conflicts?: JudgeConflict[];
}
