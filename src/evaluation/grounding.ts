import { formatPreciseTimecode, type MediaFacts, type TimeSpan, type TimestampMention } from '../domain/index.js';
import { clauseBoundary, findPositions, splitSentences, type TextSpan } from './answer-text.js';

/** What the grounding checks compare an answer with. `null` means "not measured". */
export interface GroundingFacts {
  duration_s: number;
  cuts_s: number[] | null;
  silences: TimeSpan[] | null;
  loudness?: MediaFacts['loudness'];
}

/** A timestamp position cited in an answer. */
export interface CitedTime {
  text: string;
  seconds: number;
}

/** The outcome of checking one answer against the measured facts. */
export interface GroundingReport {
  duration_s: number;
  /** positions cited (durations such as "a 30 s version" are not positions) */
  timestamps_cited: number;
  timestamps_in_range: number;
  distinct_in_range: number;
  /** hard faults: positions later than the end of the video */
  past_end: CitedTime[];
  /** cut positions claimed in sentences about cuts, shots, scenes or transitions */
  claimed_cuts: number[];
  matched_cuts: number[];
  unmatched_cuts: number[];
  /** measured cuts no claim matched; null when cuts were not measured */
  missed_cuts: number[] | null;
  /** matched / claimed; null when nothing was claimed or cuts were not measured */
  cut_precision: number | null;
  /** matched measured / measured; null when cuts were not measured or there are none */
  cut_recall: number | null;
  silence_claims: number;
  unsupported_silence_claims: number[];
  loudness_claims: { claimed_lufs: number; measured_lufs: number; matches: boolean }[];
  /** true when the answer cites a time the video does not have */
  hard_fault: boolean;
  /** the checks in words, e.g. "cites 00:42 in a 15 s video" */
  findings: string[];
}

/** A cited time may overshoot the end by this much (rounding, last frame). */
export const END_TOLERANCE_S = 0.5;
/** A claimed cut matches a measured one within this distance. */
export const CUT_TOLERANCE_S = 0.5;
const LOUDNESS_TOLERANCE_LU = 1.5;

const cutCue = /\b(cuts?|shots?|scenes?|transitions?)\b/gi;
/** "cut the intro", "cut it down to 15 s": the verb, not a claim that a cut exists there */
const cutAsVerb = /^\s+(?:the|out|down|it|this|that|these|those|away|back|everything|from|here|there|off|short|some|any|to\s+(?:about\s+)?\d)\b/i;
/** sentences proposing an edit talk about cuts to make, not cuts that exist */
const suggestionCue = /\b(?:trim|tighten|shorten|remove|drop|delete|add|insert|move|keep|consider|could|should|would|speed up|slow down|cut short|to fit|cut ?aways?)\b|\b(?:end|start)s?\s+(?:it\s+)?(?:at|near|around|by)\b/i;
/** "no cut within the opening", "no silences detected": the absence of a cut or silence, not a claim of one */
const noCut = /\b(?:no|without(?: a| any)?|never a|not a) (?:hard )?(?:cuts?|shot changes?|scene changes?|transitions?)\b/i;
const noSilence = /\b(?:no|without(?: any)?) silen\w*|\bnot silent\b|\bnever silent\b|\bsound throughout\b/i;
// "no audio track" is not a silence at a time (a video without sound has no silences to place)
const silenceCue = /\b(?:silen\w*|quiet|muted?|dead air)\b/i;
const loudnessClaim = /(-?\d{1,2}(?:\.\d+)?)\s?LUFS\b/gi;
const loudnessTarget = /\b(?:target|aim|should|recommend\w*|standard|normali[sz]\w*|platforms?|spotify|youtube|tiktok|broadcast|ebu|atsc|streaming|bring|raise|lower|boost)\b|\bto\s+-\d/i;
/**
 * Checks an answer's timestamps against facts measured from the video:
 * positions later than the end (a hard fault), claimed cuts against the
 * measured shot boundaries (precision and recall within ±0.5 s), silences
 * and loudness it states. Deterministic; no I/O.
 *
 * Heuristics, by design: a seconds value counts as a position only after
 * "at", "from", "to"... (so "a 30 s version" or "Shot 2: 6 s" are lengths),
 * `9:16` next to "aspect"/"vertical" is a ratio, and a sentence suggesting an
 * edit ("trim", "tighten", "add a transition") claims no existing cut.
 * A whole-second clock time (`00:04`) stands for the
 * second it names, so it matches a cut up to one second later (models and
 * players truncate 4.97 s to 00:04).
 */
