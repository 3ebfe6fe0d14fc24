import type { TextSpan } from '../../domain/index.js';
import { containedSimilarity, normaliseText, textSimilarity } from '../../videos/ocr/text-similarity.js';
import { findPositions, sentenceBoundary, splitSentences } from '../answer-text.js';
import { spanText, type ClaimCheck, type ClaimChecker, type ClaimContext } from './claim.js';

/*
 * Tolerances: a quote matches a reading when their normalised texts (letters
 * and digits, upper case) are at least 80 % alike, or the quote is found that
 * well inside a longer reading; a stated time matches a span within ±1 s.
 * Readings under 75 % OCR confidence are text the judge cannot see clearly:
 * a quote that only they could confirm or refute is not checked.
 */
export const TEXT_MATCH = 0.8;
/** a quote this close to an unclear reading may be that reading */
const UNCLEAR_MATCH = 0.6;
export const TEXT_TIME_TOLERANCE_S = 1;
export const CLEAR_CONFIDENCE = 75;

const quotePattern = /"([^"\n]{2,80})"|“([^”\n]{2,80})”|‘([^’\n]{2,80})’|(?<![\p{L}\p{N}])'([^'\n]{2,80})'(?![\p{L}\p{N}])/gu;
/** the sentence says the quote is on screen: a title reads it, a sign says it, a caption shows it */
const seenCue = /\b(?:reads?|reading|says|saying|displays?|displaying|written|spells?|on[- ]screen|titles?|title cards?|captions?|subtitles?|signs?|signage|lower[- ]thirds?|banners?|headlines?|labels?|overlays?|text|lettering|chyron|superimposed|appears?|shown)\b/i;
/** the answer's own proposals: captions to add, overlay ideas, examples */
const proposal = /\b(?:add|adding|suggest\w*|propos\w*|recommend\w*|consider|could|would|should|might|try|use|write|put|place|insert|replace|rewrite|change (?:it|the)|instead|idea|e\.g\.|for example|such as|like)\b|\b(?:caption|subtitle|title|text)\s+(?:at|for|\d)|\bcaption \d|\boverlay (?:text|a|an|the|some)\b|^\s*[-*]?\s*(?:\*\*)?(?:caption|subtitle|overlay|headline)s?\b/i;
/** quotes of what is heard, not seen */
const heard = /\b(?:narrat\w*|voice(?:-over)?|voiceover|speaker|speaks?|spoken|sings?|sung|lyrics|dialogue|heard|hear|shouts?|whispers?|asks?)\b/i;
const textNoun = /\b(?:titles?|captions?|subtitles?|signs?|lower[- ]thirds?|banners?|headlines?|labels?|overlays?|on[- ]screen|lettering|text|card)\b/i;
const textHeading = /^#{1,6}\s.*\b(?:text|titles?|captions?|signs?|lettering|on[- ]screen)\b/im;
const noText = /\bno (?:on[- ]screen |visible |legible |burned[- ]in |existing )?(?:text|titles?|captions?|lettering|words)\b(?! (?:overlay|should|could|would))|\bno text (?:appears|is shown|on screen)\b|\btext\b[^.\n]{0,20}:\s*none\b/i;
/** a denial about part of the video ("no text in shot 2") is not about the whole */
const partOf = /\b(?:in (?:this|that|the|each) shot|shot \d+|(?:first|second|third|last|opening|final) shot|between|until|after|before|during|apart from|besides|except|other than|but\b)/i;

interface Quote {
  text: string;
  /** the times stated beside it, as a window in seconds; null when no time is given */
  window: [number, number] | null;
}

