import type { CompareResponse } from '../api/types.js';
import { formatScore } from '../components/format.js';
import { displayName, exactScore } from './answer-fields.js';
import { findClockTimestamps } from './timestamps.js';

/** seconds of slack before a cited time counts as past the end (rounding in answers) */
const endSlackS = 0.5;

/** The times an answer cites that fall after the video's end. */
export function timesPastEnd(text: string | null, durationS: number | null | undefined): number[] {
  if (!text || !durationS) return [];
  return findClockTimestamps(text)
    .map((t) => t.seconds)
    .filter((s) => s > durationS + endSlackS);
}

function list(names: string[]): string {
  if (names.length <= 1) return names.join('');
  return `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/**
 * One line that says who won: "Best: X (8/10), then Y (7/10); Z cites times past the end".
 * Works on partial results (answers still coming, no judge, failures).
 */
export function verdictLine(comparison: CompareResponse, durationS: number | null | undefined, jobActive: boolean): string {
  const { results, evaluation } = comparison;
  const failed = results.filter((r) => r.error && r.status !== 'skipped').map(displayName);
  const skipped = results.filter((r) => r.status === 'skipped').map(displayName);
  const answered = results.filter((r) => r.response && !r.error);
  const pastEnd = answered.filter((r) => timesPastEnd(r.response, durationS).length > 0).map(displayName);
  const notes: string[] = [];
  if (pastEnd.length) notes.push(`${list(pastEnd)} cite${pastEnd.length === 1 ? 's' : ''} times past the end`);
  if (failed.length) notes.push(`${list(failed)} failed`);
  if (skipped.length) notes.push(`${list(skipped)} skipped (budget reached)`);
  const tail = notes.length ? `; ${notes.join('; ')}` : '';

  if (evaluation && evaluation.length > 0) {
    const ranked = evaluation
      .slice()
      .sort((a, b) => exactScore(b) - exactScore(a))
      .map((s) => {
        const result = results.find((r) => r.model_id === s.model_id);
        return `${result ? displayName(result) : s.model_name} (${formatScore(s.score)})`;
      });
    const [best, ...rest] = ranked;
    const then = rest.length ? `, then ${rest[0]}${rest.length > 1 ? ` (+${rest.length - 1} more)` : ''}` : '';
    return `Best: ${best}${then}${tail}`;
  }
  if (jobActive) {
    const done = results.filter((r) => r.response || r.error).length;
    return `Waiting for answers: ${done} of ${results.length} in${tail}`;
  }
  if (comparison.evaluation_error) return `Not scored: the judge failed. ${answered.length} of ${results.length} models answered${tail}`;
  return `Not scored (no judge): ${answered.length} of ${results.length} models answered${tail}`;
}
