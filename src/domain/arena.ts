/** What a voter can say about a pair of answers. `both_bad` counts as a tie in ratings. */
export const arenaWinners = ['a', 'b', 'tie', 'both_bad'] as const;
export type ArenaWinner = (typeof arenaWinners)[number];

/**
 * Two stored answers to the same video × prompt, shown blind as A and B.
 * Which model is A was drawn at random when the pair was made.
 */
export interface ArenaPair {
  id: string;
  job_id: string;
  item_index: number;
  video_id: string;
  prompt: string;
  model_a: string;
  model_b: string;
  created_at: string;
  /** null until someone votes; a pair takes one vote */
  winner: ArenaWinner | null;
  voted_at: string | null;
}

/** A stored answer that can enter the arena (the text is fetched when the pair is shown). */
export interface ArenaAnswerRef {
  job_id: string;
  item_index: number;
  video_id: string;
  prompt: string;
  model_id: string;
}

/** `GET /api/arena/next`: a blind pair. No model id, name or provider anywhere. */
export interface ArenaPairView {
  pair_id: string;
  video_id: string;
  prompt: string;
  category: string;
  a: { response: string };
  b: { response: string };
  /** votes cast so far, for the running count */
  votes_cast: number;
}

/** `POST /api/arena/votes` answer: the reveal. */
export interface ArenaVoteResult {
  pair_id: string;
  winner: ArenaWinner;
  a_model: string;
  b_model: string;
  a_model_name: string;
  b_model_name: string;
}

/** One model's Bradley–Terry rating (Elo scale, mean 1000) with its 95 % bootstrap interval. */
export interface ModelRatingView {
  model_id: string;
  model_name: string;
  rating: number;
  ci_low: number;
  ci_high: number;
  games: number;
  wins: number;
  ties: number;
  losses: number;
}

export type RatingSource = 'human' | 'judge' | 'all';

export interface RatingsResponse {
  method: 'bradley-terry';
  source: RatingSource;
  category: string | null;
  job_id: string | null;
  resamples: number;
  models: ModelRatingView[];
}

/** How often one judge agrees with the human votes on the same pairs. */
export interface JudgeAgreementView {
  judge_model: string;
  n: number;
  agreement: number | null;
  cohens_kappa: number | null;
}
