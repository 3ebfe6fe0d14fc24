import { classifyPrompt, type ArenaPair } from '../domain/index.js';
import { exactScore, judgeEntriesOf, type JudgeEntry } from '../evaluation/panel/judge-entries.js';
import type { JudgedItem } from '../store/store.js';
import type { Game, GameOutcome } from './game.js';

/** A human vote as a game: `both_bad` is a tie (neither answer is better). */
export function voteOutcome(winner: NonNullable<ArenaPair['winner']>): GameOutcome {
  return winner === 'a' || winner === 'b' ? winner : 'tie';
}

export function gamesFromVotes(pairs: readonly ArenaPair[], category?: string): Game[] {
  return pairs
    .filter((pair) => pair.winner !== null && (!category || classifyPrompt(pair.prompt) === category))
    .map((pair) => ({ a: pair.model_a, b: pair.model_b, outcome: voteOutcome(pair.winner!) }));
}

/** How a set of scores orders two models: the higher score wins, equal scores tie; undefined when one is missing. */
export function judgedOutcome(scores: JudgeEntry['evaluation'], a: string, b: string): GameOutcome | undefined {
  const scoreA = scores.find((s) => s.model_name === a);
  const scoreB = scores.find((s) => s.model_name === b);
  if (!scoreA || !scoreB) return undefined;
  const difference = exactScore(scoreA) - exactScore(scoreB);
  return difference > 0 ? 'a' : difference < 0 ? 'b' : 'tie';
}

/**
 * Every judged comparison as games: each pair of answers to the same video ×
 * prompt is a game won by the higher (panel) score.
 */
export function gamesFromJudgements(items: readonly JudgedItem[], category?: string): Game[] {
  const games: Game[] = [];
  for (const { prompt, evaluation } of items) {
    if (evaluation.status !== 'succeeded') continue;
    if (category && classifyPrompt(prompt) !== category) continue;
    const models = evaluation.scores.map((s) => s.model_name);
    for (let i = 0; i < models.length; i++) {
      for (let j = i + 1; j < models.length; j++) {
        const outcome = judgedOutcome(evaluation.scores, models[i], models[j]);
        if (outcome) games.push({ a: models[i], b: models[j], outcome });
      }
    }
  }
  return games;
}

/** For each judge, its verdict and the human's on every voted pair it judged. */
export function judgeHumanPairs(pairs: readonly ArenaPair[], items: readonly JudgedItem[]): Map<string, [GameOutcome, GameOutcome][]> {
  const byItem = new Map(items.map((item) => [`${item.evaluation.job_id}\n${item.evaluation.item_index}`, item]));
  const result = new Map<string, [GameOutcome, GameOutcome][]>();
  for (const pair of pairs) {
    if (pair.winner === null) continue;
    const item = byItem.get(`${pair.job_id}\n${pair.item_index}`);
    if (!item) continue;
    for (const judge of judgeEntriesOf(item.evaluation)) {
      if (judge.status !== 'succeeded') continue;
      const verdict = judgedOutcome(judge.evaluation, pair.model_a, pair.model_b);
      if (!verdict) continue;
      result.set(judge.judge_model, [...(result.get(judge.judge_model) ?? []), [verdict, voteOutcome(pair.winner)]]);
    }
  }
  return result;
}
