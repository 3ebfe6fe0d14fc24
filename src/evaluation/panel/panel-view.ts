import type { ModelsCatalogue } from '../../config/models-catalogue.js';
import type { Evaluation, JobRequest, JudgeAgreement, PanelFields } from '../../domain/index.js';
import { findJudgeConflicts } from '../resolve-judge-model.js';
import { flipRate, flipsOf } from './panel-statistics.js';
import type { JudgeEntry } from './judge-entries.js';

/** The judges of a request: its panel, or its one judge (none when judging is skipped). */
export function judgesOf(request: JobRequest): string[] {
  if (request.judge_models && request.judge_models.length > 0) return request.judge_models;
  return request.judge_model ? [request.judge_model] : [];
}

/** A comparison's panel fields: each judge's scores, their agreement, flips, and same-family conflicts. */
export function panelView(catalogue: ModelsCatalogue, request: JobRequest, evaluation: Evaluation | undefined): PanelFields {
  const nameOf = (id: string) => catalogue.get(id)?.name ?? id;
  const entries = Array.isArray(evaluation?.details.judges) ? (evaluation.details.judges as JudgeEntry[]) : null;
  const details = evaluation?.status === 'succeeded' ? evaluation.details : undefined;
  const singleFlips = entries ? undefined : flipsOf(details);
  return {
    judges: entries?.map((entry) => ({
      judge_model: entry.judge_model,
      judge_name: nameOf(entry.judge_model),
      status: entry.status,
      evaluation: entry.evaluation.map((s) => ({ ...s, model_id: s.model_name, display_name: nameOf(s.model_name) })),
      overall_summary: entry.overall_summary,
      error: entry.error,
      flip_rate: flipRate([flipsOf(entry.details)]),
    })) ?? null,
    judge_agreement: (details?.judge_agreement as JudgeAgreement | undefined) ?? null,
    flip_rate: entries ? ((details?.flip_rate as number | null | undefined) ?? null) : flipRate([singleFlips]),
    judge_conflicts: findJudgeConflicts(catalogue, judgesOf(request), request.models),
  };
}
