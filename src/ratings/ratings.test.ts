import { describe, expect, it } from 'vitest';
import { cohensKappa, kendallsW, rankDescending } from './agreement.js';
import { rateModels } from './bootstrap.js';
import { winProbability } from './bradley-terry.js';
import type { Game } from './game.js';
import { seededRandom } from './seeded-random.js';

/** Votes between random pairs of models whose true Elo ratings are known. */
function simulateVotes(truth: Record<string, number>, count: number, random: () => number): Game[] {
  const models = Object.keys(truth);
  const games: Game[] = [];
  for (let k = 0; k < count; k++) {
    const i = Math.floor(random() * models.length);
    let j = Math.floor(random() * (models.length - 1));
    if (j >= i) j++;
    const [a, b] = [models[i], models[j]];
    games.push({ a, b, outcome: random() < winProbability(truth[a], truth[b]) ? 'a' : 'b' });
  }
  return games;
}

describe('Bradley–Terry ratings with bootstrap intervals', () => {
  const truth = { strong: 1120, middle: 1000, weak: 880 };

  it('recovers the order of a simulated population, and its intervals cover the truth in at least 90 % of simulations', () => {
    const random = seededRandom(2026);
    let covered = 0;
    let intervals = 0;
    for (let simulation = 0; simulation < 50; simulation++) {
      const ratings = rateModels(simulateVotes(truth, 600, random), { resamples: 500, seed: simulation + 1 });
      expect(ratings.map((r) => r.model_id)).toEqual(['strong', 'middle', 'weak']);
      for (const rating of ratings) {
        intervals++;
        const real = truth[rating.model_id as keyof typeof truth];
        if (rating.ci_low <= real && real <= rating.ci_high) covered++;
        expect(rating.ci_low).toBeLessThanOrEqual(rating.rating);
        expect(rating.ci_high).toBeGreaterThanOrEqual(rating.rating);
      }
    }
    expect(covered / intervals).toBeGreaterThanOrEqual(0.9);
  });

  it('averages 1000, counts ties as half a win each, and gives the same intervals for the same seed', () => {
    const games: Game[] = [
      { a: 'x', b: 'y', outcome: 'a' },
      { a: 'x', b: 'y', outcome: 'tie' },
      { a: 'y', b: 'x', outcome: 'b' },
      { a: 'y', b: 'x', outcome: 'a' },
    ];
    const ratings = rateModels(games, { resamples: 200, seed: 7 });
    expect((ratings[0].rating + ratings[1].rating) / 2).toBeCloseTo(1000, 0);
    expect(ratings[0]).toMatchObject({ model_id: 'x', games: 4, wins: 2, ties: 1, losses: 1 });
    expect(ratings[1]).toMatchObject({ model_id: 'y', games: 4, wins: 1, ties: 1, losses: 2 });
    expect(rateModels(games, { resamples: 200, seed: 7 })).toEqual(ratings);
  });

  it('keeps a finite rating for a model that never won', () => {
    const ratings = rateModels([{ a: 'x', b: 'y', outcome: 'a' }, { a: 'x', b: 'y', outcome: 'a' }], { resamples: 50 });
    expect(ratings.every((r) => Number.isFinite(r.rating) && Number.isFinite(r.ci_low))).toBe(true);
    expect(ratings[0].model_id).toBe('x');
  });
});

describe('agreement', () => {
  it("Cohen's κ on a hand-computed example", () => {
    // judge vs human over 10 pairs: 8 agree; judge a5 b4 tie1, human a4 b4 tie2
    // pe = .5·.4 + .4·.4 + .1·.2 = .38; κ = (.8 − .38)/(1 − .38) = .6774
    const pairs: [string, string][] = [
      ...Array.from({ length: 4 }, () => ['a', 'a'] as [string, string]),
      ...Array.from({ length: 3 }, () => ['b', 'b'] as [string, string]),
      ['tie', 'tie'],
      ['a', 'b'],
      ['b', 'tie'],
    ];
    expect(cohensKappa(pairs)).toEqual({ n: 10, agreement: 0.8, cohens_kappa: 0.6774 });
    expect(cohensKappa([])).toEqual({ n: 0, agreement: null, cohens_kappa: null });
  });

  it("Kendall's W on a hand-computed example, and with ties", () => {
    // ranks [1,2,3,4], [2,1,3,4], [1,3,2,4]: sums 4,6,8,12; S = 35; W = 12·35 / (9·60) = .7778
    expect(kendallsW([[9, 7, 5, 3], [8, 9, 4, 2], [9, 6, 7, 1]])).toBe(0.7778);
    expect(kendallsW([[1, 2, 3], [1, 2, 3]])).toBe(1);
    expect(kendallsW([[5, 5, 1], [5, 5, 1]])).toBe(1);
    expect(rankDescending([5, 5, 1])).toEqual([1.5, 1.5, 3]);
    expect(kendallsW([[1, 2]])).toBeNull();
  });
});

describe('Poisson draws', () => {
  it('have the mean and variance of the distribution, below and above the switch of method', async () => {
    const { poisson } = await import('./poisson.js');
    const random = seededRandom(3);
    for (const mean of [0.7, 4, 12, 250, 40_000]) {
      const draws = Array.from({ length: 20_000 }, () => poisson(mean, random));
      const average = draws.reduce((a, b) => a + b, 0) / draws.length;
      const variance = draws.reduce((a, b) => a + (b - average) ** 2, 0) / draws.length;
      expect(Math.abs(average - mean)).toBeLessThan(4 * Math.sqrt(mean / draws.length));
      expect(variance / mean).toBeGreaterThan(0.93);
      expect(variance / mean).toBeLessThan(1.07);
    }
  });
});
