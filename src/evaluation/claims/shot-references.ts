import { findTimestamps, type ShotFacts } from '../../domain/index.js';

/** Which part of the video a stretch of an answer speaks of: one shot, or the whole video. */
export type LookSubject = { kind: 'shot'; index: number } | { kind: 'video' };

/** What a comparison ("darker than shot 1", "than the rest") measures against. */
export type Comparand = { kind: 'shot'; index: number } | { kind: 'others' } | null;

/** A stretch of one sentence and what it is about. */
export interface SubjectSegment {
  subject: LookSubject;
  /** the shot a comparative in the segment names ("than shot 1"), or null for the default */
  comparand: Comparand;
  text: string;
}

const ordinals: Record<string, number> = { first: 1, opening: 1, second: 2, third: 3, fourth: 4, fifth: 5, sixth: 6, seventh: 7, eighth: 8, ninth: 9, tenth: 10 };
const shotPattern = /\bshot\s+#?(\d{1,3})\b|\b(first|opening|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|last|final|closing)\s+shot\b/gi;
const comparingBefore = /(?:\bthan|\bcompared (?:to|with)|\bvs\.?|\bversus)\s+(?:the\s+|in\s+(?:the\s+)?)?$/i;
const othersComparand = /\bthan (?:the |all )?(?:rest|others|other shots|every other shot|any other shot)\b/i;
const videoWide = /\b(?:the (?:whole |entire )?(?:video|clip|film|footage)|overall|throughout|every shot|all (?:the )?shots)\b/i;
const rangeBetween = /^\s*(?:–|—|-|to)\s*$/;

interface Reference {
  index: number;
  end: number;
  shot: number;
  comparing: boolean;
}

/** The shot whose span holds most of [start, end] (a span written for a shot, e.g. "00:06–00:12"). */
function shotOfSpan(shots: readonly ShotFacts[], start: number, end: number): number | undefined {
  const length = Math.max(end - start, 0.001);
  let best: number | undefined;
  let bestOverlap = 0;
  shots.forEach((shot, i) => {
    const overlap = Math.min(end, shot.end_s) - Math.max(start, shot.start_s);
    if (overlap > bestOverlap) {
      bestOverlap = overlap;
      best = i;
    }
  });
  // a span straddling two shots names neither
  return best !== undefined && bestOverlap >= 0.7 * length ? best : undefined;
}

function references(sentence: string, shots: readonly ShotFacts[]): Reference[] {
  const found: Reference[] = [];
  for (const m of sentence.matchAll(shotPattern)) {
    const index = m.index ?? 0;
    const word = m[2]?.toLowerCase();
    const shot = m[1] !== undefined ? Number(m[1]) - 1 : word === 'last' || word === 'final' || word === 'closing' ? shots.length - 1 : ordinals[word!] - 1;
    if (shot < 0 || shot >= shots.length) continue;
    found.push({ index, end: index + m[0].length, shot, comparing: comparingBefore.test(sentence.slice(Math.max(0, index - 20), index)) });
  }
  // "00:06–00:12" names the shot it spans, unless a shot number stands right before it
  const times = findTimestamps(sentence).filter((t) => t.text.includes(':'));
  for (let i = 0; i + 1 < times.length; i++) {
    const [from, to] = [times[i], times[i + 1]];
    if (!rangeBetween.test(sentence.slice(from.index + from.text.length, to.index))) continue;
    if (found.some((r) => from.index >= r.end && from.index - r.end <= 4)) continue;
    const shot = shotOfSpan(shots, from.seconds, to.seconds);
    if (shot === undefined) continue;
    found.push({ index: from.index, end: to.index + to.text.length, shot, comparing: comparingBefore.test(sentence.slice(Math.max(0, from.index - 20), from.index)) });
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * Cuts a sentence into stretches about one shot each ("shot 2 is darker than
 * shot 1; shot 3 is warm"), or one about the whole video ("the video is
 * mostly blue"). A sentence naming no shot and not the video is about nothing
 * checkable and yields nothing.
 */
export function subjectSegments(sentence: string, shots: readonly ShotFacts[]): SubjectSegment[] {
  const refs = references(sentence, shots);
  const subjects = refs.filter((r) => !r.comparing);
  if (subjects.length === 0) {
    return videoWide.test(sentence) ? [{ subject: { kind: 'video' }, comparand: null, text: sentence }] : [];
  }
  const segments: SubjectSegment[] = [];
  const prefix = sentence.slice(0, subjects[0].index);
  const prefixIsVideo = videoWide.test(prefix);
  if (prefixIsVideo) segments.push({ subject: { kind: 'video' }, comparand: null, text: prefix });
  subjects.forEach((subject, i) => {
    const start = i === 0 && !prefixIsVideo ? 0 : subject.index;
    const end = subjects[i + 1]?.index ?? sentence.length;
    const text = sentence.slice(start, end);
    const compared = refs.find((r) => r.comparing && r.index >= subject.index && r.index < end);
    const comparand: Comparand = compared ? { kind: 'shot', index: compared.shot } : othersComparand.test(text) ? { kind: 'others' } : null;
    segments.push({ subject: { kind: 'shot', index: subject.shot }, comparand, text });
  });
  return segments;
}
