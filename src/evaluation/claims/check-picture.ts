import { checkDenial, checkEventTimes, clausesAbout, spansText, suggestion, type ClaimChecker } from './claim.js';

const fadeCue = /\bfad(?:e|es|ed|ing)\b|\b(?:goes|cuts?|dips?) to black\b|\bblack (?:frames?|screen|segment|tail)\b/i;
const noFade = /\bno (?:fades?|dissolves? or fades?|black frames?)\b|\bwithout (?:any )?fades?\b|\bnever fades?\b|\bno fade(?:-| )(?:in|out)s?\b|\bnothing fades\b/i;

/** Fade and black positions (±0.5 s) against the measured fades and black; "no fades". */
export const checkFades: ClaimChecker = (context) => {
  const { facts } = context;
  const spans = [...(facts.fades ?? []), ...facts.black_segments];
  const truth = `measured fades: ${spansText(facts.fades ?? [])}; black: ${spansText(facts.black_segments)}`;
  const found = clausesAbout(context, fadeCue, new RegExp(`${noFade.source}|${suggestion.source}|\\btransitions? (?:are|is) (?:all )?(?:straight|hard) cuts\\b`, 'i'));
  return [...checkEventTimes('fades and black', found, spans, 'fade or black', truth), ...checkDenial('fades and black', context, noFade, 'no fades', facts.fades ?? [], truth)];
};

const stillCue = /\bfrozen\b|\bfreez(?:e|es|ing)\b|\bstill (?:picture|image|frame|card|shot)\b|\bstatic (?:card|picture|image|frame|title|shot|slide)\b|\btitle cards?\b|\bcolou?r cards?\b|\b(?:picture|image) (?:stands|is) still\b/i;
const noStill = /\bno (?:frozen|freez\w*|still|static) (?:frames?|picture|shots?|images?)\b|\bnothing (?:freezes|is static)\b|\bevery shot moves\b|\bnever freezes\b/i;

/** Frozen or still-picture positions (±0.5 s) against the measured frozen spans; "nothing freezes". */
export const checkStillPicture: ClaimChecker = (context) => {
  const { facts } = context;
  const truth = `measured still picture: ${spansText(facts.frozen_segments)}`;
  const found = clausesAbout(context, stillCue, new RegExp(`${noStill.source}|${suggestion.source}`, 'i'));
  return [...checkEventTimes('still picture', found, facts.frozen_segments, 'still picture', truth), ...checkDenial('still picture', context, noStill, 'no still or frozen picture', facts.frozen_segments, truth)];
};
