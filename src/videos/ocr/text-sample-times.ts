import type { TimeSpan } from '../../domain/index.js';

export interface TextSamplingPlan {
  /** the evenly spaced frames: `count` slices of the video, one frame in the middle of each */
  grid: { count: number; step_s: number };
  /** one more frame in the middle of each shot that no grid frame falls in */
  extra_s: number[];
}

/** About one frame a second up to this many; longer videos get fewer per second. */
export const MAX_GRID_FRAMES = 120;
/** Shots beyond this many without a grid frame are left unread (they are very short). */
export const MAX_EXTRA_FRAMES = 60;

/**
 * Which frames to read: about 1 fps (fewer on long videos, at most
 * MAX_GRID_FRAMES), plus one in any shot the grid misses, so every shot is
 * read at least once.
 */
export function planTextSampling(duration_s: number, shots: readonly TimeSpan[]): TextSamplingPlan {
  if (!(duration_s > 0)) return { grid: { count: 1, step_s: 0 }, extra_s: [] };
  const count = Math.max(1, Math.min(MAX_GRID_FRAMES, Math.round(duration_s)));
  const step_s = duration_s / count;
  const gridTimes = Array.from({ length: count }, (_, k) => (k + 0.5) * step_s);
  const extra_s: number[] = [];
  for (const shot of shots) {
    if (extra_s.length >= MAX_EXTRA_FRAMES) break;
    const covered = gridTimes.some((t) => t >= shot.start_s && t < shot.end_s);
    if (!covered && shot.end_s > shot.start_s) extra_s.push(Math.round(((shot.start_s + shot.end_s) / 2) * 1000) / 1000);
  }
  return { grid: { count, step_s }, extra_s };
}
