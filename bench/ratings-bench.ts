import { performance } from 'node:perf_hooks';
import { rateModels } from '../src/ratings/bootstrap.js';
import { winProbability } from '../src/ratings/bradley-terry.js';
import type { Game } from '../src/ratings/game.js';
import { seededRandom } from '../src/ratings/seeded-random.js';
import { report } from './harness.js';

/** `npm run bench -- ratings`: Bradley–Terry fit with 500 bootstraps of 100 000 votes over 20 models (target < 2 s). */
export async function runRatingsBench(): Promise<void> {
  const random = seededRandom(42);
  const models = Array.from({ length: 20 }, (_, i) => ({ id: `model-${String(i + 1).padStart(2, '0')}`, truth: 1000 + (i - 9.5) * 20 }));
  const games: Game[] = [];
  for (let k = 0; k < 100_000; k++) {
    const i = Math.floor(random() * 20);
    const j = (i + 1 + Math.floor(random() * 19)) % 20;
    const p = winProbability(models[i].truth, models[j].truth);
    const draw = random();
    games.push({ a: models[i].id, b: models[j].id, outcome: draw < 0.1 ? 'tie' : draw < 0.1 + 0.9 * p ? 'a' : 'b' });
  }
  const runs: number[] = [];
  let ratings = rateModels(games.slice(0, 1000), { resamples: 10 });
  for (let run = 0; run < 3; run++) {
    const start = performance.now();
    ratings = rateModels(games, { resamples: 500 });
    runs.push(performance.now() - start);
  }
  report('ratings: 100 000 votes, 20 models, 500 bootstraps (ms, 3 runs)', runs.map((ms) => ms.toFixed(0)).join(' / '));
  const best = ratings[0];
  report('ratings: top model (true best is model-20)', `${best.model_id} ${best.rating} [${best.ci_low}, ${best.ci_high}]`);
  const order = ratings.map((r) => r.model_id).join(',') === [...models].reverse().map((m) => m.id).join(',');
  report('ratings: recovered the true order of all 20', String(order));
}
