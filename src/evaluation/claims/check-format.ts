import { findTimestamps, formatPreciseTimecode } from '../../domain/index.js';
import type { ClaimCheck, ClaimChecker } from './claim.js';

const durationBefore = /\b(?:length|duration|runtime|running time|runs?(?: for)?|lasts?|is)\s*:?\s*(?:of\s+)?(?:about\s+|around\s+|roughly\s+|just\s+(?:over|under)\s+)?$/i;
const durationAfter = /^\s*(?:long\b|in length\b|in total\b|total\b)/i;
const videoWord = /\b(?:video|clip|film|it)\b/i;

/** The stated length of the video (±0.6 s; a whole-second clock time covers its second). */
export const checkDuration: ClaimChecker = (context) => {
  const { facts, text } = context;
  const checks: ClaimCheck[] = [];
  for (const mention of findTimestamps(text)) {
    const before = text.slice(Math.max(0, mention.index - 30), mention.index);
    const after = text.slice(mention.index + mention.text.length, mention.index + mention.text.length + 16);
    // "the video is 15 s long", "**Video:** length 00:15.0"; a shot's or a version's length is not the video's
    if (/\b(?:shots?|scenes?|segments?|versions?|parts?|passages?|silences?|pauses?|cards?)\b/i.test(before)) continue;
    const explicit = /\b(?:video|clip|film)\b[^.\n]{0,12}\b(?:length|duration|runtime|running time)\s*:?\s*(?:of\s+)?$/i.test(before) || /\*\*Video:\*\*\s*length\s*$/i.test(before);
    if (!(explicit || (durationBefore.test(before) && videoWord.test(before) && durationAfter.test(after)))) continue;
    const wholeSecond = mention.text.includes(':') && !/[.,]\d+$/.test(mention.text);
    const ok = mention.seconds >= facts.duration_s - 0.6 - (wholeSecond ? 1 : 0) && mention.seconds <= facts.duration_s + 0.6;
    checks.push({ family: 'duration', verdict: ok ? 'supported' : 'contradicted', claim: `length ${mention.text}`, truth: `the video lasts ${formatPreciseTimecode(facts.duration_s)}` });
  }
  return checks;
};

const resolution = /\b(\d{3,4})\s?[x×]\s?(\d{3,4})\b/g;
const orientation = /\b(?:(vertical|portrait)|(landscape|horizontal|widescreen))(?:\s+(?:video|format|frame|orientation|clip))\b|\b(?:is|in|shot in)\s+(?:(vertical|portrait)|(landscape|horizontal|widescreen))\b/gi;

/** Resolution ("1920×1080") and orientation ("a vertical video") against the probed size. */
export const checkFormat: ClaimChecker = (context) => {
  const { facts, text } = context;
  if (facts.width === null || facts.height === null) return [];
  const truth = `${facts.width}×${facts.height}${facts.height > facts.width ? ' (vertical)' : ''}`;
  const checks: ClaimCheck[] = [];
  for (const m of text.matchAll(resolution)) {
    const [w, h] = [Number(m[1]), Number(m[2])];
    const ok = (w === facts.width && h === facts.height) || (w === facts.height && h === facts.width);
    checks.push({ family: 'format', verdict: ok ? 'supported' : 'contradicted', claim: `${w}×${h}`, truth });
  }
  for (const m of text.matchAll(orientation)) {
    const saysVertical = Boolean(m[1] ?? m[3]);
    const ok = saysVertical === facts.height > facts.width;
    checks.push({ family: 'format', verdict: ok ? 'supported' : 'contradicted', claim: saysVertical ? 'vertical' : 'landscape', truth });
  }
  return checks;
};
