import { findTimestamps, type TimestampMention } from '../domain/index.js';

/** A span of an answer's text: a sentence or a clause. */
export interface TextSpan {
  start: number;
  end: number;
  text: string;
}

export const sentenceBoundary = /\n|[.!?;](?=\s)/g;
/** clauses: sentences further cut at ", word" (not at "00:05, 00:10" lists) and table cells */
export const clauseBoundary = /\n|[.!?;](?=\s)|,\s+(?=[A-Za-z])|\||·/g;
/** before a seconds value: words that make it a length ("a 30 s version", "lasts about 5 s") */
const lengthBefore = /\b(?:(?:trim\w*|shorten\w*|cut|down|reduc\w*|condens\w*)\s+(?:it\s+|this\s+)?to|a|an|lasts?|lasting|of|for|each|every|per|average|avg|mean|runs?|running|long|under|over|within|than|first|last|final|only|just)\s+(?:about\s+|around\s+|roughly\s+|approximately\s+|~\s*)?$/i;
/**
 * before a seconds value: what makes it a position ("at 5 s", "from 5 s to 15 s"),
 * or a list/range continuing from a seconds position ("5 s, 10 s", "5 s–15 s");
 * "(5.0 s)" or "00:03, 3 s" after a range are lengths
 */
const positionBefore = /(?:\b(?:at|from|to|until|till|through|between|and|after|before|around|about|approximately|near|by|past|t\s*=)\s*|@\s*|\d\s?s(?:ec\w*)?\s*[,–—-]\s*)$/i;
/** after a seconds value: words that make it a length ("15s/30s/60s versions", "30 s and 60 s cuts") */
const lengthAfter = /^(?:\s*(?:,|\/|and|or)\s*\d+(?:\.\d+)?\s?s(?:ec\w*)?)*\s*[-–]?\s*(?:versions?|cuts?|edits?|clips?|spots?|teasers?|trailers?|reels?|ads?|formats?|long|shots?|segments?|takes?|holds?|each|apiece|per\b|a piece|total|in length|or (?:less|shorter|so)|max(?:imum)?|min(?:imum)?)\b/i;
const ratioContext = /aspect|ratio|vertical|portrait|landscape|format/i;

/**
 * Whether a mention names a moment of the video. Clock times do, except
 * ratios ("9:16 vertical"); a seconds value does only after a word such as
 * "at"/"from"/"to", since "Shot 2: 6 s" or "a 30 s version" are lengths.
 */
function isPosition(text: string, mention: TimestampMention): boolean {
  const before = text.slice(Math.max(0, mention.index - 24), mention.index);
  const after = text.slice(mention.index + mention.text.length, mention.index + mention.text.length + 40);
  if (mention.text.includes(':')) return !ratioContext.test(before) && !ratioContext.test(after);
  return !lengthBefore.test(before) && positionBefore.test(before) && !lengthAfter.test(after);
}

/** Cuts text at sentence (or, given `clauseBoundary`, clause) boundaries, keeping offsets. */
export function splitSentences(text: string, boundary: RegExp = sentenceBoundary): TextSpan[] {
  const sentences: TextSpan[] = [];
  let start = 0;
  for (const match of text.matchAll(boundary)) {
    const end = (match.index ?? 0) + match[0].length;
    sentences.push({ start, end, text: text.slice(start, end) });
    start = end;
  }
  sentences.push({ start, end: text.length + 1, text: text.slice(start) });
  return sentences;
}

/**
 * The timestamps of an answer that name moments of the video (see
 * `isPosition`), in order of appearance.
 */
export function findPositions(text: string): TimestampMention[] {
  return findTimestamps(text).filter((m) => isPosition(text, m));
}
