import type { MediaFacts, OnScreenText } from '../../domain/index.js';
import { extractFrames, extractFramesAt, runFfmpegBinary, type FfmpegRunner, type SampledFrame } from '../../providers/frames/index.js';
import type { MediaTools } from '../media-tools.js';
import { mergeTextSpans, type FrameReading } from './merge-text-spans.js';
import type { TextReader } from './tesseract-text-reader.js';
import { planTextSampling } from './text-sample-times.js';

/** bump when sampling, reading or merging changes, so cached text is read again */
export const ON_SCREEN_TEXT_VERSION = 1;
/** 720p frames keep small captions legible; larger frames only cost OCR time */
const FRAME_MAX_WIDTH = 1280;
/** above this a seek per frame beats decoding the whole video */
const SEEK_ABOVE_S = 240;

export interface MeasureTextInput {
  /** the video file on local disk */
  path: string;
  /** the video's ordinary facts: duration, cuts and shots decide which frames are read */
  facts: MediaFacts;
  tools: MediaTools;
  reader: TextReader;
  signal?: AbortSignal;
  /** runs ffmpeg (default: the shared, process-limited runner) */
  run?: FfmpegRunner;
}

/**
 * Reads the on-screen text of a video: samples frames (about 1 fps, fewer on
 * long videos, at least one per shot), OCRs each frame once, and merges the
 * readings into spans.
 *
 * @throws the signal's reason when aborted; ToolError when ffmpeg fails
 */
export async function measureOnScreenText(input: MeasureTextInput): Promise<OnScreenText> {
  const { facts, signal } = input;
  const run = input.run ?? runFfmpegBinary;
  const plan = planTextSampling(facts.duration_s, facts.shots);
  const source = { tools: input.tools, path: input.path, duration_s: facts.duration_s, maxWidth: FRAME_MAX_WIDTH, signal };
  const grid = await extractFrames(run, { ...source, maxFrames: plan.grid.count, seekAboveDurationS: SEEK_ABOVE_S });
  const extra = plan.extra_s.length > 0 ? await extractFramesAt(run, source, plan.extra_s) : [];
  const frames = uniqueByTime([...grid, ...extra]);
  const readings: FrameReading[] = [];
  for (const frame of frames) {
    signal?.throwIfAborted();
    readings.push({ timestamp_s: frame.timestamp_s, lines: await input.reader.read(frame.jpeg, signal) });
  }
  signal?.throwIfAborted();
  return {
    version: ON_SCREEN_TEXT_VERSION,
    sampled_s: readings.map((reading) => reading.timestamp_s),
    spans: mergeTextSpans(readings, { duration_s: facts.duration_s, cuts_s: facts.cuts_s }),
  };
}

function uniqueByTime(frames: SampledFrame[]): SampledFrame[] {
  const byTime = new Map<number, SampledFrame>();
  for (const frame of frames) if (!byTime.has(frame.timestamp_s)) byTime.set(frame.timestamp_s, frame);
  return [...byTime.values()].sort((a, b) => a.timestamp_s - b.timestamp_s);
}
