import type { OnScreenText } from './on-screen-text.js';
/** Momentary loudness at or above this is loud (4 LU over the -14 LUFS streaming target). */
export const LOUD_MOMENTARY_LUFS = -10;
/** A 100 ms window whose true peak reaches this clips (full scale, allowing for the codec's rounding). */
export const CLIPPING_DBTP = -0.3;

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

/** A gradual change of brightness from or to black. */
export interface FadeSpan extends TimeSpan {
  /** 'in': from black into picture; 'out': from picture into black */
  kind: 'in' | 'out';
}

/** A stretch of loud sound, measured per 100 ms window. */
export interface LoudSpan extends TimeSpan {
  /** highest momentary loudness (400 ms window) inside the span */
  max_momentary_lufs: number;
  /** highest true peak of the 100 ms windows inside the span */
  peak_dbtp: number;
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
  /** fades into and out of black, from the brightness of sampled frames */
  fades: FadeSpan[];
  /** frozen picture, split at cuts (a freeze never spans two shots) */
  frozen_segments: TimeSpan[];
  silences: TimeSpan[];
  /** where someone speaks (voice activity, Silero VAD): music, tones and noise are not speech; absent in facts measured before it existed */
  speech_segments?: TimeSpan[];
  /** where the momentary loudness is far above a comfortable level (see LOUD_MOMENTARY_LUFS) */
  loud_segments: LoudSpan[];
  /** where the signal reaches full scale (true peak at or over CLIPPING_DBTP) */
  clipping_segments: LoudSpan[];
  /** the loudest 400 ms of the video; null without audio */
  loudest_moment: { at_s: number; momentary_lufs: number } | null;
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
