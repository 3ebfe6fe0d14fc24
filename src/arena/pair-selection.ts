import type { ArenaAnswerRef, ArenaPair } from '../domain/index.js';

/** Two answers to the same item that could be shown as a pair. */
export interface PairCandidate {
  job_id: string;
  item_index: number;
  video_id: string;
  prompt: string;
  /** the two models, sorted */
  models: [string, string];
}

export const modelPairKey = (x: string, y: string) => [x, y].sort().join('\n');
const itemPairKey = (jobId: string, itemIndex: number, x: string, y: string) => `${jobId}\n${itemIndex}\n${modelPairKey(x, y)}`;

/** Every pair of answers to the same item. */
export function candidatePairs(answers: readonly ArenaAnswerRef[]): PairCandidate[] {
  const byItem = new Map<string, ArenaAnswerRef[]>();
  for (const answer of answers) {
    const key = `${answer.job_id}\n${answer.item_index}`;
    byItem.set(key, [...(byItem.get(key) ?? []), answer]);
  }
  const candidates: PairCandidate[] = [];
  for (const group of byItem.values()) {
    const models = [...new Set(group.map((a) => a.model_id))].sort();
    for (let i = 0; i < models.length; i++) {
      for (let j = i + 1; j < models.length; j++) {
        const { job_id, item_index, video_id, prompt } = group[0];
        candidates.push({ job_id, item_index, video_id, prompt, models: [models[i], models[j]] });
      }
    }
  }
  return candidates;
}

export interface PairChoice {
  candidate: PairCandidate;
  /** the stored pair for these two answers when there is one without a vote yet */
  existing: ArenaPair | undefined;
}

/**
 * The most informative pair still open: the two models with the fewest votes
 * between them; among equals, chosen at random. Pairs that already took a
 * vote are never offered again.
 */
export function choosePair(candidates: readonly PairCandidate[], stored: readonly ArenaPair[], random: () => number): PairChoice | undefined {
  const storedByItem = new Map(stored.map((pair) => [itemPairKey(pair.job_id, pair.item_index, pair.model_a, pair.model_b), pair]));
  const votesBetween = new Map<string, number>();
  for (const pair of stored) {
    if (pair.winner === null) continue;
    const key = modelPairKey(pair.model_a, pair.model_b);
    votesBetween.set(key, (votesBetween.get(key) ?? 0) + 1);
  }
  let fewest = Number.POSITIVE_INFINITY;
  let best: PairChoice[] = [];
  for (const candidate of candidates) {
    const existing = storedByItem.get(itemPairKey(candidate.job_id, candidate.item_index, ...candidate.models));
    if (existing?.winner) continue;
    const votes = votesBetween.get(modelPairKey(...candidate.models)) ?? 0;
    if (votes < fewest) {
      fewest = votes;
      best = [];
    }
    if (votes === fewest) best.push({ candidate, existing });
  }
  return best.length === 0 ? undefined : best[Math.min(best.length - 1, Math.floor(random() * best.length))];
}
