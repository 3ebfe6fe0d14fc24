import { CLIPPING_DBTP, LOUD_MOMENTARY_LUFS, type FadeSpan, type LoudSpan, type TimeSpan } from '../domain/index.js';
import { round3 } from './ffmpeg-log-parsers.js';

/** One ebur128 frame: 100 ms of sound ending at `t`. */
export interface LoudnessFrame {
  t: number;
  /** momentary loudness over the 400 ms ending at t */
  momentary_lufs: number;
  /** true peak of the 100 ms ending at t */
  frame_peak_dbtp: number;
}

/** One sampled frame's mean brightness. */
export interface BrightnessSample {
  t: number;
  yavg: number;
}

const FRAME_S = 0.1;
const MOMENTARY_S = 0.4;
/** loud or clipping windows this close together are one segment */
const MERGE_GAP_S = 0.35;
/** mean luma at or under this is black (limited range: black is 16) */
export const NEAR_BLACK_Y = 24;
/** a fade spans at least this much brightness and this many sampled steps */
const MIN_FADE_DROP_Y = 20;
const MIN_FADE_STEPS = 3;
/** a ramp whose largest step carries more than this share of the change is a hard cut, not a fade */
const MAX_STEP_SHARE = 0.6;

/**
 * Loud segments (momentary loudness at or over LOUD_MOMENTARY_LUFS), clipping
 * segments (frame true peak at or over CLIPPING_DBTP) and the loudest moment,
 * from ebur128's per-frame log. Momentary loudness covers the 400 ms before
 * each frame, so a loud window is placed at its middle.
 */
export function locateLoudness(frames: readonly LoudnessFrame[], duration_s: number) {
  const loud = spansOf(frames, (f) => f.momentary_lufs >= LOUD_MOMENTARY_LUFS, (f) => f.t - MOMENTARY_S / 2 - FRAME_S / 2, (f) => f.t - MOMENTARY_S / 2 + FRAME_S / 2, duration_s);
  const clipping = spansOf(frames, (f) => f.frame_peak_dbtp >= CLIPPING_DBTP, (f) => f.t - FRAME_S, (f) => f.t, duration_s);
  let loudest: LoudnessFrame | null = null;
  for (const frame of frames) if (frame.momentary_lufs > -70 && (!loudest || frame.momentary_lufs > loudest.momentary_lufs)) loudest = frame;
  return {
    loud_segments: loud,
    clipping_segments: clipping,
    loudest_moment: loudest ? { at_s: round3(clamp(loudest.t - MOMENTARY_S / 2, duration_s)), momentary_lufs: round1(loudest.momentary_lufs) } : null,
  };
}

function spansOf(
  frames: readonly LoudnessFrame[],
  keep: (f: LoudnessFrame) => boolean,
  startOf: (f: LoudnessFrame) => number,
  endOf: (f: LoudnessFrame) => number,
  duration_s: number,
): LoudSpan[] {
  const spans: LoudSpan[] = [];
  for (const frame of frames) {
    if (!keep(frame)) continue;
    const start = clamp(startOf(frame), duration_s);
    const end = clamp(endOf(frame), duration_s);
    const last = spans.at(-1);
    if (last && start - last.end_s <= MERGE_GAP_S) {
      last.end_s = end;
      last.max_momentary_lufs = Math.max(last.max_momentary_lufs, frame.momentary_lufs);
      last.peak_dbtp = Math.max(last.peak_dbtp, frame.frame_peak_dbtp);
    } else spans.push({ start_s: start, end_s: end, max_momentary_lufs: frame.momentary_lufs, peak_dbtp: frame.frame_peak_dbtp });
  }
  return spans
    .filter((s) => s.end_s - s.start_s >= FRAME_S - 1e-9)
    .map((s) => ({ start_s: round3(s.start_s), end_s: round3(s.end_s), max_momentary_lufs: round1(s.max_momentary_lufs), peak_dbtp: round1(s.peak_dbtp) }));
}

/**
 * Fades into and out of black from sampled brightness: a steady ramp of at
 * least MIN_FADE_STEPS samples that ends in (or starts from) black. A drop
 * made in one step is a hard cut to black, and a ramp crossing a cut is not
 * one fade, so neither counts.
 */
export function locateFades(samples: readonly BrightnessSample[], cuts_s: readonly number[]): FadeSpan[] {
  const y = samples.map((s) => s.yavg);
  const t = samples.map((s) => s.t);
  const fades: FadeSpan[] = [];
  const crossesCut = (start: number, end: number) => cuts_s.some((c) => c > start + 0.05 && c < end - 0.05);
  const isFade = (values: number[]) => {
    const change = Math.abs(values[values.length - 1] - values[0]);
    if (values.length - 1 < MIN_FADE_STEPS || change < MIN_FADE_DROP_Y) return false;
    const largest = Math.max(...values.slice(1).map((v, i) => Math.abs(v - values[i])));
    return largest <= MAX_STEP_SHARE * change;
  };
  for (let i = 1; i < y.length; i++) {
    if (y[i] <= NEAR_BLACK_Y && y[i - 1] > NEAR_BLACK_Y) {
      let j = i - 1;
      const pace = ramp(y[Math.max(0, i - 3)] - y[i - 1], Math.min(2, i - 1));
      while (j > 0 && y[j - 1] - y[j] >= pace) j--;
      if (isFade(y.slice(j, i + 1)) && !crossesCut(t[j], t[i])) fades.push({ kind: 'out', start_s: round3(t[j]), end_s: round3(t[i]) });
    } else if (y[i] > NEAR_BLACK_Y && y[i - 1] <= NEAR_BLACK_Y) {
      let k = i;
      const pace = ramp(y[Math.min(y.length - 1, i + 2)] - y[i], Math.min(2, y.length - 1 - i));
      while (k + 1 < y.length && y[k + 1] - y[k] >= pace) k++;
      if (isFade(y.slice(i - 1, k + 1)) && !crossesCut(t[i - 1], t[k])) fades.push({ kind: 'in', start_s: round3(t[i - 1]), end_s: round3(t[k]) });
    }
  }
  return fades;
}

/**
 * The smallest step that still belongs to a ramp whose steps near black
 * average `change / steps`: a fade changes brightness at a steady pace, while
 * moving content drifts far more slowly, so the walk stops where the fade began.
 */
function ramp(change: number, steps: number): number {
  return Math.max(1, steps > 0 ? (0.35 * Math.abs(change)) / steps : 1);
}

/** Frozen spans cut at every hard cut: a freeze belongs to one shot. */
export function splitAtCuts(spans: readonly TimeSpan[], cuts_s: readonly number[], minLength_s = 0.1): TimeSpan[] {
  const pieces: TimeSpan[] = [];
  for (const span of spans) {
    let start = span.start_s;
    for (const cut of cuts_s) {
      if (cut <= start || cut >= span.end_s) continue;
      if (cut - start >= minLength_s) pieces.push({ start_s: start, end_s: cut });
      start = cut;
    }
    if (span.end_s - start >= minLength_s) pieces.push({ start_s: start, end_s: span.end_s });
  }
  return pieces;
}

function clamp(value: number, duration_s: number): number {
  return Math.min(Math.max(0, value), duration_s);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}
