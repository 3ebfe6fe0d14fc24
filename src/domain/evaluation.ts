/** One answer's judgement. `model_name` is the catalogue id (seed field name). */
export interface ModelScore {
  model_name: string;
  score: number;
  reasoning: string;
  strengths: string[];
  weaknesses: string[];
}

/** The judge's verdict on one combination. */
export interface Evaluation {
  job_id: string;
  item_index: number;
  judge_model: string;
  status: 'succeeded' | 'failed';
  scores: ModelScore[];
  overall_summary: string | null;
  error: string | null;
  /** anything judge-specific worth keeping: label order shown to the judge, disagreement, grounding findings */
  details: Record<string, unknown>;
  finished_at: string;
}
