import type { PromptTemplate } from '../api/types.js';

/** The batch's prompts: chosen templates first, then each non-empty line of free text. */
export function batchPrompts(templates: PromptTemplate[], selectedTemplates: string[], customText: string): string[] {
  const fromTemplates = templates.filter((t) => selectedTemplates.includes(t.id)).map((t) => t.prompt);
  const custom = customText
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
  return [...new Set([...fromTemplates, ...custom])];
}
