import type { ModelScore } from '../../domain/index.js';
import { isCancellation } from '../../core/provider-error.js';
import type { Judge, JudgeInput, JudgeVerdict } from '../judge.js';
import { exactScore, type JudgeEntry } from './judge-entries.js';
import { flipRate, flipsOf, panelAgreement } from './panel-statistics.js';

/** A panel's score for one answer: the mean of its judges' exact scores, and that mean rounded. */
export type PanelScore = ModelScore & { score_exact: number };

/**
 * Several judges scoring the same answers, each on its own (in parallel).
 * The verdict is the panel's mean per answer; every judge's own verdict is
 * kept in `details.judges`, with the panel's agreement (Kendall's W, largest
 * score spread) and, with judge_runs 2, the share of flipped pairs. A judge
 * that fails is recorded as failed; the panel fails only if every judge does.
 */
export function createJudgePanel(judges: readonly Judge[]): Judge {
  return {
    modelId: judges.map((j) => j.modelId).join('+'),
    async evaluate(input: JudgeInput): Promise<JudgeVerdict> {
      const settled = await Promise.allSettled(judges.map((judge) => judge.evaluate(input)));
      const cancelled = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected' && isCancellation(s.reason));
      if (cancelled || input.signal.aborted) throw cancelled?.reason ?? input.signal.reason;

      const entries: JudgeEntry[] = settled.map((outcome, i) =>
        outcome.status === 'fulfilled'
          ? { judge_model: judges[i].modelId, status: 'succeeded', evaluation: outcome.value.scores, overall_summary: outcome.value.overall_summary, error: null, details: outcome.value.details }
          : { judge_model: judges[i].modelId, status: 'failed', evaluation: [], overall_summary: null, error: (outcome.reason as Error)?.message ?? String(outcome.reason) },
      );
      const verdicts = settled.flatMap((outcome, i) => (outcome.status === 'fulfilled' ? [{ judge: judges[i].modelId, verdict: outcome.value }] : []));
      if (verdicts.length === 0) throw new Error(`Every judge of the panel failed: ${entries.map((e) => `${e.judge_model}: ${e.error}`).join('; ')}`);

      const scores = input.answers.map((answer) => combineScores(answer.model_id, verdicts));
      const byJudge = verdicts.map(({ verdict }) => new Map(verdict.scores.map((s) => [s.model_name, exactScore(s)])));
      const flips = verdicts.map(({ verdict }) => flipsOf(verdict.details));
      return {
        scores,
        overall_summary: verdicts.map(({ judge, verdict }) => `${judge}: ${verdict.overall_summary}`).join('\n\n'),
        details: {
          panel: judges.map((j) => j.modelId),
          judges: entries,
          judge_agreement: panelAgreement(byJudge),
          ...(flips.some((f) => f !== undefined) ? { flip_rate: flipRate(flips) } : {}),
        },
        usage: sumUsage(verdicts.map((v) => v.verdict.usage)),
      };
    },
  };
}

function combineScores(modelId: string, verdicts: { judge: string; verdict: JudgeVerdict }[]): PanelScore {
  const own = verdicts.flatMap(({ judge, verdict }) => {
    const score = verdict.scores.find((s) => s.model_name === modelId);
    return score ? [{ judge, score }] : [];
  });
  const mean = own.reduce((sum, o) => sum + exactScore(o.score), 0) / Math.max(1, own.length);
  return {
    model_name: modelId,
    score: Math.min(10, Math.max(1, Math.round(mean))),
    score_exact: Math.round(mean * 100) / 100,
    reasoning: own.map(({ judge, score }) => `${judge} (${exactScore(score)}): ${score.reasoning}`).join('\n'),
    strengths: dedupe(own.flatMap((o) => o.score.strengths)),
    weaknesses: dedupe(own.flatMap((o) => o.score.weaknesses)),
    ...(own.some((o) => o.score.not_checked) ? { not_checked: dedupe(own.flatMap((o) => o.score.not_checked ?? [])) } : {}),
  };
}

function dedupe(items: string[]): string[] {
  const seen = new Set<string>();
  return items.filter((item) => {
    const key = item.trim().toLowerCase();
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function sumUsage(usages: (JudgeVerdict['usage'] | undefined)[]): JudgeVerdict['usage'] {
  const add = (pick: (u: NonNullable<JudgeVerdict['usage']>) => number | null) => {
    const known = usages.flatMap((u) => (u && pick(u) !== null ? [pick(u)!] : []));
    return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
  };
  return { input_tokens: add((u) => u.input_tokens), output_tokens: add((u) => u.output_tokens), cost_usd: add((u) => u.cost_usd) };
}
