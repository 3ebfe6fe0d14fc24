import type { ModelsCatalogue } from '../config/models-catalogue.js';
import type { JudgeConflict } from '../domain/index.js';
import { LOCAL_JUDGE_ID } from './local-judge.js';

/** The Gemini Pro the design names as default judge; the catalogue routes it to its current successor. */
const DEFAULT_LLM_JUDGE = 'gemini-3-pro-preview';
const CURRENT_GEMINI_PRO = 'gemini-3.1-pro-preview';
/** Capable judges from other families, tried when the Gemini Pro's family is competing. */
const OTHER_CAPABLE_JUDGES = ['claude-sonnet-4-5', 'gpt-4.1'];

/**
 * Which model judges a request.
 * - `"none"` (any case) → null: skip judging;
 * - an explicit id → that id, unchanged (the caller validates it);
 * - otherwise the configured default (`VIDCOMPARE_JUDGE_MODEL`, where "none" also skips);
 * - otherwise a capable LLM judge that is available, preferring one whose
 *   provider family is not among the `contestants` (a judge favours its own
 *   family): the current Gemini Pro, then Claude Sonnet, then GPT-4.1;
 * - otherwise the offline `local-judge`.
 */
export function resolveJudgeModel(
  requested: string | null | undefined,
  options: { configured?: string; catalogue: ModelsCatalogue; isAvailable(id: string): boolean; contestants?: readonly string[] },
): string | null {
  for (const choice of [requested, options.configured]) {
    const id = choice?.trim();
    if (!id) continue;
    return id.toLowerCase() === 'none' ? null : id;
  }
  const { catalogue } = options;
  const geminiPro = catalogue.resolve(DEFAULT_LLM_JUDGE)?.id ?? CURRENT_GEMINI_PRO;
  const capable = [geminiPro, ...OTHER_CAPABLE_JUDGES].filter((id) => catalogue.get(id) && options.isAvailable(id));
  const competing = new Set((options.contestants ?? []).map((id) => catalogue.resolve(id)?.provider));
  return capable.find((id) => !competing.has(catalogue.get(id)!.provider)) ?? capable[0] ?? LOCAL_JUDGE_ID;
}

/**
 * Judges that share a provider family with contestants (self-preference
 * risk). The local judge is not a language model and has no family bias.
 */
export function findJudgeConflicts(catalogue: ModelsCatalogue, judges: readonly string[], contestants: readonly string[]): JudgeConflict[] {
  const conflicts: JudgeConflict[] = [];
  for (const judgeId of judges) {
    const judge = catalogue.resolve(judgeId);
    if (!judge || judge.role === 'judge') continue;
    const models = contestants.filter((id) => catalogue.resolve(id)?.provider === judge.provider);
    if (models.length > 0) conflicts.push({ judge_model: judgeId, family: judge.provider, models });
  }
  return conflicts;
}
