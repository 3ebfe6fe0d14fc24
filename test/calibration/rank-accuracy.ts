import type { Judge } from '../../src/evaluation/judge.js';
import type { VideoAsset } from '../../src/providers/provider.js';
import { expectedTiers, plantedKinds, type CalibrationCase, type PlantedKind } from './cases.js';

export type CaseScores = Record<PlantedKind, number>;

/**
 * Has a judge score one case's planted answers. The answers are presented
 * under neutral ids ("answer-1"...), in a fixed order, so the kind never leaks.
 */
export async function scoreCase(judge: Judge, calibrationCase: CalibrationCase, video: VideoAsset, signal = new AbortController().signal): Promise<CaseScores> {
  const answers = plantedKinds.map((kind, i) => ({ model_id: `answer-${i + 1}`, model_name: `Answer ${i + 1}`, ...calibrationCase.answers[kind] }));
  const verdict = await judge.evaluate({ jobId: `calibration-${calibrationCase.id}`, prompt: calibrationCase.prompt, video, answers, context: 'facts', runs: 1, signal });
  const scores = {} as CaseScores;
  plantedKinds.forEach((kind, i) => {
    const scored = verdict.scores.find((s) => s.model_name === `answer-${i + 1}`)!;
    scores[kind] = scored.score_exact ?? scored.score;
  });
  return scores;
}

/**
 * The share of ordered pairs the judge gets right: every answer of a better
 * tier must score strictly above every answer of a worse tier.
 */
export function rankAccuracy(cases: CaseScores[]): { correct_pairs: number; total_pairs: number; accuracy: number } {
  let correct = 0;
  let total = 0;
  for (const scores of cases) {
    for (let better = 0; better < expectedTiers.length; better++) {
      for (let worse = better + 1; worse < expectedTiers.length; worse++) {
        for (const b of expectedTiers[better]) {
          for (const w of expectedTiers[worse]) {
            total += 1;
            if (scores[b] > scores[w]) correct += 1;
          }
        }
      }
    }
  }
  return { correct_pairs: correct, total_pairs: total, accuracy: total === 0 ? 1 : correct / total };
}
