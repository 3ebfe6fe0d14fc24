import { classifyPrompt, type ModelScore } from '../domain/index.js';
import { CancelledError } from '../core/provider-error.js';
import { isUnjudgeable, unjudgeableScore, type Judge, type JudgeAnswer, type JudgeInput, type JudgeVerdict } from './judge.js';
import { asksAboutText, loadJudgingFacts } from './judging-facts.js';
import { assessAnswer, type LocalAssessment } from './local-score.js';

export const LOCAL_JUDGE_ID = 'local-judge';

/**
 * The offline, deterministic judge: scores each answer on a rubric weighted
 * for the prompt's category (accuracy of checkable claims against the
 * measured facts, coverage, specificity, actionable advice, structure and
 * focus). Needs no key and no network; `context` and `runs` do not apply.
 */
export function createLocalJudge(): Judge {
  return {
    modelId: LOCAL_JUDGE_ID,
    async evaluate(input: JudgeInput): Promise<JudgeVerdict> {
      if (input.signal.aborted) throw new CancelledError();
      const category = classifyPrompt(input.prompt);
      const facts = await loadJudgingFacts(input.video, input.signal, { text: asksAboutText(input.prompt, category) });
      if (input.signal.aborted) throw new CancelledError();

      const assessments = new Map<string, LocalAssessment>();
      const scores: ModelScore[] = input.answers.map((answer) => {
        if (isUnjudgeable(answer)) return unjudgeableScore(answer);
        const assessment = assessAnswer(answer.model_id, answer.text ?? '', category, facts.grounding, facts.measured);
        assessments.set(answer.model_id, assessment);
        return assessment.score;
      });

      const details: Record<string, unknown> = {
        judge: LOCAL_JUDGE_ID,
        category,
        facts_source: facts.measured ? 'measured' : 'probe',
        on_screen_text: facts.measured?.on_screen_text ? `read (${facts.measured.on_screen_text.spans.length} spans)` : 'not read',
        grounding: Object.fromEntries([...assessments].map(([id, a]) => [id, a.grounding])),
        claims: Object.fromEntries([...assessments].map(([id, a]) => [id, a.claims])),
      };
      if (facts.error) details.facts_error = facts.error;
      if (facts.text_error) details.text_error = facts.text_error;
      return {
        scores,
        overall_summary: summarise(input.answers, scores, assessments, facts.error ?? facts.text_error),
        details,
        usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
      };
    },
  };
}

function summarise(answers: JudgeAnswer[], scores: ModelScore[], assessments: Map<string, LocalAssessment>, factsError: string | null): string {
  if (answers.length === 0) return 'No answers to judge.';
  const nameOf = (id: string) => answers.find((a) => a.model_id === id)?.model_name ?? id;
  const exact = (s: ModelScore) => s.score_exact ?? s.score;
  const ranked = [...scores].sort((a, b) => exact(b) - exact(a));
  const top = ranked[0].score;
  const best = ranked.filter((s) => s.score === top);
  const parts: string[] = [];
  if (assessments.size === 0) parts.push('No model produced an answer to judge.');
  else if (best.length === 1) parts.push(`Best answer: ${nameOf(best[0].model_name)} (${top}/10).`);
  else parts.push(`Best answers (tied at ${top}/10): ${best.map((s) => nameOf(s.model_name)).join(', ')}.`);
  const rest = ranked.filter((s) => s.score !== top);
  if (rest.length > 0) parts.push(`Then ${rest.map((s) => `${nameOf(s.model_name)} (${s.score})`).join(', ')}.`);

  const grounding: string[] = [];
  for (const [id, a] of assessments) {
    const wrong = a.claims.filter((c) => c.verdict === 'contradicted');
    if (a.grounding.hard_fault) grounding.push(`${nameOf(id)} ${a.grounding.findings[0]}`);
    else if (wrong.length > 0) grounding.push(`${nameOf(id)} says ${wrong[0].claim} (measured: ${wrong[0].truth})${wrong.length > 1 ? ` and ${wrong.length - 1} more claim(s) the measurement contradicts` : ''}`);
  }
  if (grounding.length > 0) parts.push(`Checked against the measurement: ${grounding.join('; ')}.`);
  const failed = answers.filter(isUnjudgeable).map((a) => a.model_name);
  if (failed.length > 0) parts.push(`No answer from ${failed.join(', ')}.`);
  if (factsError) parts.push(`Note: ${factsError}.`);
  return parts.join(' ');
}
