import type { JudgeAnswer } from './judge.js';

/** Label → model id, in the order the judge reads them (e.g. `{A: 'gemini-2.5-pro', B: 'local-full'}`). */
export type LabelOrder = Record<string, string>;

/** "A".."Z", then "AA", "AB"... */
export function labelFor(index: number): string {
  let label = '';
  let n = index;
  do {
    label = String.fromCharCode(65 + (n % 26)) + label;
    n = Math.floor(n / 26) - 1;
  } while (n >= 0);
  return label;
}

/** Fisher–Yates with an injectable source of randomness in [0, 1). */
export function shuffle<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.min(i, Math.floor(random() * (i + 1)));
    [result[i], result[j]] = [result[j], result[i]];
  }
  return result;
}

/** Labels answers A, B, C... in the given order. */
export function labelOrder(answers: readonly JudgeAnswer[]): LabelOrder {
  return Object.fromEntries(answers.map((answer, i) => [labelFor(i), answer.model_id]));
}

/**
 * Model family and vendor names a response may use to name itself, with the
 * version words that follow them ("Gemini 2.5 Pro", "GPT-4.1 mini").
 */
const familyNames = /\b(?:gemini|gemma|bard|google|deepmind|chatgpt|gpt|openai|claude|anthropic|llama|meta ai|qwen|mistral|mixtral|pixtral|deepseek|grok|xai|llava|cohere)\b(?:[\s-]+(?:\d[\w.]*|pro|flash|lite|mini|nano|turbo|sonnet|opus|haiku|preview|omni|vision|instruct|exp(?:erimental)?|latest))*/gi;
const REDACTED = '[model]';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes what could tell the judge which model wrote an answer: the ids and
 * display names of every compared model (also without their "(preview)"
 * style suffix) and model family/vendor names.
 */
export function redactModelNames(text: string, answers: readonly Pick<JudgeAnswer, 'model_id' | 'model_name'>[]): string {
  const terms = new Set<string>();
  for (const answer of answers) {
    for (const term of [answer.model_id, answer.model_name, answer.model_name.replace(/\s*\([^)]*\)\s*$/, '')]) {
      if (term.trim().length >= 3) terms.add(term.trim());
    }
  }
  let result = text;
  for (const term of [...terms].sort((a, b) => b.length - a.length)) {
    const pattern = new RegExp(`(?<![\\w-])${escapeRegExp(term)}(?![\\w-])`, 'gi');
    result = result.replace(pattern, REDACTED);
  }
  return result.replace(familyNames, REDACTED);
}

/**
 * Puts model names back into the judge's words: "Response B" becomes the
 * display name of the model labelled B, for people reading the verdict.
 */
export function unblind(text: string, order: LabelOrder, nameOf: (modelId: string) => string): string {
  return text.replace(/\b[Rr]esponse ([A-Z]{1,2})\b/g, (whole, label: string) => {
    const modelId = order[label];
    return modelId ? nameOf(modelId) : whole;
  });
}
