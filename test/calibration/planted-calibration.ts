import type { PromptCategory } from '../../src/domain/index.js';
import type { Judge } from '../../src/evaluation/judge.js';
import { calibrationPrompts } from './calibration-prompts.js';
import { caseId, halfOf, type CalibrationHalf } from './calibration-split.js';
import { calibrationVideos, measuredCalibrationVideo, truthOf } from './calibration-videos.js';
import { fakeVideoAsset } from './fake-video.js';
import { expectedPairs, plantAnswers, plantedAnswerKinds, type PlantedAnswerKind } from './planted-answers.js';

/** One judged pair: did the judge put `better` strictly above `worse`? */
export interface PairOutcome {
  case_id: string;
  category: PromptCategory;
  half: CalibrationHalf;
  better: PlantedAnswerKind;
  worse: PlantedAnswerKind;
  /** on the unrounded score */
  right: boolean;
  /** on the integer score users see (a tie is not right) */
  right_integer: boolean;
}

export interface CaseResult {
  case_id: string;
  category: PromptCategory;
  half: CalibrationHalf;
  scores: Record<PlantedAnswerKind, { score: number; exact: number; weaknesses: string[] }>;
  pairs: PairOutcome[];
}

/**
 * Runs a judge over every planted case: 6 generated videos × 11 prompt
 * categories × 3 phrasings, plus focused videos (graded shots, titles) on the
 * categories they are for, each with the planted answers, and records every
 * expected pair. The videos are rendered and measured once (cached).
 */
export async function runPlantedCalibration(judge: Judge, options: { half?: CalibrationHalf } = {}): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  for (const video of calibrationVideos) {
    const { facts } = await measuredCalibrationVideo(video);
    const truth = truthOf(video);
    const asset = fakeVideoAsset(facts, { id: video.id });
    for (const [category, prompts] of Object.entries(calibrationPrompts) as [PromptCategory, readonly string[]][]) {
      if (video.categories && !video.categories.includes(category)) continue;
      for (const [phrasing, prompt] of prompts.entries()) {
        const id = caseId(video.id, category, phrasing);
        const half = halfOf(id);
        if (options.half && options.half !== half) continue;
        const planted = plantAnswers(truth, facts, category, prompt);
        const answers = plantedAnswerKinds.map((kind, i) => ({ model_id: `answer-${i + 1}`, model_name: `Answer ${i + 1}`, ...planted[kind] }));
        const verdict = await judge.evaluate({ jobId: `calibration-${id}`, prompt, video: asset, answers, context: 'facts', runs: 1, signal: new AbortController().signal });
        const scores = {} as CaseResult['scores'];
        plantedAnswerKinds.forEach((kind, i) => {
          const s = verdict.scores.find((x) => x.model_name === `answer-${i + 1}`)!;
          scores[kind] = { score: s.score, exact: s.score_exact ?? s.score, weaknesses: s.weaknesses };
        });
        const pairs = expectedPairs(category, truth).map(([better, worse]) => ({
          case_id: id, category, half, better, worse,
          right: scores[better].exact > scores[worse].exact,
          right_integer: scores[better].score > scores[worse].score,
        }));
        results.push({ case_id: id, category, half, scores, pairs });
      }
    }
  }
  return results;
}

export interface Accuracy {
  right: number;
  right_integer: number;
  total: number;
}

/** Pairwise rank accuracy grouped by `key` ('all' for everything). */
export function accuracyBy(pairs: PairOutcome[], key: (p: PairOutcome) => string): Map<string, Accuracy> {
  const groups = new Map<string, Accuracy>();
  for (const pair of pairs) {
    const k = key(pair);
    const acc = groups.get(k) ?? { right: 0, right_integer: 0, total: 0 };
    acc.total += 1;
    if (pair.right) acc.right += 1;
    if (pair.right_integer) acc.right_integer += 1;
    groups.set(k, acc);
  }
  return groups;
}