function quotesOf(context: Pick<ClaimContext, 'text' | 'positions'>): Quote[] {
  const { text } = context;
  const headings = [...text.matchAll(/^#{1,6}\s.*$/gm)].map((m) => ({ index: m.index ?? 0, text: m[0] }));
  const sectionNames = new Set(headings.map((h) => normaliseText(h.text)));
  const quotes: Quote[] = [];
  for (const sentence of splitSentences(text, sentenceBoundary)) {
    const heading = headings.filter((h) => h.index <= sentence.start).at(-1);
    const underTextHeading = heading !== undefined && textHeading.test(heading.text);
    // the words around the quotes decide, not the quoted words ("the sign reads 'USE EXIT B'")
    const around = sentence.text.replace(quotePattern, '""');
    if (!seenCue.test(around) && !underTextHeading) continue;
    if (proposal.test(around)) continue;
    if (heard.test(around) && !textNoun.test(around)) continue;
    const times = context.positions.filter((m) => m.index >= sentence.start && m.index < sentence.end);
    for (const m of sentence.text.matchAll(quotePattern)) {
      const quoted = (m[1] ?? m[2] ?? m[3] ?? m[4]).trim();
      if (quoted.replace(/[^\p{L}\p{N}]/gu, '').length < 2) continue;
      // 'listed under "On-screen text"' names a section of the answer, not the video's text
      if (sectionNames.has(normaliseText(quoted)) || /\b(?:under|see|section|heading|called|named)\s*$/i.test(sentence.text.slice(0, m.index))) continue;
      const at = sentence.start + (m.index ?? 0);
      quotes.push({ text: quoted, window: windowNear(times, at, text) });
    }
  }
  return quotes;
}

/** The time (or "00:01–00:03" range) written nearest to a quote in its sentence. */
function windowNear(times: ClaimContext['positions'], at: number, text: string): [number, number] | null {
  if (times.length === 0) return null;
  const nearest = times.reduce((best, t) => (Math.abs(t.index - at) < Math.abs(best.index - at) ? t : best));
  const i = times.indexOf(nearest);
  const isRange = (a: (typeof times)[number], b: (typeof times)[number] | undefined) => b !== undefined && /^\s*(?:–|—|-|to)\s*$/.test(text.slice(a.index + a.text.length, b.index));
  if (isRange(nearest, times[i + 1])) return [nearest.seconds, times[i + 1].seconds];
  if (i > 0 && isRange(times[i - 1], nearest)) return [times[i - 1].seconds, nearest.seconds];
  // a whole-second clock time covers its second
  const wholeSecond = nearest.text.includes(':') && !/[.,]\d+$/.test(nearest.text);
  return [nearest.seconds, nearest.seconds + (wholeSecond ? 0.99 : 0)];
}

const similarity = (quote: string, span: TextSpan) => Math.max(textSimilarity(quote, span.text), containedSimilarity(quote, span.text));
const overlaps = (span: TextSpan, window: [number, number]) => span.end_s >= window[0] - TEXT_TIME_TOLERANCE_S && span.start_s <= window[1] + TEXT_TIME_TOLERANCE_S;
const shown = (span: TextSpan) => `"${span.text}" (${spanText(span)})`;

function listOf(spans: TextSpan[], none: string): string {
  if (spans.length === 0) return none;
  const listed = spans.slice(0, 4).map(shown).join(', ');
  return spans.length > 4 ? `${listed} and ${spans.length - 4} more` : listed;
}

function checkQuote(quote: Quote, spans: TextSpan[]): ClaimCheck {
  const clear = spans.filter((s) => s.confidence >= CLEAR_CONFIDENCE);
  const unclear = spans.filter((s) => s.confidence < CLEAR_CONFIDENCE);
  const when = quote.window ? ` at ${spanText({ start_s: quote.window[0], end_s: quote.window[1] }).replace(/^(.+)–\1$/, '$1')}` : '';
  const claim = `on-screen text "${quote.text}"${when}`;
  const matches = clear.filter((s) => similarity(quote.text, s) >= TEXT_MATCH);
  const inTime = quote.window ? matches.filter((s) => overlaps(s, quote.window!)) : matches;
  if (inTime.length > 0) return { family: 'on-screen text', verdict: 'supported', claim, truth: `read on screen: ${shown(inTime[0])}` };

  const unclearHere = unclear.filter((s) => !quote.window || overlaps(s, quote.window));
  // what the frames show at the stated time itself (the tolerance is for matching, not for naming what is there)
  const thereAtTime = quote.window ? clear.filter((s) => s.end_s > quote.window![0] - 0.25 && s.start_s < quote.window![1] + 0.25) : [];
  if (matches.length > 0) {
    return { family: 'on-screen text', verdict: 'contradicted', claim, truth: `it is on screen at ${matches.map((s) => spanText(s)).join(', ')}; at the stated time the frames show ${listOf(thereAtTime, 'no legible text')}` };
  }
  if (unclearHere.some((s) => similarity(quote.text, s) >= UNCLEAR_MATCH) || (quote.window && thereAtTime.length === 0 && unclearHere.length > 0)) {
    return { family: 'on-screen text', verdict: 'unchecked', claim, truth: `the frames show text the OCR cannot read clearly: ${unclearHere.map((s) => `${shown(s)} at ${s.confidence} % confidence`).join(', ')}` };
  }
  const really = quote.window ? (thereAtTime.length > 0 ? `at that time the frames show ${listOf(thereAtTime, '')}` : `no legible text at that time; on screen: ${listOf(clear, 'none at all')}`) : `no sampled frame shows it; on screen: ${listOf(clear, 'no legible text at all')}`;
  return { family: 'on-screen text', verdict: 'contradicted', claim, truth: really };
}

/**
 * On-screen text an answer quotes ("the title reads 'TOKYO - DAY 1'", a sign
 * or lower third in quotes, with or without a time) against the text read by
 * OCR (`facts.on_screen_text`), and "no on-screen text" against it too. Quoted
 * captions the answer proposes are not claims. Without OCR readings every
 * quote is listed as not checked.
 */
export const checkOnScreenText: ClaimChecker = (context) => {
  const reading = context.facts.on_screen_text;
  const quotes = quotesOf(context);
  const denies = context.clauses.some((c) => noText.test(c.text) && !partOf.test(c.text) && !proposal.test(c.text));
  if (!reading) {
    const why = 'the on-screen text was not read for this video (the judge reads it for text and caption questions)';
    const checks: ClaimCheck[] = quotes.map((q) => ({ family: 'on-screen text', verdict: 'unchecked', claim: `on-screen text "${q.text}"`, truth: why }));
    if (denies) checks.push({ family: 'on-screen text', verdict: 'unchecked', claim: 'no on-screen text', truth: why });
    return dedupe(checks);
  }
  const checks = quotes.map((q) => checkQuote(q, reading.spans));
  if (denies) {
    const clear = reading.spans.filter((s) => s.confidence >= CLEAR_CONFIDENCE);
    checks.push({ family: 'on-screen text', verdict: clear.length === 0 ? 'supported' : 'contradicted', claim: 'no on-screen text', truth: `on screen: ${listOf(clear, 'no legible text')}` });
  }
  return dedupe(checks);
};

/** any statement of what is written on screen, also "none besides the counter" */
const statesNoText = new RegExp(`${noText.source}|\\btext\\b[^.\\n]{0,25}\\bnone\\b|\\bnone\\b[^.\\n]{0,25}\\btext\\b|\\bno legible text\\b`, 'i');

/** Whether an answer says what is written on screen: quotes it as seen, or says there is none. */
export function readsOnScreenText(text: string): boolean {
  return statesNoText.test(text) || quotesOf({ text, positions: findPositions(text) }).length > 0;
}

function dedupe(checks: ClaimCheck[]): ClaimCheck[] {
  const seen = new Set<string>();
  return checks.filter((c) => !seen.has(c.claim) && seen.add(c.claim) !== undefined);
}
