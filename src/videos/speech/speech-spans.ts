import type { TimeSpan } from '../../domain/index.js';

export interface SpeechSpanOptions {
  /** seconds each probability covers */
  window_s: number;
  /** speech starts when the probability reaches this */
  threshold: number;
  /** and ends once it stays below this (hysteresis) for `min_silence_s` */
  end_threshold: number;
  min_silence_s: number;
  /** shorter bursts are dropped (clicks, a cough) */
  min_speech_s: number;
}

/**
 * Silero VAD's own thresholds, with pauses between words and sentences
 * bridged (0.5 s). Bursts under 0.6 s are dropped: Silero scores the first
 * ~0.4 s of a tonal sound that starts abruptly after silence (a melody's
 * first note) as speech, and the facts serve claims made to the second, where
 * a lone short word does not count as "speech from X to Y".
 */
export const SPEECH_SPAN_DEFAULTS: SpeechSpanOptions = {
  window_s: 512 / 16000,
  threshold: 0.5,
  end_threshold: 0.35,
  min_silence_s: 0.5,
  min_speech_s: 0.6,
};

/**
 * Turns per-window speech probabilities into spans of speech: a span opens at
 * the first window at or over `threshold` and closes where the probability
 * fell below `end_threshold`, once it has stayed there `min_silence_s`.
 */
export function speechSpans(probabilities: ArrayLike<number>, options: SpeechSpanOptions = SPEECH_SPAN_DEFAULTS): TimeSpan[] {
  const { window_s, threshold, end_threshold, min_silence_s, min_speech_s } = options;
  const spans: TimeSpan[] = [];
  let start: number | undefined;
  let quietSince: number | undefined;
  const close = (end: number) => {
    if (start !== undefined && end - start >= min_speech_s) spans.push({ start_s: round3(start), end_s: round3(end) });
    start = undefined;
    quietSince = undefined;
  };
  for (let i = 0; i < probabilities.length; i += 1) {
    const p = probabilities[i]!;
    const t = i * window_s;
    if (start === undefined) {
      if (p >= threshold) start = t;
      continue;
    }
    if (p >= threshold) quietSince = undefined;
    else if (p < end_threshold) {
      quietSince ??= t;
      if (t + window_s - quietSince >= min_silence_s) close(quietSince);
    }
  }
  if (start !== undefined) close(quietSince ?? probabilities.length * window_s);
  return spans;
}

function round3(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}
