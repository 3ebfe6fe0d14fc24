import { formatPreciseTimecode, type ModelScore, type PromptCategory } from '../domain/index.js';
import { checkCoverage, type CoverageReport } from './coverage.js';
import { checkGrounding, type GroundingFacts, type GroundingReport } from './grounding.js';

/** Points per criterion; the total maps linearly onto the 1–10 scale. */
export const localWeights = {
  /** timestamps inside the video (1), cuts against measured cuts (3.5), silences/loudness (0.5) */
  grounding: 5,
  coverage: 2.5,
  specificity: 2,
  structure: 1,
} as const;
/** an answer citing a time the video does not have scores at most this */
export const HARD_FAULT_CAP = 3;

const cutCategories: ReadonlySet<PromptCategory> = new Set(['analysis', 'editing', 'pacing']);
const measuredValue = /\b\d+(?:\.\d+)?\s?(?:%|dB(?:TP|FS)?|LUFS|LU|fps|px|x|Hz|kHz)(?!\w)|\b\d{3,4}\s?[x×]\s?\d{3,4}\b/gi;
const heading = /^(?:#{1,6}\s+\S|\*\*[^*\n]+\*\*:?\s*$|[A-Z][^\n]{0,60}:\s*$)/m;
const listItem = /^\s*(?:[-*•]|\d+[.)])\s+\S/gm;

export interface LocalComponents {
  grounding: number;
  coverage: number;
  specificity: number;
  structure: number;
}

export interface LocalAssessment {
  score: ModelScore;
  grounding: GroundingReport;
  coverage: CoverageReport;
  components: LocalComponents;
}

/**
 * Scores one non-empty answer from grounded checks, coverage of what the
 * prompt's category asks, specificity and structure. Deterministic.
 */
