import { describe, expect, it } from 'vitest';
import { HttpError } from '../core/http-errors.js';
import { assertWithinMediaLimits, DEFAULT_MEDIA_LIMITS } from './media-limits.js';
import type { ProbedVideo } from './probe-video.js';

const probed = (overrides: Partial<ProbedVideo>): ProbedVideo => ({
  duration_s: 60,
  width: 1920,
  height: 1080,
  fps: 30,
  has_audio: true,
  video_codec: 'h264',
  audio_codec: 'aac',
  format_name: 'mov,mp4,m4a,3gp,3g2,mj2',
  start_time_s: 0,
  ...overrides,
});

function refusal(run: () => void): HttpError | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    return error as HttpError;
  }
}

describe('assertWithinMediaLimits', () => {
  it('accepts ordinary videos up to the limits', () => {
    expect(refusal(() => assertWithinMediaLimits(probed({}), 20_000_000, DEFAULT_MEDIA_LIMITS))).toBeUndefined();
    expect(refusal(() => assertWithinMediaLimits(probed({ duration_s: 10_800, width: 7680, height: 4320 }), 2e9, DEFAULT_MEDIA_LIMITS))).toBeUndefined();
    // short files may be tiny whatever they claim
    expect(refusal(() => assertWithinMediaLimits(probed({ duration_s: 30 }), 10, DEFAULT_MEDIA_LIMITS))).toBeUndefined();
  });

  it('refuses a duration over the cap with 413 naming the variable', () => {
    const error = refusal(() => assertWithinMediaLimits(probed({ duration_s: 36_001 }), 3_000, DEFAULT_MEDIA_LIMITS));
    expect(error?.statusCode).toBe(413);
    expect(error?.detail).toBe('The video lasts 10:00:01 (36001 s); the limit is 3:00:00 (VIDCOMPARE_MAX_DURATION_S=10800)');
  });

  it('refuses pictures over the pixel cap with 413', () => {
    const error = refusal(() => assertWithinMediaLimits(probed({ width: 16_000, height: 16_000 }), 1_500_000, { maxDurationS: 10_800, maxPixels: 7680 * 4320 }));
    expect(error?.statusCode).toBe(413);
    expect(error?.detail).toMatch(/^The video's pictures are 16000×16000 \(256\.0 megapixels\); the limit is 33\.2 megapixels/);
  });

  it('refuses with 422 a file with fewer than 2 bytes per declared second', () => {
    const error = refusal(() => assertWithinMediaLimits(probed({ duration_s: 7200 }), 1_539, DEFAULT_MEDIA_LIMITS));
    expect(error?.statusCode).toBe(422);
    expect(error?.detail).toMatch(/declares 2:00:00 of video in only 1\.5 KB \(0\.21 bytes per second\)/);
    expect(refusal(() => assertWithinMediaLimits(probed({ duration_s: 7200 }), 7200 * 2, DEFAULT_MEDIA_LIMITS))).toBeUndefined();
  });
});
