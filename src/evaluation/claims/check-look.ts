import type { LookStats, ShotFacts } from '../../domain/index.js';
import { castOf } from '../../providers/local/look-verdicts.js';
import { clauseBoundary, sentenceBoundary, splitSentences } from '../answer-text.js';
import { spanText, suggestion, type ClaimCheck, type ClaimChecker } from './claim.js';
import { subjectSegments, type Comparand, type LookSubject } from './shot-references.js';

/*
 * Tolerances, on ffmpeg signalstats figures (8-bit: luma 0-255, chroma offsets from 128):
 * - comparisons ("darker", "brighter"): a difference of at least 8 luma steps either way decides;
 *   closer than that is too close to tell (not checked);
 * - "dark" holds up to luma 85 and is wrong from 110; "bright" holds from 100 and is wrong up to 70;
 *   "underexposed" holds below 55 and is wrong from 90; "overexposed" holds above 185 and is wrong
 *   up to 150; in between is borderline (not checked);
 * - a named colour ("warm", "mostly blue") holds when the mean chroma leans within 60° of that hue
 *   and is at least 3 steps from neutral; it is wrong when neutral (under 3) or 90° or more away;
 * - "neutral" holds under 6 steps; it is wrong from 8 only in a shot with little colour (saturation
 *   under 25), since in a colourful shot the mean chroma is the subject's colours, not a cast.
 */
const COMPARE_STEPS = 8;
const HUE_HOLDS_DEG = 60;
const HUE_WRONG_DEG = 90;
const NEUTRAL_BELOW = 3;

type Exposure = 'dark' | 'underexposed' | 'bright' | 'overexposed';
const exposureBands: Record<Exposure, { holds: (y: number) => boolean; wrong: (y: number) => boolean }> = {
  dark: { holds: (y) => y <= 85, wrong: (y) => y >= 110 },
  underexposed: { holds: (y) => y < 55, wrong: (y) => y >= 90 },
  bright: { holds: (y) => y >= 100, wrong: (y) => y <= 70 },
  overexposed: { holds: (y) => y > 185, wrong: (y) => y <= 150 },
};
const exposureWords: Record<string, Exposure> = {
  dark: 'dark', dim: 'dark', 'very dark': 'underexposed', 'too dark': 'underexposed', underexposed: 'underexposed', 'under-exposed': 'underexposed',
  bright: 'bright', 'very bright': 'overexposed', 'too bright': 'overexposed', overexposed: 'overexposed', 'over-exposed': 'overexposed', 'blown out': 'overexposed',
};

/** each named colour's direction on the (U, V) chroma plane, from its RGB */
const namedColours: Record<string, [number, number, number]> = {
  red: [255, 0, 0], orange: [255, 128, 0], warm: [255, 128, 0], amber: [255, 170, 0], yellow: [255, 255, 0], green: [0, 255, 0],
  teal: [0, 128, 128], cyan: [0, 255, 255], cool: [0, 128, 255], blue: [0, 0, 255], purple: [128, 0, 128], magenta: [255, 0, 255], pink: [255, 105, 180],
};
const hueWord = Object.keys(namedColours).join('|');
const notAfterColour = /^(?:\s+(?:and\s+\w+\s+)?(?:cells?|cards?|bars?|fractals?|patterns?|squares?|objects?|shirts?|sky|text|titles?|letters?|logo|frames?|background|light|lights|spots?|screen|dots?|lines?|shapes?|stripes?))\b/i;
/** "is warm", "mostly blue", "a warm cast", "a slight blue" (the look analyzer's labels) */
const huePatterns = [
  new RegExp(`\\b(?:is|are|looks?|appears?|seems?|feels?|reads?|mostly|predominantly|dominated by|leans?(?: towards?)?|skews?(?: towards?)?|tinted|graded|shifted(?: towards?)?|slight|strong)\\s+(?:(?:very|quite|slightly|a bit|a little|too|strongly|rather|noticeably)\\s+)?(${hueWord})(?:ish)?\\b`, 'gi'),
  new RegExp(`\\b(${hueWord})(?:ish)?[- ](?:colou?r )?(?:cast|tint|tone|tones|hue|grade|look|white balance)\\b`, 'gi'),
];
const neutralPattern = /\bneutral (?:white balance|colou?rs?|grade|cast|tones?)\b|\b(?:no|without(?: any)?) (?:colou?r )?casts?\b|\b(?:is|looks?|mostly|cast:?)\s+neutral\b|\|\s*neutral\s*\|/i;
const exposurePattern = /(?:\b(?:is|are|looks?|appears?|seems?|feels?|stays?|mostly|quite|rather|fairly|overly|somewhat|a bit|a little|slightly)\s+|[:—|]\s*|\b)(very dark|too dark|under-?exposed|very bright|too bright|over-?exposed|blown out|dark|dim|bright)\b(?!-|er\b|est\b)/gi;
const comparativePattern = /\b(darker|dimmer|brighter|lighter)\b/i;
const superlativePattern = /\b(darkest|brightest)\b/i;
const negated = /\b(?:not|isn't|aren't|never|no longer)\s+(?:\w+\s+)?$/i;
const bareAdjective = /(very dark|too dark|under-?exposed|very bright|too bright|over-?exposed|blown out)/i;

