import { readFileSync } from 'node:fs';

/**
 * Which half a calibration case belongs to. The split was drawn once (by a
 * hash of the case id, stratified by prompt category) and committed before
 * the judge was tuned: the judge may be tuned on 'tuning' only, 'held-out'
 * measures it. Never edit calibration-split.json to move a case.
 */
export type CalibrationHalf = 'tuning' | 'held-out';

const split = JSON.parse(readFileSync(new URL('./calibration-split.json', import.meta.url), 'utf8')) as Record<CalibrationHalf, string[]>;
const halves = new Map<string, CalibrationHalf>([
  ...split.tuning.map((id) => [id, 'tuning'] as const),
  ...split['held-out'].map((id) => [id, 'held-out'] as const),
]);

/** @throws Error for a case the committed split does not know (a new case needs a new, separate split) */
export function halfOf(caseId: string): CalibrationHalf {
  const half = halves.get(caseId);
  if (!half) throw new Error(`calibration case ${caseId} is not in calibration-split.json`);
  return half;
}

/** Case ids are `${video id}/${prompt category}/${phrasing 0-2}`. */
export function caseId(videoId: string, category: string, phrasing: number): string {
  return `${videoId}/${category}/${phrasing}`;
}
