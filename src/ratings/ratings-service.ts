import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { JudgeAgreementView, RatingSource, RatingsResponse } from '../domain/index.js';
import type { Store } from '../store/store.js';
import { cohensKappa } from './agreement.js';
import { rateModels } from './bootstrap.js';
import type { Game } from './game.js';
import { gamesFromJudgements, gamesFromVotes, judgeHumanPairs } from './games.js';

export interface RatingsServiceDeps {
  store: Store;
  catalogue: ModelsCatalogue;
  /** bootstrap resamples per request (default 500) */
  resamples?: number;
}

export interface RatingsQuery {
  source: RatingSource;
  category?: string;
  job_id?: string;
}

/** Ratings from human votes, judge verdicts or both, and how far each judge agrees with the humans. */
export class RatingsService {
  constructor(private readonly deps: RatingsServiceDeps) {}

  async ratings(query: RatingsQuery): Promise<RatingsResponse> {
    const resamples = this.deps.resamples ?? 500;
    const games: Game[] = [];
    if (query.source !== 'judge') {
      games.push(...gamesFromVotes(await this.deps.store.listArenaPairs({ voted: true, job_id: query.job_id }), query.category));
    }
    if (query.source !== 'human') {
      games.push(...gamesFromJudgements(await this.deps.store.listJudgedItems({ job_id: query.job_id }), query.category));
    }
    return {
      method: 'bradley-terry',
      source: query.source,
      category: query.category ?? null,
      job_id: query.job_id ?? null,
      resamples,
      models: rateModels(games, { resamples }).map((rating) => ({ ...rating, model_name: this.deps.catalogue.get(rating.model_id)?.name ?? rating.model_id })),
    };
  }

  /** Per judge model: on the pairs that have a human vote, share of equal verdicts (a / b / tie) and Cohen's κ. */
  async agreement(query: { job_id?: string } = {}): Promise<{ judges: JudgeAgreementView[] }> {
    const [pairs, items] = await Promise.all([
      this.deps.store.listArenaPairs({ voted: true, job_id: query.job_id }),
      this.deps.store.listJudgedItems({ job_id: query.job_id }),
    ]);
    const judges = [...judgeHumanPairs(pairs, items)].map(([judge_model, verdicts]) => ({ judge_model, ...cohensKappa(verdicts) }));
    return { judges: judges.sort((x, y) => y.n - x.n || x.judge_model.localeCompare(y.judge_model)) };
  }
}
