import { formatPreciseTimecode, formatTimecode } from '../../domain/timecode.js';

/**
 * Formats times and lengths for one video, never past its end: every time an
 * analyzer writes goes through here, so no answer cites a moment the video
 * does not have (the judges flag such timestamps as ungrounded).
 */
export interface Clock {
  readonly duration_s: number;
  /** the time, clamped into [0, duration] */
  clamp(seconds: number): number;
  /** MM:SS (rounded down, so never later than the time itself) */
  at(seconds: number): string;
  /** MM:SS.s, for cut points */
  precise(seconds: number): string;
  /** "MM:SS.s–MM:SS.s" */
  span(start_s: number, end_s: number): string;
  /** a length in seconds, "5.0 s" (at most the video's duration) */
  length(seconds: number): string;
  /** a length in tenths of a second, as a bare number for tables, "5.0" */
  tenths(seconds: number): string;
}

export function createClock(duration_s: number): Clock {
  const limit = Number.isFinite(duration_s) && duration_s > 0 ? duration_s : 0;
  const clamp = (seconds: number): number =>
    Number.isFinite(seconds) ? Math.min(Math.max(0, seconds), limit) : 0;
  /** rounds to a tenth, falling back to rounding down when rounding up would pass the end */
  const toTenth = (seconds: number): number => {
    const clamped = clamp(seconds);
    const rounded = Math.round(clamped * 10) / 10;
    return rounded > limit ? Math.floor(limit * 10 + 1e-9) / 10 : rounded;
  };
  return {
    duration_s: limit,
    clamp,
    at: (seconds) => formatTimecode(clamp(seconds)),
    precise: (seconds) => formatPreciseTimecode(toTenth(seconds)),
    span: (start_s, end_s) => `${formatPreciseTimecode(toTenth(start_s))}–${formatPreciseTimecode(toTenth(end_s))}`,
    length: (seconds) => `${toTenth(seconds).toFixed(1)} s`,
    tenths: (seconds) => toTenth(seconds).toFixed(1),
  };
}