/** proposed grades are not claims: "make shot 2 brighter", "warm it up" */
const proposal = new RegExp(`${suggestion.source}|\\b(?:make|lift|pull|push|brighten|darken|warm (?:it|up|the)|cool (?:it|down|the))\\b`, 'i');
const alternative = new RegExp(`^\\s*\\/\\s*(${hueWord})\\b`, 'i');

const luma = (y: number) => (y / 255).toFixed(2);

function hueAngle(u: number, v: number): number {
  return (Math.atan2(v, u) * 180) / Math.PI;
}

function colourAngle(name: string): number {
  const [r, g, b] = namedColours[name];
  return hueAngle(-0.169 * r - 0.331 * g + 0.5 * b, 0.5 * r - 0.419 * g - 0.081 * b);
}

function angleBetween(a: number, b: number): number {
  const d = Math.abs(a - b) % 360;
  return d > 180 ? 360 - d : d;
}

interface Subject {
  name: string;
  look: Partial<LookStats>;
}

function describeColour(look: Partial<LookStats>): string {
  const cast = castOf(look);
  return cast ? `${cast.label} (mean chroma U ${signed(look.cast_u!)}, V ${signed(look.cast_v!)})` : 'not measured';
}

function signed(value: number): string {
  return `${value > 0 ? '+' : ''}${value.toFixed(0)}`;
}

function checkColour(subject: Subject, name: string): ClaimCheck | undefined {
  const { cast_u: u, cast_v: v } = subject.look;
  if (u === undefined || v === undefined) return undefined;
  const strength = Math.hypot(u, v);
  const away = angleBetween(hueAngle(u, v), colourAngle(name));
  const claim = `${subject.name} is ${name}`;
  const truth = `${subject.name} measures ${describeColour(subject.look)}`;
  if (strength < NEUTRAL_BELOW || away >= HUE_WRONG_DEG) return { family: 'look', verdict: 'contradicted', claim, truth };
  if (away <= HUE_HOLDS_DEG) return { family: 'look', verdict: 'supported', claim, truth };
  return { family: 'look', verdict: 'unchecked', claim, truth: `${truth}: between ${name} and another hue, too close to tell` };
}

function checkNeutral(subject: Subject): ClaimCheck | undefined {
  const { cast_u: u, cast_v: v, saturation } = subject.look;
  if (u === undefined || v === undefined) return undefined;
  const strength = Math.hypot(u, v);
  const claim = `${subject.name} has neutral colour`;
  const truth = `${subject.name} measures ${describeColour(subject.look)}`;
  if (strength < 6) return { family: 'look', verdict: 'supported', claim, truth };
  if (strength >= 8 && saturation !== undefined && saturation < 25) return { family: 'look', verdict: 'contradicted', claim, truth };
  return { family: 'look', verdict: 'unchecked', claim, truth: `${truth}, but in a colourful shot (saturation ${saturation?.toFixed(0) ?? 'n/m'}) the mean colour is the subject's, so a cast cannot be told apart` };
}

function checkExposure(subject: Subject, word: string): ClaimCheck | undefined {
  const y = subject.look.brightness;
  if (y === undefined) return undefined;
  const band = exposureBands[exposureWords[word.toLowerCase()]];
  const claim = `${subject.name} is ${word.toLowerCase()}`;
  const truth = `${subject.name} has mean luma ${luma(y)} (${y.toFixed(0)} of 255)`;
  if (band.holds(y)) return { family: 'look', verdict: 'supported', claim, truth };
  if (band.wrong(y)) return { family: 'look', verdict: 'contradicted', claim, truth };
  return { family: 'look', verdict: 'unchecked', claim, truth: `${truth}: borderline for "${word.toLowerCase()}"` };
}

function checkComparison(subject: Subject, darker: boolean, reference: Subject): ClaimCheck | undefined {
  const [a, b] = [subject.look.brightness, reference.look.brightness];
  if (a === undefined || b === undefined) return undefined;
  const claim = `${subject.name} is ${darker ? 'darker' : 'brighter'} than ${reference.name}`;
  const difference = darker ? b - a : a - b;
  const truth = `mean luma ${luma(a)} vs ${luma(b)}`;
  if (difference >= COMPARE_STEPS) return { family: 'look', verdict: 'supported', claim, truth };
  if (difference <= -COMPARE_STEPS) return { family: 'look', verdict: 'contradicted', claim, truth: `it is ${darker ? 'brighter' : 'darker'}: ${truth}` };
  return { family: 'look', verdict: 'unchecked', claim, truth: `${truth}: within ${COMPARE_STEPS} of 255, too close to tell` };
}

