import { classifyPrompt, integerScore, type CatalogueModel, type ModelScore } from '../domain/index.js';
import { CancelledError } from '../core/provider-error.js';
import type { VideoProvider } from '../providers/provider.js';
import type { ScheduledCall, Scheduler } from '../scheduler/scheduler.js';
import { labelFor, redactModelNames, shuffle, unblind, type LabelOrder } from './blinding.js';
import { checkGrounding } from './grounding.js';
import { JudgeOutputError, parseJudgeOutput, type JudgeOutput } from './judge-output.js';
import { buildJudgePrompt, JUDGE_SYSTEM_INSTRUCTION, judgeOutputJsonSchema } from './judge-prompt.js';
import { isUnjudgeable, unjudgeableScore, type Judge, type JudgeAnswer, type JudgeInput, type JudgeVerdict } from './judge.js';
import { loadJudgingFacts, type JudgingFacts } from './judging-facts.js';

export interface LlmJudgeDeps {
  /** the judging model (already resolved past retirements) */
  model: CatalogueModel;
  provider: VideoProvider;
  scheduler: Scheduler;
  /** source of the label shuffle, in [0, 1); Math.random by default */
  random?: () => number;
  /** extra calls when the judge's output is invalid (default 1) */
  maxInvalidRetries?: number;
  /** the limiters its calls pass (default: the judging model's own) */
  limiters?: ScheduledCall['limiters'];
}

interface Usage {
  input: number | null;
  output: number | null;
}

interface Pass {
  order: LabelOrder;
  output: JudgeOutput;
  attempts: number;
}

/**
 * A judge backed by any catalogue model that can judge. Blind: answers are
 * shown as "Response A, B..." in a random order, with model ids, names and
 * family names redacted from their text. Grounded: with context `facts` the
 * prompt carries the measured facts and automatic grounding findings per
 * response; `video` also attaches the video. Structured: the reply must match
 * a JSON schema; an invalid reply is retried, then the judge throws a
 * `JudgeOutputError`. With `runs: 2` it judges again in reversed order and
 * averages, recording the disagreement. Failed or empty answers are not sent:
 * they score 1. Calls go through the scheduler under the model's limits.
 */
export function createLlmJudge(deps: LlmJudgeDeps): Judge {
  const { model, provider, scheduler } = deps;
  const random = deps.random ?? Math.random;
  const maxAttempts = 1 + Math.max(0, deps.maxInvalidRetries ?? 1);
  const limiters = deps.limiters ?? [{ key: `model:${model.id}`, limits: model.limits }];

  return {
    modelId: model.id,
    async evaluate(input: JudgeInput): Promise<JudgeVerdict> {
      if (input.signal.aborted) throw new CancelledError();
      const category = classifyPrompt(input.prompt);
      const judgeable = input.answers.filter((a) => !isUnjudgeable(a));
      const unjudged = input.answers.filter(isUnjudgeable).map((a) => a.model_id);
      const nameOf = (id: string) => input.answers.find((a) => a.model_id === id)?.model_name ?? id;
      const baseDetails: Record<string, unknown> = { judge: model.id, category, context: input.context, runs: input.runs, unjudged };

      if (judgeable.length === 0) {
        return {
          scores: input.answers.map(unjudgeableScore),
          overall_summary: 'No model produced an answer to judge.',
          details: baseDetails,
          usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
        };
      }

      const facts: JudgingFacts | null = input.context === 'text' ? null : await loadJudgingFacts(input.video, input.signal);
      const findings = new Map<string, string[]>();
      if (facts) for (const a of judgeable) findings.set(a.model_id, checkGrounding(a.text ?? '', facts.grounding).findings);

      const usage: Usage = { input: null, output: null };
      const judgeOnce = async (ordered: JudgeAnswer[]): Promise<Pass> => {
        const order: LabelOrder = Object.fromEntries(ordered.map((a, i) => [labelFor(i), a.model_id]));
        const labels = Object.keys(order);
        const prompt = buildJudgePrompt({
          request: input.prompt,
          category,
          responses: ordered.map((a, i) => ({
            label: labels[i],
            text: redactModelNames(a.text ?? '', input.answers),
            findings: findings.get(a.model_id) ?? null,
          })),
          facts: facts?.measured ?? null,
          videoAttached: input.context === 'video',
          factsNote: facts?.error ? `The facts could not be measured for this video; it lasts ${facts.grounding.duration_s.toFixed(1)} s.` : undefined,
        });
        let reason = '';
        let lastText = '';
        for (let attempt = 1; attempt <= maxAttempts; attempt++) {
          const { value } = await scheduler.run(
            { limiters, jobId: input.jobId, signal: input.signal },
            (signal) =>
              provider.generate({
                model,
                prompt,
                system: JUDGE_SYSTEM_INSTRUCTION,
                ...(input.context === 'video' ? { video: input.video } : {}),
                responseJsonSchema: judgeOutputJsonSchema(labels),
                signal,
              }),
          );
          addUsage(usage, value.usage);
          lastText = value.text;
          const parsed = parseJudgeOutput(value.text, labels);
          if (parsed.ok) return { order, output: parsed.value, attempts: attempt };
          reason = parsed.reason;
        }
        throw new JudgeOutputError(`The judge's output was invalid after ${maxAttempts} attempt(s): ${reason}`, lastText.slice(0, 2000));
      };

      const firstOrder = shuffle(judgeable, random);
      const orders = input.runs === 2 ? [firstOrder, [...firstOrder].reverse()] : [firstOrder];
      const passes = await Promise.all(orders.map(judgeOnce));

      const passScores = passes.map((pass) => scoresByModel(pass));
      const scores: ModelScore[] = input.answers.map((answer) => {
        if (isUnjudgeable(answer)) return unjudgeableScore(answer);
        return combine(answer.model_id, passes, passScores, (text, order) => unblind(text, order, nameOf));
      });

      const details: Record<string, unknown> = {
        ...baseDetails,
        label_order: passes[0].order,
        attempts: passes.map((p) => p.attempts),
        video_attached: input.context === 'video',
      };
      if (facts) details.grounding = Object.fromEntries(findings);
      if (facts?.error) details.facts_error = facts.error;
      if (passes.length === 2) {
        details.label_orders = passes.map((p) => p.order);
        details.pass_scores = passScores.map((m) => Object.fromEntries(m));
        const disagreement = Object.fromEntries(judgeable.map((a) => [a.model_id, Math.abs(passScores[0].get(a.model_id)! - passScores[1].get(a.model_id)!)]));
        details.disagreement = disagreement;
        details.max_disagreement = Math.max(...Object.values(disagreement));
      }

      const summaries = passes.map((p) => unblind(p.output.overall_summary, p.order, nameOf));
      const overall_summary = summaries.length === 2 ? `${summaries[0]}\n\nSecond pass (reversed order): ${summaries[1]}` : summaries[0];
      return { scores, overall_summary, details, usage: { input_tokens: usage.input, output_tokens: usage.output, cost_usd: costOf(model, usage) } };
    },
  };
}

