import { Readable } from 'node:stream';
import type { LookStats, MediaFacts, TimeSpan } from '../../src/domain/index.js';
import type { VideoAsset } from '../../src/providers/provider.js';

/** A known-truth video described as data: what ffmpeg would have measured. */
export interface VideoSpec {
  duration_s: number;
  cuts_s: number[];
  silences?: TimeSpan[];
  has_audio?: boolean;
  integrated_lufs?: number | null;
  /** one look per shot, in order */
  shot_looks?: LookStats[];
}

/** Full MediaFacts for a spec: shots between the cuts, 1280×720 at 30 fps. */
export function mediaFactsFor(spec: VideoSpec): MediaFacts {
  const bounds = [0, ...spec.cuts_s, spec.duration_s];
  const shots = bounds.slice(0, -1).map((start, i) => ({ start_s: start, end_s: bounds[i + 1], ...(spec.shot_looks?.[i] ?? {}) }));
  const hasAudio = spec.has_audio ?? true;
  return {
    version: 2,
    duration_s: spec.duration_s,
    width: 1280,
    height: 720,
    fps: 30,
    has_audio: hasAudio,
    cuts_s: spec.cuts_s,
    shots,
    black_segments: [],
    fades: [],
    frozen_segments: [],
    silences: spec.silences ?? [],
    loud_segments: [],
    clipping_segments: [],
    loudest_moment: null,
    loudness: hasAudio ? { integrated_lufs: spec.integrated_lufs ?? -23, true_peak_dbtp: -1, loudness_range_lu: 2 } : null,
    look: null,
  };
}

/**
 * A VideoAsset whose facts are given, for judges and tests: no file on disk.
 * `factsError` makes `facts()` reject, as when ffmpeg fails.
 */
export function fakeVideoAsset(facts: MediaFacts, options: { id?: string; filename?: string; factsError?: Error } = {}): VideoAsset {
  const id = options.id ?? 'vid-test';
  return {
    record: {
      id,
      filename: options.filename ?? `${id}.mp4`,
      size: 1000,
      content_type: 'video/mp4',
      duration_s: facts.duration_s,
      width: facts.width,
      height: facts.height,
      fps: facts.fps,
      has_audio: facts.has_audio,
      video_codec: 'h264',
      audio_codec: facts.has_audio ? 'aac' : null,
      sha256: '0'.repeat(64),
      created_at: '2026-01-01T00:00:00.000Z',
    },
    useFile: (use) => use(`/nonexistent/${id}.mp4`),
    openStream: () => Readable.from([Buffer.from('not a real video')]),
    facts: async () => {
      if (options.factsError) throw options.factsError;
      return facts;
    },
  };
}
