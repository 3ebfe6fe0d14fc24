import type { PromptCategory, RubricCriterion } from '../domain/index.js';

export type ScoredCriterion = Exclude<RubricCriterion, 'adjustment' | 'base'>;

/**
 * The share of the score (in tenths) each criterion carries for each kind of
 * question; each row adds up to 10. The criteria share 9 points (a base of 1
 * is every answer's), so a weight of 5 is worth 4.5 points. Accuracy weighs most where the question is about measurable
 * events (cuts, audio), coverage where it is about content (captions,
 * B-roll), actionability where it asks for edits.
 */
export const rubricWeights: Record<PromptCategory, Record<ScoredCriterion, number>> = {
  analysis: { accuracy: 3.5, coverage: 3, specificity: 2, actionability: 0.5, structure: 1 },
  general: { accuracy: 3.5, coverage: 3, specificity: 2, actionability: 0.5, structure: 1 },
  cuts: { accuracy: 5, coverage: 2, specificity: 1, actionability: 0.5, structure: 1.5 },
  pacing: { accuracy: 4, coverage: 2.5, specificity: 1, actionability: 1, structure: 1.5 },
  editing: { accuracy: 2.5, coverage: 2.5, specificity: 1.5, actionability: 2.5, structure: 1 },
  trimming: { accuracy: 2.5, coverage: 3, specificity: 1.5, actionability: 2, structure: 1 },
  audio: { accuracy: 4, coverage: 2.5, specificity: 1, actionability: 1, structure: 1.5 },
  captions: { accuracy: 2, coverage: 4, specificity: 1.5, actionability: 1.5, structure: 1 },
  colour: { accuracy: 3, coverage: 3, specificity: 1, actionability: 1.5, structure: 1.5 },
  broll: { accuracy: 2, coverage: 3.5, specificity: 1.5, actionability: 2, structure: 1 },
  thumbnail: { accuracy: 2.5, coverage: 3.5, specificity: 1.5, actionability: 1.5, structure: 1 },
};

/** Where finding every measured cut is part of accuracy, and how much of it (the rest is the claims being right). */
export const cutRecallShare: Partial<Record<PromptCategory, number>> = { cuts: 0.5, pacing: 0.4, editing: 0.2, trimming: 0.2 };

/** the points the criteria share; the base point makes 10 */
export const CRITERIA_POINTS = 9;

export const criterionNames: Record<ScoredCriterion, string> = {
  accuracy: 'accuracy of checkable claims',
  coverage: 'coverage of what was asked',
  specificity: 'specificity',
  actionability: 'actionable advice',
  structure: 'structure and focus',
};

/** "accuracy of checkable claims 50%, coverage of what was asked 20%, …" */
export function describeWeights(category: PromptCategory): string {
  const weights = rubricWeights[category];
  return (Object.keys(weights) as ScoredCriterion[])
    .sort((a, b) => weights[b] - weights[a])
    .map((c) => `${criterionNames[c]} ${Math.round(weights[c] * 10)}%`)
    .join(', ');
}
