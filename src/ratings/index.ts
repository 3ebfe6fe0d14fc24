export { RatingsService, type RatingsQuery, type RatingsServiceDeps } from './ratings-service.js';
export { rateModels, quantile, type ModelRating, type RatingOptions } from './bootstrap.js';
export { cohensKappa, kendallsW, rankDescending, type RaterAgreement } from './agreement.js';
export { seededRandom } from './seeded-random.js';
export type { Game, GameOutcome } from './game.js';
