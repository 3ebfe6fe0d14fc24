import { describe, expect, it } from 'vitest';
import { createLocalJudge } from '../../src/evaluation/local-judge.js';
import { calibrationCases, expectedTiers, plantedKinds, type PlantedKind } from './cases.js';
import { fakeVideoAsset } from './fake-video.js';
import { rankAccuracy, scoreCase } from './rank-accuracy.js';

describe('local judge calibration', () => {
  it.each(calibrationCases.map((c) => [c.id, c] as const))('%s: correct > wrong cuts > {past the end, vague, empty, error}', async (_id, calibrationCase) => {
    const scores = await scoreCase(createLocalJudge(), calibrationCase, fakeVideoAsset(calibrationCase.facts));
    const of = (kind: PlantedKind) => scores[kind];
    expect(of('correct')).toBeGreaterThan(of('wrong_cuts'));
    for (const worse of expectedTiers[2]) expect(of('wrong_cuts'), worse).toBeGreaterThan(of(worse));
    expect(of('empty')).toBe(1);
    expect(of('error')).toBe(1);
    expect(of('past_end')).toBeLessThanOrEqual(3);
  });

  it('reaches full rank accuracy over the set', async () => {
    const judge = createLocalJudge();
    const all = await Promise.all(calibrationCases.map((c) => scoreCase(judge, c, fakeVideoAsset(c.facts))));
    expect(rankAccuracy(all)).toEqual({ correct_pairs: all.length * pairsPerCase(), total_pairs: all.length * pairsPerCase(), accuracy: 1 });
  });
});

/** ordered pairs the tiers define: correct over 5, wrong cuts over 4 */
function pairsPerCase(): number {
  return (plantedKinds.length - 1) + expectedTiers[2].length;
}
