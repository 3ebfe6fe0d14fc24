/**
 * Text tokens by the providers' documented rule of thumb: about 4 characters
 * of English per token (Gemini, OpenAI and Anthropic all state it). An
 * approximation: no tokenizer is bundled, and estimates need no exact count.
 */
export const CHARS_PER_TOKEN = 4;

export function estimateTextTokens(text: string): number {
  return Math.ceil(text.length / CHARS_PER_TOKEN);
}
