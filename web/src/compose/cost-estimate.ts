import type { JobRequestEstimate } from '../api/types.js';

/** The figures the compose view shows for an estimate from POST /api/estimate. */
export interface EstimateSummary {
  calls: number;
  inputTokens: number;
  outputTokens: number;
  usd: number;
  /** lines (answer models and judges) whose price is unknown, so not in `usd` */
  unpriced: string[];
  /** lines whose output length is a default, not a recent average */
  defaultOutput: string[];
}

export function summarizeEstimate(estimate: JobRequestEstimate): EstimateSummary {
  return {
    calls: estimate.calls,
    inputTokens: estimate.per_model.reduce((sum, m) => sum + m.input_tokens, 0),
    outputTokens: estimate.per_model.reduce((sum, m) => sum + m.output_tokens, 0),
    usd: estimate.total_usd,
    unpriced: estimate.unpriced_models,
    defaultOutput: [...new Set(estimate.per_model.filter((m) => m.output_basis === 'default' && m.output_tokens > 0).map((m) => m.model_id))],
  };
}

/** A budget typed in the compose view: a positive amount in USD, else undefined. */
export function parseBudget(text: string): number | undefined {
  const value = Number(text.trim().replace(/^\$/, ''));
  return text.trim() !== '' && Number.isFinite(value) && value > 0 ? value : undefined;
}