function checkSuperlative(index: number, darkest: boolean, shots: readonly ShotFacts[]): ClaimCheck | undefined {
  const y = shots[index].brightness;
  if (y === undefined || shots.length < 2) return undefined;
  const others = shots.filter((s, i) => i !== index && s.brightness !== undefined);
  const beyond = others.filter((s) => (darkest ? s.brightness! <= y - COMPARE_STEPS : s.brightness! >= y + COMPARE_STEPS));
  const claim = `shot ${index + 1} is the ${darkest ? 'darkest' : 'brightest'}`;
  const truth = `shot ${index + 1} has mean luma ${luma(y)}; ${beyond.length > 0 ? `the ${spanText(beyond[0])} shot has ${luma(beyond[0].brightness!)}` : 'no other shot is clearly ' + (darkest ? 'darker' : 'brighter')}`;
  return { family: 'look', verdict: beyond.length === 0 ? 'supported' : 'contradicted', claim, truth };
}

function subjectOf(subject: LookSubject, shots: readonly ShotFacts[], whole: LookStats | null): Subject | undefined {
  if (subject.kind === 'video') return whole ? { name: 'the video', look: whole } : undefined;
  return { name: `shot ${subject.index + 1} (${spanText(shots[subject.index])})`, look: shots[subject.index] };
}

function referenceOf(comparand: Comparand, index: number, shots: readonly ShotFacts[]): Subject | undefined {
  if (comparand?.kind === 'shot') return { name: `shot ${comparand.index + 1}`, look: shots[comparand.index] };
  if (comparand?.kind === 'others') {
    const others = shots.filter((s, i) => i !== index && s.brightness !== undefined);
    if (others.length === 0) return undefined;
    return { name: 'the other shots', look: { brightness: others.reduce((sum, s) => sum + s.brightness!, 0) / others.length } };
  }
  // "the second shot is darker": than the one before it (the first: than the next)
  const neighbour = index > 0 ? index - 1 : index + 1;
  return neighbour < shots.length ? { name: `shot ${neighbour + 1}`, look: shots[neighbour] } : undefined;
}

/**
 * Brightness and colour claimed for a shot ("the second shot is darker",
 * "shot 3 (00:12–00:18) is warm", "the opening shot is bright") or for the
 * whole video ("mostly blue"), against the per-shot signalstats figures in
 * the facts, with the tolerances above. Proposed grades ("make shot 2
 * warmer") and shot-to-shot transitions ("blue → red") are not claims.
 */
export const checkLook: ClaimChecker = (context) => {
  const { shots, look } = context.facts;
  const checks: ClaimCheck[] = [];
  const seen = new Set<string>();
  const add = (check: ClaimCheck | undefined) => {
    if (!check || seen.has(check.claim)) return;
    seen.add(check.claim);
    checks.push(check);
  };
  for (const sentence of splitSentences(context.text, sentenceBoundary)) {
    if (/→|->/.test(sentence.text)) continue;
    for (const segment of subjectSegments(sentence.text, shots)) {
      const subject = subjectOf(segment.subject, shots, look);
      if (!subject) continue;
      // "shot 2 is dark: lift it" states before the colon and proposes after it
      const stated = splitSentences(segment.text, clauseBoundary).flatMap((c) => c.text.split(/(?=:\s|\s—\s)/)).filter((piece) => !proposal.test(piece)).join(' ');
      for (const pattern of huePatterns) {
        for (const m of stated.matchAll(pattern)) {
          if (negated.test(stated.slice(0, m.index)) || notAfterColour.test(stated.slice((m.index ?? 0) + m[0].length))) continue;
          add(checkColour(subject, m[1].toLowerCase()));
          const other = stated.slice((m.index ?? 0) + m[0].length).match(alternative);
          if (other) add(checkColour(subject, other[1].toLowerCase()));
        }
      }
      if (neutralPattern.test(stated)) add(checkNeutral(subject));
      for (const m of stated.matchAll(exposurePattern)) {
        const word = m[1];
        const before = stated.slice(0, m.index);
        // a bare "dark" (no "is", no colon) is an adjective of something else: "dark cells", "a dark outline"
        if (m[0] === word && !bareAdjective.test(word)) continue;
        if (negated.test(before) || notAfterColour.test(stated.slice((m.index ?? 0) + m[0].length)) || new RegExp(`^\\s+(?:${hueWord})\\b`, 'i').test(stated.slice((m.index ?? 0) + m[0].length))) continue;
        add(checkExposure(subject, word.replace(/^(?:under|over)-/i, (p) => p.slice(0, -1))));
      }
      if (segment.subject.kind !== 'shot') continue;
      const comparative = stated.match(comparativePattern);
      if (comparative) {
        const reference = referenceOf(segment.comparand, segment.subject.index, shots);
        if (reference) add(checkComparison(subject, /dark|dim/i.test(comparative[1]), reference));
      }
      const superlative = stated.match(superlativePattern);
      if (superlative) add(checkSuperlative(segment.subject.index, superlative[1].toLowerCase() === 'darkest', shots));
    }
  }
  return checks;
};
