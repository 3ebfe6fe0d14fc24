import type { ModelScore } from '../domain/index.js';
import type { VideoAsset } from '../providers/provider.js';

/** One model's answer as the judge receives it. `model_name` is the display name. */
export interface JudgeAnswer {
  model_id: string;
  model_name: string;
  /** null (or blank) when the model produced nothing */
  text: string | null;
  /** set when the model call failed; such answers score 1 without being judged */
  error: string | null;
}

/** Everything a judge needs to score one combination (1 video × 1 prompt × N answers). */
export interface JudgeInput {
  jobId: string;
  prompt: string;
  video: VideoAsset;
  answers: JudgeAnswer[];
  /**
   * What an LLM judge sees besides the answers: `facts` (measured facts as
   * text, the default), `video` (facts plus the video itself), `text` (the
   * answers only, as the seed system did).
   */
  context: 'facts' | 'video' | 'text';
  /** 2 = judge a second time with the order reversed and average (position-bias control) */
  runs: 1 | 2;
  signal: AbortSignal;
}

/** A judge's verdict. `scores` has one entry per input answer, in input order. */
export interface JudgeVerdict {
  /** `model_name` of each score is the catalogue model id */
  scores: ModelScore[];
  overall_summary: string;
  /** label order shown to the judge, disagreement between runs, grounding findings... */
  details: Record<string, unknown>;
  /** the judge's own calls, summed over retries and runs; output_tokens includes thinking tokens (billed as output) */
  usage?: { input_tokens: number | null; output_tokens: number | null; cost_usd: number | null };
}

/**
 * Scores the answers of one combination.
 * @throws an Error when the verdict cannot be produced (e.g. the LLM judge's
 *   output stays invalid); a cancellation when `input.signal` aborts.
 */
export interface Judge {
  /** catalogue id of the judging model ('local-judge' for the offline judge) */
  readonly modelId: string;
  evaluate(input: JudgeInput): Promise<JudgeVerdict>;
}

/** True when the answer has nothing to judge: an error, or no text. */
export function isUnjudgeable(answer: JudgeAnswer): boolean {
  return answer.error !== null || answer.text === null || answer.text.trim() === '';
}

/** The score given directly to an answer that failed or is empty. */
export function unjudgeableScore(answer: JudgeAnswer): ModelScore {
  const reasoning =
    answer.error !== null
      ? `The model returned an error, so there is no answer to judge: ${answer.error}`
      : 'The answer is empty, so there is nothing to judge.';
  return {
    model_name: answer.model_id,
    score: 1,
    score_exact: 1,
    reasoning,
    strengths: [],
    weaknesses: [answer.error !== null ? 'No answer (model error)' : 'Empty answer'],
  };
}
