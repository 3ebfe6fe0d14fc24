import type { FadeSpan, LookStats, LoudSpan, MediaFacts, ShotFacts, TextSpan, TimeSpan } from '../../domain/index.js';
import { createClock, type Clock } from './clock.js';
import { longestSpan, subtractSpans, unionSpans } from './spans.js';

export interface ShotView extends TimeSpan {
  /** 1-based, in time order */
  number: number;
  length_s: number;
  /** only the statistics that were measured (finite) */
  look: Partial<LookStats>;
}

/**
 * MediaFacts cleaned up for writing: every span clamped into the video,
 * sorted, degenerate ones dropped, and the derived figures computed once.
 */
export interface FactsView {
  duration_s: number;
  width: number | null;
  height: number | null;
  fps: number | null;
  has_audio: boolean;
  cuts_s: number[];
  shots: ShotView[];
  black: TimeSpan[];
  /** frozen picture, never spanning a cut */
  frozen: TimeSpan[];
  /** shots whose picture stands still (title cards, stills): frozen for nearly their whole length */
  static_shots: ShotView[];
  fades: FadeSpan[];
  loud: LoudSpan[];
  clipping: LoudSpan[];
  loudest_moment: { at_s: number; momentary_lufs: number } | null;
  /** empty when there is no audio track */
  silences: TimeSpan[];
  loudness: { integrated_lufs: number | null; true_peak_dbtp: number | null; loudness_range_lu: number | null };
  look: Partial<LookStats>;
  average_shot_s: number;
  cuts_per_minute: number;
  clock: Clock;
  /** on-screen text read by OCR, in time order; null when it was not read */
  text: TextSpan[] | null;
  /** how many frames the OCR read */
  text_frames: number;
}

const minSpan_s = 0.01;
/** a shot frozen for at least this share of its length is a still (a card), not a glitch */
const STATIC_SHARE = 0.8;

/** Merged spans cut again at every cut: spans touching across a cut are two events. */
function splitSpansAt(spans: TimeSpan[], cuts_s: number[]): TimeSpan[] {
  return spans.flatMap((span) => {
    const bounds = [span.start_s, ...cuts_s.filter((c) => c > span.start_s && c < span.end_s), span.end_s];
    return bounds.slice(1).map((end_s, i) => ({ start_s: bounds[i], end_s })).filter((piece) => piece.end_s - piece.start_s >= minSpan_s);
  });
}

function coveredShare(shot: TimeSpan, spans: readonly TimeSpan[]): number {
  const length = shot.end_s - shot.start_s;
  if (length <= 0) return 0;
  const covered = spans.reduce((sum, span) => sum + Math.max(0, Math.min(span.end_s, shot.end_s) - Math.max(span.start_s, shot.start_s)), 0);
  return covered / length;
}
const lookKeys = ['brightness', 'contrast', 'saturation', 'cast_u', 'cast_v'] as const;