export function checkGrounding(text: string, facts: GroundingFacts): GroundingReport {
  const duration = facts.duration_s;
  const positions = findPositions(text);
  const pastEnd = positions.filter((m) => m.seconds > duration + END_TOLERANCE_S);
  const inRange = positions.filter((m) => m.seconds <= duration + END_TOLERANCE_S);
  const sentences = splitSentences(text);
  const sentenceOf = (m: TimestampMention) => sentences.find((s) => m.index >= s.start && m.index < s.end)?.text ?? '';

  const claims = dedupe(
    inRange.filter((m) => isCutSentence(sentenceOf(m))).filter((m) => m.seconds > END_TOLERANCE_S && m.seconds < duration - END_TOLERANCE_S),
  );
  const cutMatch = facts.cuts_s ? matchCuts(claims, facts.cuts_s) : null;

  const silenceMentions = silenceClaims(text, inRange);
  const unsupportedSilences = facts.silences
    ? silenceMentions
        .filter((m) => !facts.silences!.some((s) => m.seconds >= s.start_s - END_TOLERANCE_S && m.seconds <= s.end_s + END_TOLERANCE_S))
        .map((m) => m.seconds)
    : [];

  const loudnessClaims = checkLoudness(text, sentences, facts.loudness?.integrated_lufs ?? null);

  const report: GroundingReport = {
    duration_s: duration,
    timestamps_cited: positions.length,
    timestamps_in_range: inRange.length,
    distinct_in_range: new Set(inRange.map((m) => Math.round(m.seconds * 10))).size,
    past_end: pastEnd.map((m) => ({ text: m.text, seconds: m.seconds })),
    claimed_cuts: claims.map((m) => m.seconds),
    matched_cuts: cutMatch?.matched ?? [],
    unmatched_cuts: cutMatch?.unmatched ?? [],
    missed_cuts: cutMatch?.missed ?? null,
    cut_precision: cutMatch && claims.length > 0 ? cutMatch.matched.length / claims.length : null,
    cut_recall: cutMatch && facts.cuts_s!.length > 0 ? (facts.cuts_s!.length - cutMatch.missed.length) / facts.cuts_s!.length : null,
    silence_claims: facts.silences ? silenceMentions.length : 0,
    unsupported_silence_claims: unsupportedSilences,
    loudness_claims: loudnessClaims,
    hard_fault: pastEnd.length > 0,
    findings: [],
  };
  report.findings = describe(report, facts);
  return report;
}

/** how far (in characters) a time may sit from the word "silent" to be what it refers to */
const SILENCE_REACH = 30;

/**
 * Times that say where a silence is: in a clause about silence, within reach
 * of the word, or continuing a list or range that is ("silent 00:05–00:15, 00:20").
 */
function silenceClaims(text: string, mentions: TimestampMention[]): TimestampMention[] {
  const clauses = splitSentences(text, clauseBoundary);
  const claims: TimestampMention[] = [];
  for (const clause of clauses) {
    if (noSilence.test(clause.text)) continue;
    const cues = [...clause.text.matchAll(new RegExp(silenceCue.source, 'gi'))].map((c) => ({
      start: clause.start + (c.index ?? 0),
      end: clause.start + (c.index ?? 0) + c[0].length,
    }));
    if (cues.length === 0) continue;
    let previous: TimestampMention | null = null;
    for (const m of mentions.filter((x) => x.index >= clause.start && x.index < clause.end)) {
      const end = m.index + m.text.length;
      const near = cues.some((c) => (m.index >= c.end ? m.index - c.end : c.start - end) <= SILENCE_REACH);
      const chained = previous !== null && /^[\s,;–—\-/]*(?:and|to|until|till)?[\s–—\-]*$/i.test(text.slice(previous.index + previous.text.length, m.index));
      if (near || chained) {
        claims.push(m);
        previous = m;
      } else previous = null;
    }
  }
  return claims;
}

function isCutSentence(sentence: string): boolean {
  if (suggestionCue.test(sentence) || noCut.test(sentence)) return false;
  for (const match of sentence.matchAll(cutCue)) {
    const word = match[1].toLowerCase();
    const rest = sentence.slice((match.index ?? 0) + match[0].length);
    if (word === 'cut' && cutAsVerb.test(rest)) continue;
    return true;
  }
  return false;
}

/** one mention per position (a cut named twice is one claim) */
function dedupe(mentions: TimestampMention[]): TimestampMention[] {
  const kept: TimestampMention[] = [];
  for (const m of [...mentions].sort((a, b) => a.seconds - b.seconds)) {
    if (!kept.some((k) => Math.abs(k.seconds - m.seconds) < 0.25)) kept.push(m);
  }
  return kept;
}

