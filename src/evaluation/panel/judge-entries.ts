import type { Evaluation, ModelScore } from '../../domain/index.js';

/** One judge's verdict inside a (panel) evaluation, as stored in `details.judges` and returned in `result.judges`. */
export interface JudgeEntry {
  judge_model: string;
  status: 'succeeded' | 'failed';
  evaluation: ModelScore[];
  overall_summary: string | null;
  error: string | null;
  /** the judge's own details (label order, pass scores with judge_runs 2, grounding...) */
  details?: Record<string, unknown>;
}

/** The precise score when the judge gives one (`score_exact`), else the integer score. */
export function exactScore(score: ModelScore): number {
  const exact = (score as ModelScore & { score_exact?: unknown }).score_exact;
  return typeof exact === 'number' && Number.isFinite(exact) ? exact : score.score;
}

/**
 * Each judge's verdict in a stored evaluation: the panel's members, or the
 * single judge itself for an evaluation made by one judge.
 */
export function judgeEntriesOf(evaluation: Evaluation): JudgeEntry[] {
  const judges = evaluation.details.judges;
  if (Array.isArray(judges)) return judges as JudgeEntry[];
  if (evaluation.status !== 'succeeded') return [];
  return [
    {
      judge_model: evaluation.judge_model,
      status: 'succeeded',
      evaluation: evaluation.scores,
      overall_summary: evaluation.overall_summary,
      error: null,
      details: evaluation.details,
    },
  ];
}
