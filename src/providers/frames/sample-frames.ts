import type { MediaTools } from '../../videos/media-tools.js';
import type { VideoAsset } from '../provider.js';
import { CancelledError } from '../../core/provider-error.js';
import { extractFrames, type SampledFrame } from './extract-frames.js';
import { runFfmpegBinary, type FfmpegRunner } from './run-ffmpeg-binary.js';

export const DEFAULT_MAX_FRAMES = 16;
export const DEFAULT_MAX_WIDTH = 768;

export interface SampleFramesOptions {
  /** how many evenly spaced frames (default 16) */
  maxFrames?: number;
  /** frames wider than this are scaled down, keeping the aspect ratio (default 768) */
  maxWidth?: number;
  /** aborts this caller's wait; a shared extraction stops only when no caller still waits for it */
  signal?: AbortSignal;
}

export interface FrameSamplerSettings {
  tools: MediaTools;
  /** how ffmpeg is run (tests count calls through it) */
  runFfmpeg?: FfmpegRunner;
  /** finished frame sets kept in memory, least recently used dropped first (default 8) */
  cacheEntries?: number;
  /** videos longer than this are sampled with one seek per frame (default 30 s) */
  seekAboveDurationS?: number;
}

export interface FrameSampler {
  /**
   * Evenly spaced frames across the video, ascending by time, each a JPEG.
   * Cached per (sha256, maxFrames, maxWidth); concurrent callers share one extraction.
   * @throws ToolError when ffmpeg fails; the abort reason when `signal` aborts
   */
  sample(video: VideoAsset, options?: SampleFramesOptions): Promise<SampledFrame[]>;
  /** extractions started (cache misses), cache hits, and waits that joined an extraction in flight */
  readonly stats: { extractions: number; hits: number; joined: number };
}

interface Entry {
  frames?: SampledFrame[];
  pending?: Promise<SampledFrame[]>;
  controller?: AbortController;
  waiters: number;
}

/**
 * Creates a frame sampler with its own cache. Every model of every
 * combination asks for the same frames, so they are extracted once and kept
 * (a few MB per video) in a small LRU.
 */
export function createFrameSampler(settings: FrameSamplerSettings): FrameSampler {
  const run = settings.runFfmpeg ?? runFfmpegBinary;
  const capacity = Math.max(1, settings.cacheEntries ?? 8);
  const seekAboveDurationS = settings.seekAboveDurationS ?? 30;
  const cache = new Map<string, Entry>();
  const stats = { extractions: 0, hits: 0, joined: 0 };

  function evict(): void {
    const done = [...cache.entries()].filter(([, entry]) => entry.frames);
    for (const [key] of done.slice(0, Math.max(0, done.length - capacity))) cache.delete(key);
  }

  function start(key: string, video: VideoAsset, maxFrames: number, maxWidth: number): Entry {
    const controller = new AbortController();
    const entry: Entry = { controller, waiters: 0 };
    stats.extractions += 1;
    const extract = (path: string) =>
      extractFrames(run, {
        tools: settings.tools,
        path,
        duration_s: video.record.duration_s,
        maxFrames,
        maxWidth,
        seekAboveDurationS,
        signal: controller.signal,
      });
    entry.pending = video.useFile(extract, controller.signal).then(
      (frames) => {
        entry.frames = frames;
        entry.pending = undefined;
        entry.controller = undefined;
        evict();
        return frames;
      },
      (error: unknown) => {
        // A failed or abandoned extraction is forgotten, so the next caller tries again.
        if (cache.get(key) === entry) cache.delete(key);
        throw error;
      },
    );
    // Rejections reach the waiters; this keeps an abandoned extraction from being reported as unhandled.
    entry.pending.catch(() => undefined);
    cache.set(key, entry);
    return entry;
  }

  function wait(key: string, entry: Entry, signal: AbortSignal | undefined): Promise<SampledFrame[]> {
    const pending = entry.pending as Promise<SampledFrame[]>;
    entry.waiters += 1;
    return new Promise<SampledFrame[]>((resolve, reject) => {
      let done = false;
      const leave = () => {
        done = true;
        entry.waiters -= 1;
        signal?.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        if (done) return;
        leave();
        if (entry.waiters === 0 && entry.pending) {
          if (cache.get(key) === entry) cache.delete(key);
          entry.controller?.abort(new CancelledError('frame sampling abandoned'));
        }
        reject(signal?.reason ?? new CancelledError());
      };
      pending.then(
        (frames) => !done && (leave(), resolve(frames)),
        (error: unknown) => !done && (leave(), reject(error)),
      );
      if (signal?.aborted) onAbort();
      else signal?.addEventListener('abort', onAbort, { once: true });
    });
  }

  return {
    stats,
    async sample(video, options = {}) {
      const maxFrames = Math.max(1, Math.floor(options.maxFrames ?? DEFAULT_MAX_FRAMES));
      const maxWidth = Math.max(16, Math.floor(options.maxWidth ?? DEFAULT_MAX_WIDTH));
      if (options.signal?.aborted) throw options.signal.reason ?? new CancelledError();
      const key = `${video.record.sha256}:${maxFrames}:${maxWidth}`;
      const existing = cache.get(key);
      if (existing?.frames) {
        stats.hits += 1;
        cache.delete(key);
        cache.set(key, existing);
        return existing.frames;
      }
      if (existing) stats.joined += 1;
      return wait(key, existing ?? start(key, video, maxFrames, maxWidth), options.signal);
    },
  };
}

const defaultSamplers = new WeakMap<MediaTools, FrameSampler>();

/**
 * Evenly spaced frames across a video (see `FrameSampler.sample`), through a
 * process-wide sampler per set of media tools, so every provider shares one cache.
 *
 * @example
 * const frames = await sampleFrames(video, tools, { maxFrames: 16, maxWidth: 768, signal });
 */
export function sampleFrames(video: VideoAsset, tools: MediaTools, options: SampleFramesOptions = {}): Promise<SampledFrame[]> {
  let sampler = defaultSamplers.get(tools);
  if (!sampler) {
    sampler = createFrameSampler({ tools });
    defaultSamplers.set(tools, sampler);
  }
  return sampler.sample(video, options);
}
