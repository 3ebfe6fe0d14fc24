import { formatPreciseTimecode, integerScore, promptCategoryLabels, type MediaFacts, type ModelScore, type PromptCategory, type RubricLine } from '../domain/index.js';
import { answerTraits, type AnswerTraits } from './answer-traits.js';
import { checkClaims, type ClaimCheck } from './claims/index.js';
import { checkCoverage, type CoverageReport } from './coverage.js';
import { checkGrounding, type GroundingFacts, type GroundingReport } from './grounding.js';
import { CRITERIA_POINTS, criterionNames, cutRecallShare, describeWeights, rubricWeights, type ScoredCriterion } from './rubric-weights.js';

/** an answer citing a time the video does not have scores at most this */
export const HARD_FAULT_CAP = 2.5;

export interface LocalAssessment {
  score: ModelScore;
  grounding: GroundingReport;
  coverage: CoverageReport;
  claims: ClaimCheck[];
  traits: AnswerTraits;
}

interface Judged {
  quality: number;
  note: string;
  strengths: string[];
  weaknesses: string[];
}

/**
 * Scores one non-empty answer on the rubric weighted for the prompt's
 * category: accuracy of its checkable claims (against the measured facts),
 * coverage of what was asked, specificity, actionable advice, structure and
 * focus. The rubric's points add up to `score_exact`; every criterion that
 * loses points says why in a weakness. Deterministic.
 */
export function assessAnswer(modelId: string, text: string, category: PromptCategory, grounding: GroundingFacts, measured: MediaFacts | null): LocalAssessment {
  const report = checkGrounding(text, grounding);
  const claims = measured ? checkClaims(text, measured) : [];
  const coverage = checkCoverage(text, category);
  // specifics and advice count where they answer the question, not in sections about something else
  const traits = { ...answerTraits(coverage.on_topic_text, grounding.duration_s), ...structureOf(text, grounding.duration_s) };
  const weights = rubricWeights[category];

  const judged: Record<ScoredCriterion, Judged> = {
    accuracy: judgeAccuracy(claims, report, category, grounding),
    coverage: judgeCoverage(coverage),
    specificity: judgeSpecificity(traits),
    actionability: judgeActionability(traits),
    structure: judgeStructure(traits, coverage),
  };
  const scale = CRITERIA_POINTS / 10;
  const rubric: RubricLine[] = [
    { criterion: 'base', weight: 1, points: 1, note: 'every answer with text starts from 1' },
    ...(Object.keys(weights) as ScoredCriterion[]).map((criterion) => ({
      criterion,
      weight: round2(weights[criterion] * scale),
      points: round2(weights[criterion] * scale * judged[criterion].quality),
      note: judged[criterion].note,
    })),
  ];
  const strengths = Object.values(judged).flatMap((j) => j.strengths);
  const weaknesses: string[] = [];
  for (const line of rubric.filter((l) => l.criterion !== 'base')) {
    const own = judged[line.criterion as ScoredCriterion].weaknesses;
    if (line.points < line.weight - 0.05) weaknesses.push(...(own.length > 0 ? own : [`${capitalise(criterionNames[line.criterion as ScoredCriterion])} ${line.points}/${line.weight}: ${line.note}`]));
  }

  let total = round2(rubric.reduce((sum, line) => sum + line.points, 0));
  if (report.hard_fault && total > HARD_FAULT_CAP) {
    const cited = [...new Set(report.past_end.map((p) => p.text))].join(', ');
    rubric.push({ criterion: 'adjustment', weight: 0, points: round2(HARD_FAULT_CAP - total), note: `capped at ${HARD_FAULT_CAP}: cites ${cited}, past the end of the video` });
    weaknesses.unshift(capitalise(report.findings[0]));
    total = HARD_FAULT_CAP;
  }
  const score = integerScore(total);
  const notChecked = dedupe(claims.filter((c) => c.verdict === 'unchecked').map((c) => `${c.claim} (${c.truth})`));
  const reasoning = [
    `Weighted for a ${promptCategoryLabels[category]} question: ${describeWeights(category)}.`,
    ...rubric.filter((l) => l.criterion !== 'base').map((line) => (line.criterion === 'adjustment' ? `Adjustment ${signed(line.points)}: ${line.note}.` : `${capitalise(criterionNames[line.criterion as ScoredCriterion])} ${line.points}/${line.weight}: ${line.note}.`)),
    `With the base point the points add up to ${total.toFixed(2)}, shown as ${score}/10.`,
    ...(notChecked.length > 0 ? [`Not checked (neutral for the score): ${notChecked.length === 1 ? 'one claim' : `${notChecked.length} claims`} the measurement cannot settle — ${notChecked.join('; ')}.`] : []),
  ].join(' ');
  return {
    score: { model_name: modelId, score, score_exact: total, reasoning, strengths, weaknesses, not_checked: notChecked, rubric },
    grounding: report,
    coverage,
    claims,
    traits,
  };
}

