import { formatPreciseTimecode, type MediaFacts, type TimeSpan, type TimestampMention } from '../../domain/index.js';
import { clauseBoundary, findPositions, splitSentences, type TextSpan } from '../answer-text.js';

/** The kinds of checkable claim; one checker per family (claims/check-*.ts). */
export type ClaimFamily = 'cuts' | 'silences' | 'audio presence' | 'loudness' | 'clipping' | 'loud moments' | 'fades and black' | 'still picture' | 'duration' | 'format' | 'look' | 'on-screen text';

/** One claim of an answer and what the measurement says of it. */
export interface ClaimCheck {
  family: ClaimFamily;
  verdict: 'supported' | 'contradicted' | 'unchecked';
  /** the claim in short, e.g. "no clipping" or "fade at 00:12.0" */
  claim: string;
  /** what was measured, e.g. "true peak +1.1 dBTP with clipping at 00:08.0–00:10.0"; for an unchecked claim, why it cannot be checked */
  truth: string;
}

/** What every checker reads: the answer cut into clauses, its positions, the measurement. */
export interface ClaimContext {
  text: string;
  clauses: TextSpan[];
  /** timestamps naming moments inside the video (positions past the end are the grounding check's) */
  positions: TimestampMention[];
  facts: MediaFacts;
}

/** A checker: every claim of its family that the answer makes. */
export type ClaimChecker = (context: ClaimContext) => ClaimCheck[];

/** How far a claimed time may sit from a measured event. */
export const EVENT_TOLERANCE_S = 0.5;

export function claimContext(text: string, facts: MediaFacts): ClaimContext {
  const positions = findPositions(text).filter((m) => m.seconds <= facts.duration_s + EVENT_TOLERANCE_S);
  return { text, clauses: splitSentences(text, clauseBoundary), positions, facts };
}

/** Clauses matching `cue` and not `exclude`, with the positions they cite. */
export function clausesAbout(context: ClaimContext, cue: RegExp, exclude?: RegExp): { clause: TextSpan; times: TimestampMention[] }[] {
  return context.clauses
    .filter((clause) => cue.test(clause.text) && !(exclude?.test(clause.text) ?? false))
    .map((clause) => ({ clause, times: context.positions.filter((m) => m.index >= clause.start && m.index < clause.end) }));
}

/** The window of true times a written time stands for: whole-second clock times cover the second they name. */
export function windowOf(mention: TimestampMention): [number, number] {
  const wholeSecondClock = mention.text.includes(':') && !/[.,]\d+$/.test(mention.text);
  return [mention.seconds - EVENT_TOLERANCE_S, mention.seconds + (wholeSecondClock ? 1 : EVENT_TOLERANCE_S)];
}

/** Whether a claimed time falls on (or within tolerance of) one of the spans. */
export function hitsSpan(mention: TimestampMention, spans: readonly TimeSpan[]): boolean {
  const [low, high] = windowOf(mention);
  return spans.some((span) => high >= span.start_s && low <= span.end_s);
}

export function spanText(span: TimeSpan): string {
  return `${formatPreciseTimecode(span.start_s)}–${formatPreciseTimecode(span.end_s)}`;
}

export function spansText(spans: readonly TimeSpan[], none = 'none'): string {
  return spans.length === 0 ? none : spans.map(spanText).join(', ');
}

/** Checks the positions claimed for one kind of event against the measured spans. */
export function checkEventTimes(
  family: ClaimFamily,
  found: { clause: TextSpan; times: TimestampMention[] }[],
  spans: readonly TimeSpan[],
  name: string,
  truth: string,
): ClaimCheck[] {
  const checks: ClaimCheck[] = [];
  const seen = new Set<number>();
  for (const { times } of found) {
    for (const time of times) {
      const key = Math.round(time.seconds * 4);
      if (seen.has(key)) continue;
      seen.add(key);
      const hit = hitsSpan(time, spans);
      checks.push({ family, verdict: hit ? 'supported' : 'contradicted', claim: `${name} at ${time.text}`, truth });
    }
  }
  return checks;
}

const partOfVideo = /\b(?:within|opening|first|last|until|before|after|between|during|inside|in (?:this|that|the|each) shot|of (?:this|that|the) shot|shot \d+|here)\b/i;

/** One check for a denial ("no clipping"): supported when nothing was measured, else contradicted with the truth. */
export function checkDenial(family: ClaimFamily, context: ClaimContext, denial: RegExp, claim: string, measured: readonly TimeSpan[], truth: string): ClaimCheck[] {
  // "no cut within the opening", "no silence in shot 2": a denial about part of the video is not about the whole
  if (!context.clauses.some((c) => denial.test(c.text) && !partOfVideo.test(c.text))) return [];
  return [{ family, verdict: measured.length === 0 ? 'supported' : 'contradicted', claim, truth }];
}

/** a sentence proposing an edit talks about what to do, not about what is there */
export const suggestion = /\b(?:add(?:ing)?|insert|consider|could|should|would|try|use|apply|put|place|introduce|recommend\w*|suggest\w*|instead|target|aim)\b/i;
