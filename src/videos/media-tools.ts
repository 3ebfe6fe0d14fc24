import { availableParallelism } from 'node:os';
import ffmpegInstaller from '@ffmpeg-installer/ffmpeg';
import ffprobeInstaller from '@ffprobe-installer/ffprobe';
import { MediaProcessSlots } from './media-process-slots.js';

/** The ffmpeg and ffprobe binaries the application runs, and the limits every run of them obeys. */
export interface MediaTools {
  /** absolute path of ffmpeg */
  ffmpeg: string;
  /** absolute path of ffprobe */
  ffprobe: string;
  /** the shared limit on concurrent media processes */
  processes: MediaProcessSlots;
  /** decoders refuse pictures larger than this (ffmpeg's -max_pixels), so a crafted header cannot make them allocate gigabytes */
  maxPixels: number;
}

export const DEFAULT_MAX_PIXELS = 7680 * 4320;

/** Two on a 2-core machine, half the cores on bigger ones: each ffmpeg already decodes with several threads. */
export function defaultMediaProcessLimit(): number {
  return Math.max(2, Math.floor(availableParallelism() / 2));
}

/**
 * The binaries shipped by the npm installer packages, unless `FFMPEG_PATH` /
 * `FFPROBE_PATH` name others (e.g. a newer system ffmpeg), with a new process limit.
 */
export function resolveMediaTools(
  env: { FFMPEG_PATH?: string; FFPROBE_PATH?: string },
  limits: { processes?: number; maxPixels?: number } = {},
): MediaTools {
  return {
    ffmpeg: env.FFMPEG_PATH || ffmpegInstaller.path,
    ffprobe: env.FFPROBE_PATH || ffprobeInstaller.path,
    processes: new MediaProcessSlots(limits.processes ?? defaultMediaProcessLimit()),
    maxPixels: limits.maxPixels ?? DEFAULT_MAX_PIXELS,
  };
}
