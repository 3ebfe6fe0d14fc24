import { emptyTallies, addGame, fitBradleyTerry, indexGames, tallyAll } from './bradley-terry.js';
import type { Game } from './game.js';
import { poisson } from './poisson.js';
import { seededRandom } from './seeded-random.js';

export interface ModelRating {
  model_id: string;
  rating: number;
  ci_low: number;
  ci_high: number;
  games: number;
  wins: number;
  ties: number;
  losses: number;
}

export interface RatingOptions {
  /** bootstrap resamples of the games (default 500) */
  resamples?: number;
  /** seed of the resampling, so the same games give the same intervals (default 1) */
  seed?: number;
  /** coverage of the intervals (default 0.95) */
  level?: number;
}

/** Value at quantile q of sorted values, linearly interpolated. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return Number.NaN;
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
}

/**
 * Bradley–Terry ratings (Elo scale, mean 1000) with percentile intervals
 * from bootstrap resamples of the games, sorted best first.
 */
export function rateModels(games: readonly Game[], options: RatingOptions = {}): ModelRating[] {
  if (games.length === 0) return [];
  const resamples = options.resamples ?? 500;
  const level = options.level ?? 0.95;
  const random = seededRandom(options.seed ?? 1);
  const indexed = indexGames(games);
  const n = indexed.models.length;
  const count = indexed.a.length;
  const point = fitBradleyTerry(tallyAll(indexed));

  /*
   * Poisson bootstrap: each game is drawn Poisson(1) times, the large-sample
   * equivalent of drawing n games with replacement. Games fall into few cells
   * (pair × outcome) and a sum of Poisson(1) draws is Poisson, so a resample
   * costs one draw per cell instead of one per game.
   */
  const cellOf = new Uint32Array(count);
  const cells: { a: number; b: number; scoreA: number }[] = [];
  const cellIndex = new Map<number, number>();
  for (let g = 0; g < count; g++) {
    const key = (indexed.a[g] * n + indexed.b[g]) * 3 + indexed.scoreA[g] * 2;
    let cell = cellIndex.get(key);
    if (cell === undefined) {
      cell = cells.length;
      cells.push({ a: indexed.a[g], b: indexed.b[g], scoreA: indexed.scoreA[g] });
      cellIndex.set(key, cell);
    }
    cellOf[g] = cell;
  }

  const samples = Array.from({ length: n }, () => new Float64Array(resamples));
  const cellCounts = new Uint32Array(cells.length);
  for (let g = 0; g < count; g++) cellCounts[cellOf[g]]++;
  for (let r = 0; r < resamples; r++) {
    const tallies = emptyTallies(n);
    cells.forEach((cell, c) => {
      const drawn = poisson(cellCounts[c], random);
      if (drawn > 0) addGame(tallies, cell.a, cell.b, cell.scoreA, drawn);
    });
    const ratings = fitBradleyTerry(tallies, { tolerance: 1e-6, start: point });
    for (let i = 0; i < n; i++) samples[i][r] = ratings[i];
  }

  const record = indexed.models.map(() => ({ wins: 0, ties: 0, losses: 0 }));
  for (let g = 0; g < count; g++) {
    const a = record[indexed.a[g]];
    const b = record[indexed.b[g]];
    if (indexed.scoreA[g] === 1) (a.wins++, b.losses++);
    else if (indexed.scoreA[g] === 0) (a.losses++, b.wins++);
    else (a.ties++, b.ties++);
  }
  const tail = (1 - level) / 2;
  return indexed.models
    .map((model_id, i) => {
      const sorted = samples[i].sort();
      const { wins, ties, losses } = record[i];
      return {
        model_id,
        rating: round1(point[i]),
        ci_low: round1(quantile(sorted, tail)),
        ci_high: round1(quantile(sorted, 1 - tail)),
        games: wins + ties + losses,
        wins,
        ties,
        losses,
      };
    })
    .sort((x, y) => y.rating - x.rating || x.model_id.localeCompare(y.model_id));
}

const round1 = (value: number) => Math.round(value * 10) / 10;
