import type { ModelResult, ScoredModel } from '../api/types.js';

/*
 * The API's answer and score fields are growing (model_name becoming the id
 * with display_name beside it; integer score with score_exact and a rubric).
 * These read both shapes, so the UI renders either.
 */

type Named = Pick<ModelResult, 'model_name' | 'model_id'> & { display_name?: string | null };
type Scored = Pick<ScoredModel, 'score'> & { score_exact?: number | null };

/** The name people read: `display_name` where the API sends it, else `model_name`. */
export function displayName(entry: Named): string {
  return entry.display_name ?? entry.model_name ?? entry.model_id;
}

/** The most precise score the API gives (score_exact where sent). */
export function exactScore(score: Scored): number {
  return score.score_exact ?? score.score;
}

/** One rubric line of a judged answer, if the judge sent a rubric. */
export interface RubricLine {
  criterion: string;
  points?: number;
  max?: number;
  note?: string;
}

export function rubricOf(score: object): RubricLine[] {
  const rubric = (score as { rubric?: unknown }).rubric;
  if (!Array.isArray(rubric)) return [];
  return rubric.flatMap((line): RubricLine[] => {
    if (!line || typeof line !== 'object') return [];
    const l = line as Record<string, unknown>;
    const criterion = [l.criterion, l.name, l.label].find((v): v is string => typeof v === 'string');
    if (!criterion) return [];
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    const note = [l.note, l.reason, l.comment].find((v): v is string => typeof v === 'string');
    return [{ criterion, points: num(l.points ?? l.score), max: num(l.max ?? l.max_points ?? l.weight), note }];
  });
}
