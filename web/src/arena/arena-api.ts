import { authHeaders, getToken, markTokenRequired, withToken } from '../api/auth-token.js';
import { toApiError } from '../api/client.js';
import type {
  ArenaPairView,
  ArenaVoteResult,
  ArenaWinner,
  JudgeAgreementView,
  RatingSource,
  RatingsResponse,
} from '../../../src/domain/index.js';

export type { ArenaPairView, ArenaVoteResult, ArenaWinner, JudgeAgreementView, RatingSource, RatingsResponse };

async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
  const sentWith = getToken();
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders() };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await response.text();
  if (!response.ok) {
    if (response.status === 401) markTokenRequired(sentWith);
    throw toApiError(response.status, text);
  }
  return JSON.parse(text) as T;
}

/** The arena and ratings endpoints. `nextPair` resolves to null when no pair is left (404). */
export const arenaApi = {
  nextPair: async (): Promise<ArenaPairView | null> => {
    try {
      return await call<ArenaPairView>('GET', '/api/arena/next');
    } catch (error) {
      if ((error as { status?: number }).status === 404) return null;
      throw error;
    }
  },
  vote: (pairId: string, winner: ArenaWinner) => call<ArenaVoteResult>('POST', '/api/arena/votes', { pair_id: pairId, winner }),
  ratings: (source: RatingSource, category: string) =>
    call<RatingsResponse>('GET', `/api/ratings?source=${source}${category ? `&category=${encodeURIComponent(category)}` : ''}`),
  agreement: () => call<{ judges: JudgeAgreementView[] }>('GET', '/api/ratings/agreement'),
  votesExportUrl: (format: 'csv' | 'json') => withToken(`/api/arena/votes?format=${format}`),
};
