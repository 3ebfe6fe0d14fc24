import type { MediaFacts, ShotFacts, TimeSpan } from '../../../domain/index.js';

/**
 * 15 s, cuts at 5.0 and 10.0, a tone for the first 5 s then silence to the
 * end: the same truth as the generated sample video, written by hand so these
 * tests do not depend on ffmpeg.
 */
export function fifteenSecondFacts(overrides: Partial<MediaFacts> = {}): MediaFacts {
  return {
    version: 1,
    duration_s: 15,
    width: 1280,
    height: 720,
    fps: 25,
    has_audio: true,
    cuts_s: [5, 10],
    shots: [
      { start_s: 0, end_s: 5, brightness: 120, contrast: 90, saturation: 45, cast_u: 1, cast_v: 1 },
      { start_s: 5, end_s: 10, brightness: 40, contrast: 30, saturation: 10, cast_u: -6, cast_v: 9 },
      { start_s: 10, end_s: 15, brightness: 190, contrast: 120, saturation: 70, cast_u: 8, cast_v: -1 },
    ],
    black_segments: [],
    frozen_segments: [],
    silences: [{ start_s: 5, end_s: 15 }],
    fades: [],
    loud_segments: [],
    clipping_segments: [],
    loudest_moment: null,
    loudness: { integrated_lufs: -20.3, true_peak_dbtp: -3.1, loudness_range_lu: 2.1 },
    look: { brightness: 116, contrast: 80, saturation: 42, cast_u: 1, cast_v: 3 },
    ...overrides,
  };
}

/** Evenly cut video: `shotCount` shots of `shotLength_s`, all well exposed, sound throughout. */
export function evenlyCutFacts(shotCount: number, shotLength_s: number, overrides: Partial<MediaFacts> = {}): MediaFacts {
  const shots: ShotFacts[] = Array.from({ length: shotCount }, (_, i) => ({
    start_s: i * shotLength_s,
    end_s: (i + 1) * shotLength_s,
    brightness: 100 + (i % 5) * 10,
    contrast: 100,
    saturation: 40,
    cast_u: 0,
    cast_v: 0,
  }));
  return fifteenSecondFacts({
    duration_s: shotCount * shotLength_s,
    cuts_s: shots.slice(1).map((shot) => shot.start_s),
    shots,
    silences: [],
    ...overrides,
  });
}

/** Deterministic PRNG (mulberry32), so fuzzed facts are the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const awkwardDurations = [0.05, 0.3, 0.95, 2.04, 14.97, 29.99, 59.96, 60.04, 3599.96, 3725.5];

/**
 * Random, sometimes inconsistent facts (spans and cuts past the end, negative
 * times, missing look figures), as a broken or odd measurement could produce.
 */
export function fuzzedFacts(random: () => number, index: number): MediaFacts {
  const duration_s =
    index < awkwardDurations.length ? awkwardDurations[index] : Math.round(random() * 400 * 1000) / 1000 + 0.01;
  const at = () => Math.round((random() * 1.2 - 0.05) * duration_s * 1000) / 1000;
  const spans = (max: number): TimeSpan[] =>
    Array.from({ length: Math.floor(random() * max) }, () => {
      const start_s = at();
      return { start_s, end_s: start_s + random() * duration_s * 0.3 };
    });
  const cuts_s = Array.from({ length: Math.floor(random() * 40) }, at).sort((a, b) => a - b);
  const bounds = [0, ...cuts_s.filter((t) => t > 0 && t < duration_s), duration_s * (random() < 0.1 ? 1.1 : 1)];
  const maybe = (value: number) => (random() < 0.15 ? undefined : value);
  const shots: ShotFacts[] =
    random() < 0.1
      ? []
      : bounds.slice(1).map((end_s, i) => ({
          start_s: bounds[i],
          end_s,
          brightness: maybe(random() * 255),
          contrast: maybe(random() * 220),
          saturation: maybe(random() * 130),
          cast_u: maybe(random() * 30 - 15),
          cast_v: maybe(random() * 30 - 15),
        }));
  const has_audio = random() < 0.8;
  const lufs = () => (random() < 0.2 ? null : -60 + random() * 60);
  return {
    version: 1,
    duration_s,
    width: random() < 0.5 ? 1080 : 1920,
    height: random() < 0.5 ? 1920 : 1080,
    fps: random() < 0.1 ? null : 25,
    has_audio,
    cuts_s,
    shots,
    black_segments: spans(5),
    frozen_segments: spans(4),
    silences: has_audio ? spans(8) : [],
    fades: [],
    loud_segments: [],
    clipping_segments: [],
    loudest_moment: null,
    loudness: has_audio ? { integrated_lufs: lufs(), true_peak_dbtp: lufs(), loudness_range_lu: random() * 25 } : null,
    look: random() < 0.2 ? null : { brightness: random() * 255, contrast: random() * 200, saturation: random() * 120, cast_u: 2, cast_v: -9 },
  };
}
