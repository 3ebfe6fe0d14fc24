import { classifyPrompt, type ModelScore } from '../domain/index.js';
import { CancelledError } from '../providers/provider-error.js';
import { isUnjudgeable, unjudgeableScore, type Judge, type JudgeAnswer, type JudgeInput, type JudgeVerdict } from './judge.js';
import { loadJudgingFacts } from './judging-facts.js';
import { assessAnswer, type LocalAssessment } from './local-score.js';

export const LOCAL_JUDGE_ID = 'local-judge';

/**
 * The offline, deterministic judge: scores each answer from grounded checks
 * (timestamps inside the video, claimed cuts against measured ones, silences,
 * loudness), coverage of what the prompt's category asks, specificity and
 * structure. Needs no key and no network; `context` and `runs` do not apply.
 */
export function createLocalJudge(): Judge {
  return {
    modelId: LOCAL_JUDGE_ID,
    async evaluate(input: JudgeInput): Promise<JudgeVerdict> {
      if (input.signal.aborted) throw new CancelledError();
      const category = classifyPrompt(input.prompt);
      const facts = await loadJudgingFacts(input.video, input.signal);
      if (input.signal.aborted) throw new CancelledError();

      const assessments = new Map<string, LocalAssessment>();
      const scores: ModelScore[] = input.answers.map((answer) => {
        if (isUnjudgeable(answer)) return unjudgeableScore(answer);
        const assessment = assessAnswer(answer.model_id, answer.text ?? '', category, facts.grounding);
        assessments.set(answer.model_id, assessment);
        return assessment.score;
      });

      const details: Record<string, unknown> = {
        judge: LOCAL_JUDGE_ID,
        category,
        facts_source: facts.measured ? 'measured' : 'probe',
        grounding: Object.fromEntries([...assessments].map(([id, a]) => [id, a.grounding])),
        components: Object.fromEntries([...assessments].map(([id, a]) => [id, a.components])),
      };
      if (facts.error) details.facts_error = facts.error;
      return {
        scores,
        overall_summary: summarise(input.answers, scores, assessments, facts.error),
        details,
        usage: { input_tokens: 0, output_tokens: 0, cost_usd: 0 },
      };
    },
  };
}

function summarise(answers: JudgeAnswer[], scores: ModelScore[], assessments: Map<string, LocalAssessment>, factsError: string | null): string {
  if (answers.length === 0) return 'No answers to judge.';
  const nameOf = (id: string) => answers.find((a) => a.model_id === id)?.model_name ?? id;
  const ranked = [...scores].sort((a, b) => b.score - a.score);
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
    const cutFinding = a.grounding.findings.find((f) => f.startsWith('claims cuts') || f.startsWith('names none'));
    const key = a.grounding.hard_fault ? a.grounding.findings[0] : cutFinding;
    if (key) grounding.push(`${nameOf(id)} ${key}`);
  }
  if (grounding.length > 0) parts.push(`Grounding: ${grounding.join('; ')}.`);
  const failed = answers.filter(isUnjudgeable).map((a) => a.model_name);
  if (failed.length > 0) parts.push(`No answer from ${failed.join(', ')}.`);
  if (factsError) parts.push(`Note: ${factsError}.`);
  return parts.join(' ');
}