function judgeAccuracy(claims: ClaimCheck[], report: GroundingReport, category: PromptCategory, facts: GroundingFacts): Judged {
  const supported = claims.filter((c) => c.verdict === 'supported');
  const contradicted = claims.filter((c) => c.verdict === 'contradicted');
  // a contradiction costs three confirmations; a few confirmed claims are needed for full marks; no claim at all is neutral
  const decided = supported.length + contradicted.length;
  const claimQuality = decided === 0 ? 0.5 : (supported.length / (supported.length + 3 * contradicted.length)) * (0.85 + 0.15 * Math.min(1, supported.length / 2));
  const strengths: string[] = [];
  const weaknesses = dedupe(contradicted.map((c) => `Says ${c.claim}; measured: ${c.truth}`));
  const unchecked = claims.length - supported.length - contradicted.length;
  const parts = [`${supported.length} checkable claim${supported.length === 1 ? '' : 's'} confirmed, ${contradicted.length} contradicted${unchecked > 0 ? `, ${unchecked} not checked` : ''}`];
  if (decided === 0) parts[0] = `no claim the measurement can check (neutral)${unchecked > 0 ? `; ${unchecked} not checked` : ''}`;
  if (supported.length > 0 && contradicted.length === 0) strengths.push(`All ${supported.length} checkable claims match the measurement`);
  // what an answer says it sees, verified: worth naming, since no measurement dump can say it
  for (const [family, label] of [['on-screen text', 'Reads the on-screen text right'], ['look', 'Brightness and colour as measured']] as const) {
    const verified = supported.filter((c) => c.family === family).map((c) => c.claim.replace(/^on-screen text /, ''));
    if (verified.length > 0) strengths.push(`${label}: ${verified.slice(0, 3).join('; ')}${verified.length > 3 ? ` and ${verified.length - 3} more` : ''}`);
  }

  let quality = claimQuality;
  const share = cutRecallShare[category];
  if (share !== undefined && facts.cuts_s !== null) {
    const recall = facts.cuts_s.length === 0 ? 1 : report.cut_recall ?? 0;
    quality = (1 - share) * claimQuality + share * recall;
    if (facts.cuts_s.length > 0) {
      parts.push(`finds ${Math.round(recall * facts.cuts_s.length)} of ${facts.cuts_s.length} measured cuts`);
      if (recall < 1) {
        const missed = report.missed_cuts ?? facts.cuts_s;
        weaknesses.push(`Misses ${missed.length} of the ${facts.cuts_s.length} measured cuts (${missed.map(formatPreciseTimecode).join(', ')})`);
      } else strengths.push(`Finds all ${facts.cuts_s.length} measured cuts`);
    }
  }
  if (decided === 0 && weaknesses.length === 0) weaknesses.push('Makes no claim that can be checked against the video');
  return { quality, note: parts.join('; '), strengths, weaknesses };
}

function judgeCoverage(coverage: CoverageReport): Judged {
  const weaknesses: string[] = [];
  if (coverage.disclaimed.length > 0) weaknesses.push(`Says it cannot see or hear the video, so it does not answer about ${joinWords(coverage.disclaimed)}`);
  if (coverage.missing.length > 0) weaknesses.push(`Does not address ${joinWords(coverage.missing)}`);
  const asked = coverage.covered.length + coverage.missing.length + coverage.disclaimed.length;
  return {
    quality: coverage.ratio,
    note: `${coverage.covered.length} of ${asked} things asked`,
    strengths: coverage.covered.length > 0 ? [`Covers ${joinWords(coverage.covered)}`] : [],
    weaknesses,
  };
}

function judgeSpecificity(traits: AnswerTraits): Judged {
  const quality = 0.7 * Math.min(traits.distinct_times, 4) / 4 + 0.3 * Math.min(traits.details, 2) / 2;
  const note = `${plural(traits.distinct_times, 'distinct timestamp')}, ${plural(traits.details, 'measured value or quote', 'measured values or quotes')}`;
  return {
    quality,
    note,
    strengths: traits.distinct_times >= 3 || traits.details >= 2 ? [`Specific: ${note}`] : [],
    weaknesses: [traits.distinct_times === 0 && traits.details === 0 ? 'Vague: no timestamps, measured values or quotes' : `Not specific enough: ${note}`],
  };
}

function judgeActionability(traits: AnswerTraits): Judged {
  const quality = Math.min(1, (traits.advice_with_time + 0.5 * traits.advice_without_time) / 2);
  const note = `${plural(traits.advice_with_time, 'suggestion')} with a timestamp, ${traits.advice_without_time} without`;
  return {
    quality,
    note,
    strengths: traits.advice_with_time >= 2 ? [`Actionable: ${note}`] : [],
    weaknesses: [traits.advice_with_time + traits.advice_without_time === 0 ? 'No concrete suggestion to act on' : `Few concrete, timed suggestions (${note})`],
  };
}

function judgeStructure(traits: AnswerTraits, coverage: CoverageReport): Judged {
  const lists = traits.list_items >= 2;
  const quality = 0.2 * (traits.has_heading ? 1 : 0) + 0.2 * (lists ? 1 : 0) + 0.6 * coverage.focus;
  const focus = `${Math.round(coverage.focus * 100)}% of it on the question`;
  const weaknesses: string[] = [];
  if (!traits.has_heading || !lists) weaknesses.push(`Loosely structured (${[traits.has_heading ? '' : 'no headings', lists ? '' : 'no list'].filter(Boolean).join(', ')})`);
  if (coverage.focus < 0.98) weaknesses.push(`Partly off the question: ${focus}`);
  return {
    quality,
    note: `${traits.has_heading ? 'headings' : 'no headings'}, ${lists ? 'lists' : 'no lists'}, ${focus}`,
    strengths: traits.has_heading && lists && coverage.focus >= 0.98 ? ['Well structured and on the question'] : [],
    weaknesses,
  };
}

function structureOf(text: string, duration_s: number): Pick<AnswerTraits, 'has_heading' | 'list_items' | 'length'> {
  const { has_heading, list_items, length } = answerTraits(text, duration_s);
  return { has_heading, list_items, length };
}

function dedupe(items: string[]): string[] {
  return [...new Set(items)];
}

function joinWords(words: string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function plural(count: number, noun: string, nouns = `${noun}s`): string {
  return `${count} ${count === 1 ? noun : nouns}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function signed(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(2)}`;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