function finiteOrNull(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function cleanLook(look: Partial<LookStats> | null | undefined): Partial<LookStats> {
  const clean: Partial<LookStats> = {};
  if (!look) return clean;
  for (const key of lookKeys) {
    const value = look[key];
    if (typeof value === 'number' && Number.isFinite(value)) clean[key] = value;
  }
  return clean;
}

export function viewFacts(facts: MediaFacts): FactsView {
  const clock = createClock(facts.duration_s);
  const duration_s = clock.duration_s;
  const cleanSpans = (spans: readonly TimeSpan[] | undefined): TimeSpan[] =>
    unionSpans(
      (spans ?? [])
        .map((span) => ({ start_s: clock.clamp(span.start_s), end_s: clock.clamp(span.end_s) }))
        .filter((span) => span.end_s - span.start_s >= minSpan_s),
    );

  let cuts_s = [...new Set((facts.cuts_s ?? []).filter((t) => Number.isFinite(t) && t > 0 && t < duration_s))].sort(
    (a, b) => a - b,
  );
  let shotFacts: ShotFacts[] = (facts.shots ?? [])
    .map((shot) => ({ ...shot, start_s: clock.clamp(shot.start_s), end_s: clock.clamp(shot.end_s) }))
    .filter((shot) => shot.end_s - shot.start_s >= minSpan_s)
    .sort((a, b) => a.start_s - b.start_s);
  if (shotFacts.length === 0 && duration_s > 0) {
    const bounds = [0, ...cuts_s, duration_s];
    shotFacts = bounds.slice(1).map((end_s, i) => ({ start_s: bounds[i], end_s }));
  }
  if (cuts_s.length === 0 && shotFacts.length > 1) cuts_s = shotFacts.slice(1).map((shot) => shot.start_s);

  const shots = shotFacts.map((shot, i) => ({
    number: i + 1,
    start_s: shot.start_s,
    end_s: shot.end_s,
    length_s: shot.end_s - shot.start_s,
    look: cleanLook(shot),
  }));
  const loudness = facts.has_audio && facts.loudness ? facts.loudness : null;
  const frozen = splitSpansAt(cleanSpans(facts.frozen_segments), cuts_s);
  const loudSpans = (spans: readonly LoudSpan[] | undefined): LoudSpan[] =>
    facts.has_audio
      ? (spans ?? [])
          .map((span) => ({ ...span, start_s: clock.clamp(span.start_s), end_s: clock.clamp(span.end_s) }))
          .filter((span) => span.end_s - span.start_s >= minSpan_s)
      : [];
  return {
    duration_s,
    width: finiteOrNull(facts.width),
    height: finiteOrNull(facts.height),
    fps: finiteOrNull(facts.fps),
    has_audio: facts.has_audio,
    cuts_s,
    shots,
    black: cleanSpans(facts.black_segments),
    frozen,
    static_shots: shots.filter((shot) => shots.length > 1 && coveredShare(shot, frozen) >= STATIC_SHARE),
    fades: (facts.fades ?? [])
      .map((fade) => ({ kind: fade.kind, start_s: clock.clamp(fade.start_s), end_s: clock.clamp(fade.end_s) }))
      .filter((fade) => fade.end_s - fade.start_s >= minSpan_s),
    loud: loudSpans(facts.loud_segments),
    clipping: loudSpans(facts.clipping_segments),
    loudest_moment: facts.has_audio && facts.loudest_moment ? { ...facts.loudest_moment, at_s: clock.clamp(facts.loudest_moment.at_s) } : null,
    silences: facts.has_audio ? cleanSpans(facts.silences) : [],
    loudness: {
      integrated_lufs: finiteOrNull(loudness?.integrated_lufs),
      true_peak_dbtp: finiteOrNull(loudness?.true_peak_dbtp),
      loudness_range_lu: finiteOrNull(loudness?.loudness_range_lu),
    },
    look: cleanLook(facts.look),
    average_shot_s: shots.length > 0 ? duration_s / shots.length : duration_s,
    cuts_per_minute: duration_s > 0 ? cuts_s.length / (duration_s / 60) : 0,
    clock,
    text: facts.on_screen_text
      ? facts.on_screen_text.spans
          .map((span) => ({ ...span, start_s: clock.clamp(span.start_s), end_s: clock.clamp(span.end_s) }))
          .sort((a, b) => a.start_s - b.start_s)
      : null,
    text_frames: facts.on_screen_text?.sampled_s.length ?? 0,
  };
}

/** The longest stretch of a shot free of black and frozen frames (the shot itself when clean). */
export function cleanPart(view: FactsView, shot: TimeSpan): TimeSpan | undefined {
  return longestSpan(subtractSpans(shot, [...view.black, ...view.frozen]));
}

/** how far a thumbnail candidate keeps from a cut */
const CUT_MARGIN_S = 0.5;

/**
 * Where a thumbnail may come from: the longest stretch of a shot free of
 * black, frozen frames and fades, and at least half a second from its cuts.
 */
export function steadyPart(view: FactsView, shot: TimeSpan): TimeSpan | undefined {
  const margin = Math.min(CUT_MARGIN_S, (shot.end_s - shot.start_s) / 4);
  const inner = { start_s: shot.start_s + (shot.start_s > 0 ? margin : 0), end_s: shot.end_s - (shot.end_s < view.duration_s ? margin : 0) };
  return longestSpan(subtractSpans(inner, [...view.black, ...view.frozen, ...view.fades]));
}
/** Which shot holds time t (the last one at or before it). */
export function shotAt(view: FactsView, t: number): ShotView | undefined {
  let found: ShotView | undefined;
  for (const shot of view.shots) if (shot.start_s <= t) found = shot;
  return found;
}
