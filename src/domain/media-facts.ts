import type { OnScreenText } from './on-screen-text.js';

/** A time span inside a video, in seconds from the start. */
export interface TimeSpan {
  start_s: number;
  end_s: number;
}

/** Picture statistics over a span (8-bit scale, 0-255). */
export interface LookStats {
  /** mean luma (Y) */
  brightness: number;
  /** spread of luma: mean of (YHIGH - YLOW) */
  contrast: number;
  /** mean saturation */
  saturation: number;
  /** mean chroma offsets from neutral (U-128, V-128): >0 V means red/magenta cast, >0 U means blue cast */
  cast_u: number;
  cast_v: number;
}

export interface ShotFacts extends TimeSpan, Partial<LookStats> {}

/**
 * What ffmpeg measured in a video. Computed once per video and cached; the
 * local analyzers answer from it and the judges use it as ground truth.
 */
export interface MediaFacts {
  /** bump when the measurement changes so cached facts are recomputed */
  version: number;
  duration_s: number;
  width: number | null;
  height: number | null;
  fps: number | null;
  has_audio: boolean;
  /** scene-change timestamps (hard cuts), ascending */
  cuts_s: number[];
  /** shots between cuts, covering the whole video, with their look where measured */
  shots: ShotFacts[];
  black_segments: TimeSpan[];
  frozen_segments: TimeSpan[];
  silences: TimeSpan[];
  loudness: {
    integrated_lufs: number | null;
    true_peak_dbtp: number | null;
    loudness_range_lu: number | null;
  } | null;
  /** whole-video look */
  look: LookStats | null;
  /** text read on screen by OCR: absent until a text model or judge first needs it */
  on_screen_text?: OnScreenText;
}