function scoresByModel(pass: Pass): Map<string, number> {
  return new Map(pass.output.evaluations.map((e) => [pass.order[e.response], e.score]));
}

function combine(
  modelId: string,
  passes: Pass[],
  passScores: Map<string, number>[],
  unblindText: (text: string, order: LabelOrder) => string,
): ModelScore {
  const entries = passes.map((pass) => {
    const label = Object.keys(pass.order).find((l) => pass.order[l] === modelId)!;
    const evaluation = pass.output.evaluations.find((e) => e.response === label)!;
    return {
      reasoning: unblindText(evaluation.reasoning, pass.order),
      strengths: evaluation.strengths.map((s) => unblindText(s, pass.order)),
      weaknesses: evaluation.weaknesses.map((w) => unblindText(w, pass.order)),
    };
  });
  const values = passScores.map((m) => m.get(modelId)!);
  // the seed's contract is an integer score; the mean of the passes (or a judge's decimal) is kept as score_exact
  const exact = Math.round((values.reduce((a, b) => a + b, 0) / values.length) * 100) / 100;
  const score = integerScore(exact);
  if (entries.length === 1) return { model_name: modelId, score, score_exact: exact, ...entries[0] };
  return {
    model_name: modelId,
    score,
    score_exact: exact,
    reasoning: `Pass 1 (score ${values[0]}): ${entries[0].reasoning}\nPass 2, reversed order (score ${values[1]}): ${entries[1].reasoning}`,
    strengths: dedupe(entries.flatMap((e) => e.strengths)),
    weaknesses: dedupe(entries.flatMap((e) => e.weaknesses)),
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

function addUsage(total: Usage, usage: { input_tokens: number | null; output_tokens: number | null; thinking_tokens: number | null }): void {
  if (usage.input_tokens !== null) total.input = (total.input ?? 0) + usage.input_tokens;
  const output = usage.output_tokens === null && usage.thinking_tokens === null ? null : (usage.output_tokens ?? 0) + (usage.thinking_tokens ?? 0);
  if (output !== null) total.output = (total.output ?? 0) + output;
}

/** thinking tokens are billed as output, so they are counted in output_tokens */
function costOf(model: CatalogueModel, usage: Usage): number | null {
  if (model.input_usd_per_mtok === null || model.output_usd_per_mtok === null) return null;
  if (usage.input === null && usage.output === null) return null;
  return ((usage.input ?? 0) * model.input_usd_per_mtok + (usage.output ?? 0) * model.output_usd_per_mtok) / 1_000_000;
}
