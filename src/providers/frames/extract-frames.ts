import type { MediaTools } from '../../videos/media-tools.js';
import type { FfmpegRunner } from './run-ffmpeg-binary.js';

/** One still from a video: when it was taken and its JPEG bytes. */
export interface SampledFrame {
  /** seconds from the start of the video */
  timestamp_s: number;
  jpeg: Buffer;
}

export interface ExtractFramesInput {
  tools: MediaTools;
  path: string;
  duration_s: number;
  maxFrames: number;
  maxWidth: number;
  /** above this duration each frame is taken with its own seek instead of decoding the whole video */
  seekAboveDurationS: number;
  signal?: AbortSignal;
}

const SEEK_CONCURRENCY = 2;

/** ffmpeg's output was not a sequence of complete JPEG files. */
export class FrameStreamError extends Error {
  override name = 'FrameStreamError';
}

/**
 * Takes up to `maxFrames` evenly spaced frames: one at the middle of each of
 * `maxFrames` equal slices of the video, scaled down to `maxWidth` at most.
 *
 * Short videos are decoded once (a `select` filter keeps the first frame of
 * each slice and `showinfo` reports its real time). For long videos a seek
 * per frame is faster, because only the stretch from the nearest keyframe is
 * decoded.
 */
export async function extractFrames(run: FfmpegRunner, input: ExtractFramesInput): Promise<SampledFrame[]> {
  const duration = Number.isFinite(input.duration_s) && input.duration_s > 0 ? input.duration_s : 0;
  const count = duration > 0 ? Math.max(1, Math.floor(input.maxFrames)) : 1;
  const step = duration / count;
  const targets = Array.from({ length: count }, (_, k) => (k + 0.5) * step);
  return duration > input.seekAboveDurationS ? seekEach(run, input, targets) : decodeOnce(run, input, step, targets);
}

/** One frame at each of `targets_s` (seconds), each by its own seek; times past the end give none. */
export function extractFramesAt(run: FfmpegRunner, input: Omit<ExtractFramesInput, 'maxFrames' | 'seekAboveDurationS'>, targets_s: number[]): Promise<SampledFrame[]> {
  return seekEach(run, { ...input, maxFrames: targets_s.length, seekAboveDurationS: 0 }, targets_s);
}

function scaleFilter(maxWidth: number): string {
  const width = Math.max(2, Math.floor(maxWidth));
  return `scale='trunc(min(${width},iw)/2)*2':-2`;
}

const jpegOutput = ['-f', 'image2pipe', '-c:v', 'mjpeg', '-q:v', '3', 'pipe:1'];

async function decodeOnce(run: FfmpegRunner, input: ExtractFramesInput, step: number, targets: number[]): Promise<SampledFrame[]> {
  // Slice index of time t is floor(t/step - 0.5): -1 before the first target, then 0, 1, ...
  // A frame is kept when it is the first one in a slice past the previous kept frame's.
  const s = step > 0 ? step.toFixed(6) : '1e9';
  const slice = (t: string) => `floor(${t}/${s}-0.5)`;
  const select = step > 0 ? `gte(${slice('t')},0)*(isnan(prev_selected_t)+gt(${slice('t')},${slice('prev_selected_t')}))` : 'eq(n,0)';
  const times: number[] = [];
  const stdout = await run(
    input.tools,
    [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'info',
      '-i', input.path, '-an', '-sn', '-dn',
      '-vf', `select='${select}',showinfo,${scaleFilter(input.maxWidth)}`,
      '-vsync', '0', '-frames:v', String(targets.length), ...jpegOutput,
    ],
    {
      signal: input.signal,
      mediaDurationS: input.duration_s,
      onStderrLine: (line) => {
        const match = /\bn:\s*\d+\s+pts:\s*\S+\s+pts_time:(-?[\d.]+)/.exec(line);
        if (match && line.includes('showinfo')) times.push(Number(match[1]));
      },
    },
  );
  const jpegs = splitJpegStream(stdout);
  return jpegs.map((jpeg, index) => ({ timestamp_s: roundMs(times[index] ?? targets[index] ?? 0), jpeg }));
}

async function seekEach(run: FfmpegRunner, input: ExtractFramesInput, targets: number[]): Promise<SampledFrame[]> {
  const frames: (SampledFrame | undefined)[] = new Array(targets.length);
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (next < targets.length && !failed) {
      const index = next++;
      const at = targets[index];
      const stdout = await run(
        input.tools,
        [
          '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error',
          '-ss', at.toFixed(3), '-i', input.path, '-an', '-sn', '-dn',
          '-frames:v', '1', '-vf', scaleFilter(input.maxWidth), ...jpegOutput,
        ],
        { signal: input.signal },
      );
      // Past the last decodable frame ffmpeg writes nothing; that slice is skipped.
      const [jpeg] = splitJpegStream(stdout);
      if (jpeg) frames[index] = { timestamp_s: roundMs(at), jpeg };
    }
  };
  // settled, not Promise.all: after a failure the other worker starts no new ffmpeg, and the error is reported once it has stopped
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(SEEK_CONCURRENCY, targets.length) }, () => worker().catch((error: unknown) => {
      failed = true;
      throw error;
    })),
  );
  const failure = results.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failure) throw failure.reason;
  return frames.filter((frame): frame is SampledFrame => frame !== undefined);
}

function roundMs(seconds: number): number {
  return Math.round(seconds * 1000) / 1000;
}

/**
 * Splits concatenated JPEG files (ffmpeg's image2pipe) by walking their
 * marker segments, so table bytes that happen to look like an end marker
 * cannot cut a frame short.
 *
 * @throws FrameStreamError when the bytes are not a sequence of complete JPEG files
 */
export function splitJpegStream(bytes: Buffer): Buffer[] {
  const images: Buffer[] = [];
  let start = 0;
  while (start < bytes.length) {
    if (bytes[start] !== 0xff || bytes[start + 1] !== 0xd8) throw new FrameStreamError(`frame stream: no JPEG start at byte ${start}`);
    let p = start + 2;
    let ended = false;
    while (p + 1 < bytes.length) {
      if (bytes[p] !== 0xff) throw new FrameStreamError(`frame stream: expected a JPEG marker at byte ${p}`);
      const marker = bytes[p + 1];
      if (marker === 0xff) {
        p += 1; // fill byte
      } else if (marker === 0xd9) {
        p += 2;
        ended = true;
        break;
      } else if ((marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        p += 2;
      } else {
        if (p + 3 >= bytes.length) break;
        p += 2 + bytes.readUInt16BE(p + 2);
        if (marker === 0xda) {
          // Entropy-coded data: 0xFF is followed by 0x00 (stuffing) or a restart marker until the next real marker.
          while (p + 1 < bytes.length && !(bytes[p] === 0xff && bytes[p + 1] !== 0x00 && (bytes[p + 1] < 0xd0 || bytes[p + 1] > 0xd7))) p += 1;
        }
      }
    }
    if (!ended) throw new FrameStreamError(`frame stream: JPEG starting at byte ${start} is incomplete`);
    images.push(bytes.subarray(start, p));
    start = p;
  }
  return images;
}
