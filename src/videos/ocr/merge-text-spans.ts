import type { TextSpan } from '../../domain/index.js';
import { normaliseText, textSimilarity } from './text-similarity.js';

/** One line OCR read in one frame. */
export interface OcrLine {
  text: string;
  /** 0-100 */
  confidence: number;
}

/** What OCR read in one sampled frame. */
export interface FrameReading {
  timestamp_s: number;
  lines: OcrLine[];
}

export interface MergeOptions {
  duration_s: number;
  /** hard cuts: a span starting or ending between two samples snaps to a cut there */
  cuts_s: readonly number[];
}

/** Lines below this confidence are noise (busy textures read as letters). */
export const MIN_LINE_CONFIDENCE = 60;
/** Text seen in a single frame must be read more surely than this. */
export const MIN_SINGLE_FRAME_CONFIDENCE = 72;
const MIN_CHARACTERS = 3;
/** Readings this similar in consecutive frames are the same text. */
const SAME_TEXT = 0.75;

/** A line cleaned of OCR's edge debris, or undefined when it is noise. */
export function cleanLine(line: OcrLine): OcrLine | undefined {
  const text = line.text
    .replace(/\s+/g, ' ')
    .replace(/^[^A-Za-z0-9"'(]+|[^A-Za-z0-9"'!?.)%]+$/g, '')
    .trim();
  const characters = text.replace(/\s/g, '');
  const alphanumeric = characters.replace(/[^A-Za-z0-9]/g, '');
  if (alphanumeric.length < MIN_CHARACTERS) return undefined;
  if (line.confidence < MIN_LINE_CONFIDENCE) return undefined;
  // mostly symbols: a texture, not writing
  if (alphanumeric.length / characters.length < 0.7) return undefined;
  // writing has words; textures give scattered one- and two-letter fragments
  const words = normaliseText(text).split(' ').filter(Boolean);
  if (!words.some((word) => word.length >= 3)) return undefined;
  if (words.filter((word) => word.length <= 1).length > words.length / 2) return undefined;
  return { text, confidence: line.confidence };
}

interface OpenSpan {
  firstIndex: number;
  lastIndex: number;
  readings: OcrLine[];
}

/**
 * Turns per-frame readings into spans: a text read in consecutive sampled
 * frames is one span, its edges halfway to the neighbouring samples (or at a
 * cut between them), its text the most confident reading. Noise is dropped:
 * short or unsure lines, symbol soup, and one-frame sightings read unsurely.
 */
export function mergeTextSpans(readings: readonly FrameReading[], options: MergeOptions): TextSpan[] {
  const frames = [...readings].sort((a, b) => a.timestamp_s - b.timestamp_s);
  const times = frames.map((frame) => frame.timestamp_s);
  const closed: OpenSpan[] = [];
  let open: OpenSpan[] = [];
  frames.forEach((frame, index) => {
    const lines = frame.lines.map(cleanLine).filter((line): line is OcrLine => line !== undefined);
    const next: OpenSpan[] = [];
    for (const line of lines) {
      const match = open.find((span) => !next.includes(span) && textSimilarity(bestReading(span).text, line.text) >= SAME_TEXT);
      if (match) {
        match.lastIndex = index;
        match.readings.push(line);
        next.push(match);
      } else {
        next.push({ firstIndex: index, lastIndex: index, readings: [line] });
      }
    }
    closed.push(...open.filter((span) => !next.includes(span)));
    open = next;
  });
  closed.push(...open);
  return closed
    .map((span) => toTextSpan(span, times, options))
    .filter((span) => span.frames > 1 || span.confidence >= MIN_SINGLE_FRAME_CONFIDENCE)
    .sort((a, b) => a.start_s - b.start_s || a.text.localeCompare(b.text));
}

function bestReading(span: OpenSpan): OcrLine {
  return span.readings.reduce((best, reading) => (reading.confidence > best.confidence ? reading : best));
}

function toTextSpan(span: OpenSpan, times: readonly number[], options: MergeOptions): TextSpan {
  const first = times[span.firstIndex];
  const last = times[span.lastIndex];
  const before = span.firstIndex > 0 ? times[span.firstIndex - 1] : 0;
  const after = span.lastIndex < times.length - 1 ? times[span.lastIndex + 1] : options.duration_s;
  const cutBefore = options.cuts_s.filter((cut) => cut > before && cut <= first).pop();
  const cutAfter = options.cuts_s.find((cut) => cut > last && cut < after);
  const start_s = span.firstIndex === 0 ? 0 : (cutBefore ?? (before + first) / 2);
  const end_s = span.lastIndex === times.length - 1 ? options.duration_s : (cutAfter ?? (last + after) / 2);
  const confidence = span.readings.reduce((sum, reading) => sum + reading.confidence, 0) / span.readings.length;
  return {
    start_s: round(start_s),
    end_s: round(Math.max(start_s, end_s)),
    text: bestReading(span).text,
    confidence: Math.round(confidence),
    frames: span.readings.length,
  };
}

function round(seconds: number): number {
  return Math.round(seconds * 100) / 100;
}
