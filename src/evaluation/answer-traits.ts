import { findPositions, splitSentences } from './answer-text.js';

const measuredValue = /\b\d+(?:\.\d+)?\s?(?:%|dB(?:TP|FS)?|LUFS|LU|fps|px|Hz|kHz)(?!\w)|\b\d{3,4}\s?[x×]\s?\d{3,4}\b/gi;
const quoted = /"[^"\n]{3,}"|“[^”\n]{3,}”/g;
const heading = /^(?:#{1,6}\s+\S|\*\*[^*\n]+\*\*:?\s*$|[A-Z][^\n]{0,60}:\s*$)/m;
const listItem = /^\s*(?:[-*•]|\d+[.)])\s+\S/gm;
const advice = /\b(?:trim|cut (?:the|out|it|this|that|down)|remove|tighten|shorten|add|insert|move|raise|lower|boost|normali[sz]e|compress|limit|fill|replace|keep|open on|end (?:on|at|the)|start (?:on|at|with)|consider|should|could|try|fix|repair|re-?export|warm|cool|brighten|darken|lift|correct|neutrali[sz]e|(?:de)?saturate|grade|increase|reduce|match|place|put|overlay|use|swap|speed up|slow down|let .{1,20} breathe)\b/i;

export interface AnswerTraits {
  /** distinct positions inside the video, to the tenth of a second */
  distinct_times: number;
  /** measured values (dB, LUFS, %, px...) and quoted text */
  details: number;
  /** sentences that propose an edit: with a timestamp, and without */
  advice_with_time: number;
  advice_without_time: number;
  has_heading: boolean;
  list_items: number;
  length: number;
}

/** Countable traits of an answer's text, for specificity, actionability and structure. */
export function answerTraits(text: string, duration_s: number): AnswerTraits {
  const positions = findPositions(text).filter((m) => m.seconds <= duration_s + 0.5);
  let withTime = 0;
  let withoutTime = 0;
  for (const sentence of splitSentences(text)) {
    if (!advice.test(sentence.text)) continue;
    if (positions.some((m) => m.index >= sentence.start && m.index < sentence.end)) withTime += 1;
    else withoutTime += 1;
  }
  return {
    distinct_times: new Set(positions.map((m) => Math.round(m.seconds * 10))).size,
    details: (text.match(measuredValue)?.length ?? 0) + (text.match(quoted)?.length ?? 0),
    advice_with_time: withTime,
    advice_without_time: withoutTime,
    has_heading: heading.test(text),
    list_items: text.match(listItem)?.length ?? 0,
    length: text.trim().length,
  };
}
