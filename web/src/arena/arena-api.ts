import { withToken } from '../api/auth-token.js';
import { ApiError, request as call } from '../api/client.js';
import type {
  ArenaPairView,
  ArenaVoteResult,
  ArenaWinner,
  JudgeAgreementView,
  RatingSource,
  RatingsResponse,
} from '../../../src/domain/index.js';

export type { ArenaPairView, ArenaVoteResult, ArenaWinner, JudgeAgreementView, RatingSource, RatingsResponse };

/** The arena and ratings endpoints. `nextPair` resolves to null when no pair is left (404). */
export const arenaApi = {
  nextPair: async (): Promise<ArenaPairView | null> => {
    try {
      return await call<ArenaPairView>('GET', '/api/arena/next');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return null;
      throw error;
    }
  },
  vote: (pairId: string, winner: ArenaWinner) => call<ArenaVoteResult>('POST', '/api/arena/votes', { pair_id: pairId, winner }),
  ratings: (source: RatingSource, category: string) =>
    call<RatingsResponse>('GET', `/api/ratings?source=${source}${category ? `&category=${encodeURIComponent(category)}` : ''}`),
  agreement: () => call<{ judges: JudgeAgreementView[] }>('GET', '/api/ratings/agreement'),
  votesExportUrl: (format: 'csv' | 'json') => withToken(`/api/arena/votes?format=${format}`),
};