/** the window of true times a written time can stand for */
function claimWindow(m: TimestampMention): [number, number] {
  const wholeSecondClock = m.text.includes(':') && !/[.,]\d+$/.test(m.text);
  return [m.seconds - CUT_TOLERANCE_S, m.seconds + (wholeSecondClock ? 1 : CUT_TOLERANCE_S)];
}

/** one-to-one matching, nearest measured cut first */
function matchCuts(claims: TimestampMention[], measured: number[]) {
  const used = new Set<number>();
  const matched: number[] = [];
  const unmatched: number[] = [];
  for (const claim of claims) {
    const [low, high] = claimWindow(claim);
    let best = -1;
    measured.forEach((cut, i) => {
      if (used.has(i) || cut < low || cut > high) return;
      if (best < 0 || Math.abs(cut - claim.seconds) < Math.abs(measured[best] - claim.seconds)) best = i;
    });
    if (best >= 0) {
      used.add(best);
      matched.push(claim.seconds);
    } else {
      unmatched.push(claim.seconds);
    }
  }
  return { matched, unmatched, missed: measured.filter((_, i) => !used.has(i)) };
}

function checkLoudness(text: string, sentences: TextSpan[], measured: number | null): GroundingReport['loudness_claims'] {
  if (measured === null) return [];
  const claims: GroundingReport['loudness_claims'] = [];
  for (const match of text.matchAll(loudnessClaim)) {
    const sentence = sentences.find((s) => (match.index ?? 0) >= s.start && (match.index ?? 0) < s.end)?.text ?? '';
    if (loudnessTarget.test(sentence)) continue;
    const claimed = Number(match[1]);
    claims.push({ claimed_lufs: claimed, measured_lufs: measured, matches: Math.abs(claimed - measured) <= LOUDNESS_TOLERANCE_LU });
  }
  return claims;
}

/** "15 s", "12.5 s" */
export function formatSeconds(seconds: number): string {
  return `${Number(seconds.toFixed(1))} s`;
}

function list(times: number[]): string {
  return times.map(formatPreciseTimecode).join(', ');
}

function percent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

function describe(r: GroundingReport, facts: GroundingFacts): string[] {
  const findings: string[] = [];
  const videoLength = formatSeconds(r.duration_s);
  if (r.past_end.length > 0) {
    const cited = [...new Set(r.past_end.map((p) => p.text))];
    findings.push(`cites ${cited.join(', ')} in a ${videoLength} video`);
  } else if (r.timestamps_cited > 0) {
    findings.push(`all ${r.timestamps_cited} timestamps fall inside the ${videoLength} video`);
  } else {
    findings.push('cites no timestamps');
  }
  if (facts.cuts_s) {
    const measured = facts.cuts_s.length > 0 ? `the measured cuts (${list(facts.cuts_s)})` : 'the measurement, which found no cuts';
    if (r.claimed_cuts.length > 0) {
      const recall = r.cut_recall !== null ? `, finds ${facts.cuts_s.length - (r.missed_cuts?.length ?? 0)} of ${facts.cuts_s.length} measured cuts (recall ${percent(r.cut_recall)})` : '';
      findings.push(
        r.matched_cuts.length === 0
          ? `claims cuts at ${list(r.claimed_cuts)}: none match ${measured}`
          : `claims cuts at ${list(r.claimed_cuts)}: ${r.matched_cuts.length} of ${r.claimed_cuts.length} match ${measured} (precision ${percent(r.cut_precision ?? 0)})${recall}`,
      );
    } else if (facts.cuts_s.length > 0) {
      findings.push(`names none of the ${facts.cuts_s.length} measured cuts (${list(facts.cuts_s)})`);
    }
  }
  if (facts.silences && r.silence_claims > 0) {
    const measured = facts.silences.length > 0 ? facts.silences.map((s) => `${formatPreciseTimecode(s.start_s)}–${formatPreciseTimecode(s.end_s)}`).join(', ') : 'none';
    findings.push(
      r.unsupported_silence_claims.length > 0
        ? `places silence at ${list(r.unsupported_silence_claims)}, which the measurement does not support (measured silences: ${measured})`
        : `its silence timestamps match the measured silences (${measured})`,
    );
  }
  for (const claim of r.loudness_claims) {
    findings.push(
      claim.matches
        ? `states ${claim.claimed_lufs} LUFS, in line with the measured ${claim.measured_lufs.toFixed(1)} LUFS`
        : `states ${claim.claimed_lufs} LUFS; the measured integrated loudness is ${claim.measured_lufs.toFixed(1)} LUFS`,
    );
  }
  return findings;
}
