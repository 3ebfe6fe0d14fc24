import type { ModelsCatalogue } from '../config/models-catalogue.js';
import { LOCAL_JUDGE_ID } from './local-judge.js';

/** The Gemini Pro the design names as default judge; the catalogue routes it to its current successor. */
const DEFAULT_LLM_JUDGE = 'gemini-3-pro-preview';
const CURRENT_GEMINI_PRO = 'gemini-3.1-pro-preview';

/**
 * Which model judges a request.
 * - `"none"` (any case) → null: skip judging;
 * - an explicit id → that id, unchanged (the caller validates it);
 * - otherwise the configured default (`VIDCOMPARE_JUDGE_MODEL`, where "none" also skips);
 * - otherwise the current Gemini Pro when it is available;
 * - otherwise the offline `local-judge`.
 */
export function resolveJudgeModel(
  requested: string | null | undefined,
  options: { configured?: string; catalogue: ModelsCatalogue; isAvailable(id: string): boolean },
): string | null {
  for (const choice of [requested, options.configured]) {
    const id = choice?.trim();
    if (!id) continue;
    return id.toLowerCase() === 'none' ? null : id;
  }
  const geminiPro = options.catalogue.resolve(DEFAULT_LLM_JUDGE)?.id ?? CURRENT_GEMINI_PRO;
  if (options.catalogue.get(geminiPro) && options.isAvailable(geminiPro)) return geminiPro;
  return LOCAL_JUDGE_ID;
}
