import { formatPreciseTimecode, formatTimecode } from '../../domain/timecode.js';
import type { VideoAsset } from '../provider.js';
import type { SampledFrame } from './extract-frames.js';

/** A frame with the words that introduce it to the model. */
export interface LabelledFrame extends SampledFrame {
  /** "Frame at 00:03" (or "Frame at 00:03.5" when frames are under 2 s apart) */
  label: string;
}

/**
 * Labels frames with their time. Sub-second precision is used when frames
 * are close together, so two frames never share a label.
 */
export function labelFrames(frames: readonly SampledFrame[]): LabelledFrame[] {
  const gaps = frames.slice(1).map((frame, index) => frame.timestamp_s - frames[index].timestamp_s);
  const precise = gaps.some((gap) => gap < 2);
  return frames.map((frame) => ({
    ...frame,
    label: `Frame at ${precise ? formatPreciseTimecode(frame.timestamp_s) : formatTimecode(frame.timestamp_s)}`,
  }));
}

/**
 * The sentence that comes before the frames: what the images are, and that
 * the sound is not part of them (a model would otherwise guess at the audio).
 */
export function framesPreamble(video: Pick<VideoAsset, 'record'>, frames: readonly SampledFrame[]): string {
  const { duration_s, width, height, has_audio } = video.record;
  const size = width && height ? `, ${width}x${height}` : '';
  const audio = has_audio ? ' The video has an audio track, but you only see its pictures.' : ' The video has no audio track.';
  return (
    `The video "${video.record.filename}" (${duration_s.toFixed(1)} s${size}) is shown as ${frames.length} ` +
    `frame${frames.length === 1 ? '' : 's'} sampled evenly across its length, in order, each preceded by its time.${audio}`
  );
}
