import { findClockTimestamps } from '../results/timestamps.js';

/** A measured event on the reference row. */
export interface ReferenceMarker {
  kind: 'cut' | 'silence' | 'black' | 'frozen' | 'fade' | 'loud';
  start_s: number;
  /** spans have an end; cuts are instants */
  end_s: number | null;
}

/** A time an answer cites, with the sentence it sits in. */
export interface CitedMarker {
  seconds: number;
  sentence: string;
  /** a measured event lies within the tolerance of this time */
  matches: boolean;
  /** after the end of the video: an invented moment */
  pastEnd: boolean;
}

export const referenceLabels: Record<ReferenceMarker['kind'], string> = {
  cut: 'Cut',
  silence: 'Silence',
  black: 'Black frames',
  frozen: 'Frozen frames',
  fade: 'Fade',
  loud: 'Loud segment',
};

/** how far (s) a cited time may sit from a measured event and still agree with it */
export const agreementToleranceS = 1;

type Span = { start_s: number; end_s: number };

function spans(value: unknown): Span[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (s): s is Span => Boolean(s) && typeof (s as Span).start_s === 'number' && typeof (s as Span).end_s === 'number',
  );
}

/**
 * The measured events of `GET /api/video/{id}/facts`: cuts, silences, black,
 * frozen, and fades and loud segments where the server measures them.
 */
export function referenceMarkers(facts: Record<string, unknown>): ReferenceMarker[] {
  const markers: ReferenceMarker[] = [];
  const cuts = Array.isArray(facts.cuts_s) ? facts.cuts_s.filter((c): c is number => typeof c === 'number') : [];
  for (const cut of cuts) markers.push({ kind: 'cut', start_s: cut, end_s: null });
  const add = (kind: ReferenceMarker['kind'], value: unknown) => {
    for (const span of spans(value)) markers.push({ kind, start_s: span.start_s, end_s: span.end_s });
  };
  add('silence', facts.silences);
  add('black', facts.black_segments);
  add('frozen', facts.frozen_segments);
  add('fade', facts.fades ?? facts.fade_segments);
  add('loud', facts.loud_segments);
  return markers.sort((a, b) => a.start_s - b.start_s);
}

/** The sentence (or line) around position `index` of `text`, without markdown decoration. */
export function sentenceAround(text: string, index: number): string {
  const before = text.slice(0, index);
  const after = text.slice(index);
  const start = Math.max(before.lastIndexOf('\n'), before.search(/[.!?]\s+(?=[^.!?]*$)/) + 1, 0);
  const endMatch = /\n|[.!?](?=\s|$)/.exec(after);
  const end = endMatch ? index + endMatch.index + 1 : text.length;
  return text
    .slice(start, end)
    .replace(/[*_`#>|]+/g, ' ')
    .replace(/^\s*[-+]\s+/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Every distinct time an answer cites, checked against the measured events and the video's length. */
export function citedMarkers(answer: string, reference: ReferenceMarker[], durationS: number | null): CitedMarker[] {
  const seen = new Set<number>();
  const markers: CitedMarker[] = [];
  for (const found of findClockTimestamps(answer)) {
    if (seen.has(found.seconds)) continue;
    seen.add(found.seconds);
    const near = (t: number) => Math.abs(t - found.seconds) <= agreementToleranceS;
    markers.push({
      seconds: found.seconds,
      sentence: sentenceAround(answer, found.index),
      matches: reference.some((r) => near(r.start_s) || (r.end_s !== null && near(r.end_s))),
      pastEnd: durationS !== null && found.seconds > durationS + 0.5,
    });
  }
  return markers.sort((a, b) => a.seconds - b.seconds);
}
