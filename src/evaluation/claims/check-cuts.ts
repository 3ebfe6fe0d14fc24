import { checkGrounding } from '../grounding.js';
import { checkDenial, spansText, type ClaimChecker } from './claim.js';

const denial = /\b(?:no (?:hard )?cuts?\b|no shot changes?|(?:one|a single) (?:continuous |long )?(?:shot|take)\b|never cuts?\b|without (?:a |any )?cuts?\b)/i;

/** Claimed cut positions against the measured cuts (±0.5 s), and "no cuts" / "one continuous shot". */
export const checkCuts: ClaimChecker = (context) => {
  const { facts } = context;
  const report = checkGrounding(context.text, { duration_s: facts.duration_s, cuts_s: facts.cuts_s, silences: null });
  const measured = facts.cuts_s.length === 0 ? 'no cut was measured' : `measured cuts at ${facts.cuts_s.map((c) => spansText([{ start_s: c, end_s: c }]).split('–')[0]).join(', ')}`;
  return [
    ...report.matched_cuts.map((t) => ({ family: 'cuts' as const, verdict: 'supported' as const, claim: `cut at ${t.toFixed(1)} s`, truth: measured })),
    ...report.unmatched_cuts.map((t) => ({ family: 'cuts' as const, verdict: 'contradicted' as const, claim: `cut at ${t.toFixed(1)} s`, truth: measured })),
    ...checkDenial('cuts', context, denial, 'no cuts (one continuous shot)', facts.cuts_s.map((c) => ({ start_s: c, end_s: c })), measured),
  ];
};