export function assessAnswer(modelId: string, text: string, category: PromptCategory, facts: GroundingFacts): LocalAssessment {
  const grounding = checkGrounding(text, facts);
  const coverage = checkCoverage(text, category);
  const strengths: string[] = [];
  const weaknesses: string[] = [];

  // Grounding: positions inside the video, cuts, silences and loudness.
  let groundingPoints = 0;
  if (grounding.hard_fault) weaknesses.push(capitalise(grounding.findings[0]));
  else if (grounding.timestamps_in_range > 0) {
    groundingPoints += 1;
    strengths.push(`All ${grounding.timestamps_in_range} timestamps fall inside the video`);
  } else weaknesses.push('Cites no timestamps');

  const cutRelevant = cutCategories.has(category);
  if (facts.cuts_s === null) groundingPoints += 3.5 / 2;
  else if (grounding.claimed_cuts.length > 0) {
    const precision = grounding.cut_precision ?? 0;
    const recall = grounding.cut_recall ?? precision;
    groundingPoints += 3.5 * (0.5 * precision + 0.5 * recall);
    if (precision >= 0.99 && recall >= 0.99) strengths.push(`Every claimed cut matches a measured cut (${formatList(grounding.matched_cuts)}) and none is missed`);
    else if (grounding.matched_cuts.length === 0) weaknesses.push(`None of the claimed cuts (${formatList(grounding.claimed_cuts)}) matches a measured cut`);
    else {
      strengths.push(`${grounding.matched_cuts.length} of ${grounding.claimed_cuts.length} claimed cuts match measured cuts`);
      if (grounding.unmatched_cuts.length > 0) weaknesses.push(`Claims cuts the video does not have at ${formatList(grounding.unmatched_cuts)}`);
      if ((grounding.missed_cuts?.length ?? 0) > 0) weaknesses.push(`Misses the measured cuts at ${formatList(grounding.missed_cuts ?? [])}`);
    }
  } else if (facts.cuts_s.length === 0) {
    groundingPoints += 3.5; // no cuts measured and none claimed: nothing invented
  } else if (cutRelevant) {
    weaknesses.push(`Does not locate any of the ${facts.cuts_s.length} measured cuts (${formatList(facts.cuts_s)})`);
  } else groundingPoints += 3.5 / 2;

  groundingPoints += audioGrounding(grounding, category, facts, strengths, weaknesses);

  // Coverage of what the category asks for.
  const coveragePoints = localWeights.coverage * coverage.ratio;
  if (coverage.covered.length > 0) strengths.push(`Covers ${joinWords(coverage.covered)}`);
  if (coverage.missing.length > 0) weaknesses.push(`Does not address ${joinWords(coverage.missing)}`);

  // Specificity: distinct timestamps and measured values.
  const values = text.match(measuredValue)?.length ?? 0;
  const specificityPoints = 1.2 * Math.min(grounding.distinct_in_range, 4) / 4 + 0.8 * Math.min(values, 3) / 3;
  if (grounding.distinct_in_range >= 3 || values >= 2) strengths.push(`Specific: ${plural(grounding.distinct_in_range, 'distinct timestamp')}, ${plural(values, 'measured value')}`);
  else if (grounding.distinct_in_range === 0 && values === 0) weaknesses.push('Vague: no timestamps or measured values');

  // Structure: headings, lists, enough substance.
  const hasHeading = heading.test(text);
  const items = text.match(listItem)?.length ?? 0;
  const structurePoints = (hasHeading ? 0.4 : 0) + (items >= 2 ? 0.4 : 0) + (text.trim().length >= 300 ? 0.2 : 0);
  if (hasHeading && items >= 2) strengths.push('Well structured (headings and lists)');
  else if (!hasHeading && items < 2) weaknesses.push('Unstructured (no headings or lists)');

  const components: LocalComponents = {
    grounding: round(groundingPoints),
    coverage: round(coveragePoints),
    specificity: round(specificityPoints),
    structure: round(structurePoints),
  };
  const total = components.grounding + components.coverage + components.specificity + components.structure;
  const max = localWeights.grounding + localWeights.coverage + localWeights.specificity + localWeights.structure;
  let score = round(1 + (9 * total) / max);
  if (grounding.hard_fault) score = Math.min(score, HARD_FAULT_CAP);

  const reasoning = [
    `Grounding ${components.grounding}/${localWeights.grounding}: ${grounding.findings.join('; ')}.`,
    `Coverage ${components.coverage}/${localWeights.coverage} (${category}): ${coverage.covered.length} of ${coverage.covered.length + coverage.missing.length} topics.`,
    `Specificity ${components.specificity}/${localWeights.specificity}: ${plural(grounding.distinct_in_range, 'distinct timestamp')}, ${plural(values, 'measured value')}.`,
    `Structure ${components.structure}/${localWeights.structure}.`,
    grounding.hard_fault ? `Score capped at ${HARD_FAULT_CAP} because the answer cites times past the end of the video.` : '',
  ]
    .filter(Boolean)
    .join(' ');

  return {
    score: { model_name: modelId, score, reasoning, strengths, weaknesses },
    grounding,
    coverage,
    components,
  };
}

function audioGrounding(g: GroundingReport, category: PromptCategory, facts: GroundingFacts, strengths: string[], weaknesses: string[]): number {
  const checks = g.silence_claims + g.loudness_claims.length;
  if (checks === 0) {
    if (category === 'audio' && (facts.silences?.length ?? 0) > 0) {
      weaknesses.push('Does not locate the measured silences');
      return 0;
    }
    return 0.25;
  }
  const wrong = g.unsupported_silence_claims.length + g.loudness_claims.filter((c) => !c.matches).length;
  if (wrong === 0) strengths.push('Silence and loudness statements match the measurement');
  else weaknesses.push(`${wrong} silence/loudness statement(s) contradict the measurement`);
  return 0.5 * (1 - wrong / checks);
}

function formatList(times: number[]): string {
  return times.map(formatPreciseTimecode).join(', ');
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function round(value: number): number {
  return Math.round(value * 10) / 10;
}
