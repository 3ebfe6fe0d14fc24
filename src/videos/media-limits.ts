import { formatBytes } from '../domain/format-bytes.js';
import { formatTimecode } from '../domain/timecode.js';
import { mediaLimitExceeded, unprocessableContent } from '../core/http-errors.js';
import { picturesTooLarge, type ProbedVideo } from './probe-video.js';

/** What an upload may claim, checked right after probing and before any heavy work. */
export interface MediaLimits {
  /** longest accepted duration in seconds (VIDCOMPARE_MAX_DURATION_S) */
  maxDurationS: number;
  /** largest accepted picture, width × height (VIDCOMPARE_MAX_PIXELS) */
  maxPixels: number;
}

/** The defaults of VIDCOMPARE_MAX_DURATION_S (3 h) and VIDCOMPARE_MAX_PIXELS (7680×4320). */
export const DEFAULT_MEDIA_LIMITS: MediaLimits = { maxDurationS: 10_800, maxPixels: 7680 * 4320 };

/**
 * Fewer bytes than this per second of declared duration cannot be a real
 * video: a 64×64 black picture at one frame per ten seconds already takes
 * about 5 B/s. A 1.5 KB file claiming two hours has 0.2 B/s.
 */
export const MIN_BYTES_PER_SECOND = 2;
/** Short files are not worth doubting: whatever they claim costs little. */
const BYTES_PER_SECOND_CHECK_ABOVE_S = 60;

/**
 * Refuses what the probe already shows to be too big or implausible.
 * @throws HttpError 413 when the duration or picture size is over the limits;
 * 422 when the file is far too small for the duration it declares
 */
export function assertWithinMediaLimits(probed: ProbedVideo, sizeBytes: number, limits: MediaLimits): void {
  if (probed.duration_s > limits.maxDurationS) {
    throw mediaLimitExceeded(
      `The video lasts ${formatTimecode(probed.duration_s)} (${Math.round(probed.duration_s)} s); ` +
        `the limit is ${formatTimecode(limits.maxDurationS)} (VIDCOMPARE_MAX_DURATION_S=${limits.maxDurationS})`,
    );
  }
  if (probed.width !== null && probed.height !== null && probed.width * probed.height > limits.maxPixels) {
    throw picturesTooLarge(probed.width, probed.height, limits.maxPixels);
  }
  const bytesPerSecond = sizeBytes / probed.duration_s;
  if (probed.duration_s > BYTES_PER_SECOND_CHECK_ABOVE_S && bytesPerSecond < MIN_BYTES_PER_SECOND) {
    throw unprocessableContent(
      `The file declares ${formatTimecode(probed.duration_s)} of video in only ${formatBytes(sizeBytes)} ` +
        `(${bytesPerSecond.toFixed(2)} bytes per second): its header does not describe real content`,
    );
  }
}
