import type { Game } from './game.js';

/** Games indexed by model, ready for repeated fitting (bootstraps reuse the indices). */
export interface IndexedGames {
  models: string[];
  /** per game: index of a, index of b, and a's score (1 win, 0.5 tie, 0 loss) */
  a: Uint16Array;
  b: Uint16Array;
  scoreA: Float32Array;
}

export function indexGames(games: readonly Game[]): IndexedGames {
  const models = [...new Set(games.flatMap((g) => [g.a, g.b]))].sort();
  const index = new Map(models.map((m, i) => [m, i]));
  const a = new Uint16Array(games.length);
  const b = new Uint16Array(games.length);
  const scoreA = new Float32Array(games.length);
  games.forEach((game, i) => {
    a[i] = index.get(game.a)!;
    b[i] = index.get(game.b)!;
    scoreA[i] = game.outcome === 'a' ? 1 : game.outcome === 'tie' ? 0.5 : 0;
  });
  return { models, a, b, scoreA };
}

/** Pairwise tallies: `wins[i*n+j]` = points i scored against j, `games[i*n+j]` = games between them. */
export interface PairTallies {
  n: number;
  wins: Float64Array;
  games: Float64Array;
}

export function emptyTallies(n: number): PairTallies {
  return { n, wins: new Float64Array(n * n), games: new Float64Array(n * n) };
}

export function addGame(tallies: PairTallies, i: number, j: number, scoreI: number, weight = 1): void {
  const { n, wins, games } = tallies;
  wins[i * n + j] += scoreI * weight;
  wins[j * n + i] += (1 - scoreI) * weight;
  games[i * n + j] += weight;
  games[j * n + i] += weight;
}

export function tallyAll(indexed: IndexedGames): PairTallies {
  const tallies = emptyTallies(indexed.models.length);
  for (let g = 0; g < indexed.a.length; g++) addGame(tallies, indexed.a[g], indexed.b[g], indexed.scoreA[g]);
  return tallies;
}

const ELO_SCALE = 400 / Math.LN10;
/**
 * Weight of the prior: every model is credited with this many drawn games
 * against an opponent of strength 1, so a model that never won (or never
 * lost) keeps a finite rating. Small beside any real number of votes.
 */
const PRIOR_GAMES = 1;
/** largest Newton step in log-strength, so a far start cannot overshoot */
const MAX_STEP = 2;

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/**
 * Maximum-likelihood Bradley–Terry strengths (a tie counts half a win for
 * each side) by Newton's method on the log-strengths, which converges in a
 * handful of steps where the MM iteration needs hundreds. Returned on the Elo
 * scale (400·log10 of strength), shifted to mean 1000.
 */
export function fitBradleyTerry(
  tallies: PairTallies,
  options: { maxIterations?: number; tolerance?: number; /** Elo ratings to start from (a bootstrap starts at the point estimate) */ start?: Float64Array } = {},
): Float64Array {
  const { n, wins, games } = tallies;
  const maxIterations = options.maxIterations ?? 100;
  const tolerance = options.tolerance ?? 1e-9;
  const points = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = PRIOR_GAMES / 2;
    for (let j = 0; j < n; j++) sum += wins[i * n + j];
    points[i] = sum;
  }
  const theta = new Float64Array(n);
  if (options.start) for (let i = 0; i < n; i++) theta[i] = (options.start[i] - 1000) / ELO_SCALE;
  const gradient = new Float64Array(n);
  const hessian = new Float64Array(n * n);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    hessian.fill(0);
    for (let i = 0; i < n; i++) {
      const prior = sigmoid(theta[i]);
      let expected = PRIOR_GAMES * prior;
      let curvature = PRIOR_GAMES * prior * (1 - prior);
      for (let j = 0; j < n; j++) {
        const count = games[i * n + j];
        if (count === 0) continue;
        const p = sigmoid(theta[i] - theta[j]);
        expected += count * p;
        const w = count * p * (1 - p);
        curvature += w;
        hessian[i * n + j] = -w;
      }
      hessian[i * n + i] = curvature;
      gradient[i] = points[i] - expected;
    }
    const step = solveSymmetric(hessian, gradient, n);
    let largest = 0;
    for (let i = 0; i < n; i++) largest = Math.max(largest, Math.abs(step[i]));
    const damping = largest > MAX_STEP ? MAX_STEP / largest : 1;
    for (let i = 0; i < n; i++) theta[i] += step[i] * damping;
    if (largest < tolerance) break;
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += theta[i] / n;
  const ratings = new Float64Array(n);
  for (let i = 0; i < n; i++) ratings[i] = 1000 + ELO_SCALE * (theta[i] - mean);
  return ratings;
}

/** Solves A·x = b for a symmetric positive-definite A (Cholesky); A and b are left unchanged. */
function solveSymmetric(matrix: Float64Array, rhs: Float64Array, n: number): Float64Array {
  const lower = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * n + j];
      for (let k = 0; k < j; k++) sum -= lower[i * n + k] * lower[j * n + k];
      lower[i * n + j] = i === j ? Math.sqrt(sum) : sum / lower[j * n + j];
    }
  }
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    let sum = rhs[i];
    for (let k = 0; k < i; k++) sum -= lower[i * n + k] * y[k];
    y[i] = sum / lower[i * n + i];
  }
  const x = new Float64Array(n);
  for (let i = n - 1; i >= 0; i--) {
    let sum = y[i];
    for (let k = i + 1; k < n; k++) sum -= lower[k * n + i] * x[k];
    x[i] = sum / lower[i * n + i];
  }
  return x;
}

/** Probability that a model rated `ratingA` beats one rated `ratingB` (Elo scale). */
export function winProbability(ratingA: number, ratingB: number): number {
  return 1 / (1 + 10 ** ((ratingB - ratingA) / 400));
}
