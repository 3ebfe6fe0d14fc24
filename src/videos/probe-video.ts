import { mediaLimitExceeded, unsupportedMediaType } from '../core/http-errors.js';
import type { MediaTools } from './media-tools.js';
import { runMediaTool } from './run-media-tool.js';
import { ToolError } from './run-tool.js';

/** What ffprobe says about a video file. */
export interface ProbedVideo {
  duration_s: number;
  width: number | null;
  height: number | null;
  fps: number | null;
  has_audio: boolean;
  video_codec: string | null;
  audio_codec: string | null;
  /** ffprobe's demuxer name(s), e.g. "mov,mp4,m4a,3gp,3g2,mj2" */
  format_name: string;
  /** when the first packet starts (0 for most files) */
  start_time_s: number;
}

interface FfprobeStream {
  codec_type?: string;
  codec_name?: string;
  width?: number;
  height?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: string;
  disposition?: { attached_pic?: number };
}

interface FfprobeOutput {
  streams?: FfprobeStream[];
  format?: { format_name?: string; duration?: string; start_time?: string };
}

/** Demuxers that read single pictures or text, which ffprobe will happily call a "video stream". */
const stillImageFormat = /(^|,)(image2|tty|[a-z0-9]+_pipe)(,|$)/;

/** libavutil's message when a decoder is asked for a picture above -max_pixels */
const pictureTooLarge = /Picture size (\d+)x(\d+) exceeds specified max pixel count/;

/**
 * Reads a file's streams and duration with ffprobe (an interactive media run:
 * shared process limit, time limit, decoders capped at `tools.maxPixels`).
 * @throws HttpError 415 (unsupportedMediaType) when the file is not a video
 * ffprobe can read: ffprobe fails, there is no (moving) video stream, or no duration;
 * 413 when its pictures are larger than `tools.maxPixels`
 */
export async function probeVideo(path: string, tools: MediaTools, signal?: AbortSignal): Promise<ProbedVideo> {
  let stdout: string;
  let stderrTail: string;
  try {
    ({ stdout, stderrTail } = await runMediaTool(
      tools,
      'ffprobe',
      ['-v', 'error', '-print_format', 'json', '-show_format', '-show_streams', path],
      { kind: 'interactive', signal, captureStdout: true },
    ));
  } catch (error) {
    if (error instanceof ToolError) {
      const tooLarge = pictureTooLarge.exec(error.stderrTail);
      if (tooLarge) throw picturesTooLarge(Number(tooLarge[1]), Number(tooLarge[2]), tools.maxPixels);
      // ffprobe names the file; the API must not reveal server paths
      const reason = (error.stderrTail.trim().split(/\r?\n/).pop() || `ffprobe exit code ${error.exitCode}`).replaceAll(path, 'file');
      throw notAVideo(reason);
    }
    throw error;
  }
  // some decoders report the refusal and carry on with a 0×0 stream
  const refused = pictureTooLarge.exec(stderrTail);
  if (refused) throw picturesTooLarge(Number(refused[1]), Number(refused[2]), tools.maxPixels);
  let output: FfprobeOutput;
  try {
    output = JSON.parse(stdout) as FfprobeOutput;
  } catch {
    throw notAVideo('ffprobe printed no readable description');
  }
  const streams = output.streams ?? [];
  const formatName = output.format?.format_name ?? '';
  const video = streams.find((stream) => stream.codec_type === 'video' && !stream.disposition?.attached_pic);
  const audio = streams.find((stream) => stream.codec_type === 'audio');
  if (!video) throw notAVideo(audio ? 'it has sound but no video stream' : 'it has no video stream');
  if (stillImageFormat.test(formatName)) throw notAVideo(`it is a still image or text (${formatName})`);
  const duration = positiveNumber(output.format?.duration) ?? positiveNumber(video.duration);
  if (duration === null) throw notAVideo('it has no duration');
  return {
    duration_s: round(duration, 3),
    width: video.width ?? null,
    height: video.height ?? null,
    fps: frameRate(video.avg_frame_rate) ?? frameRate(video.r_frame_rate),
    has_audio: audio !== undefined,
    video_codec: video.codec_name ?? null,
    audio_codec: audio?.codec_name ?? null,
    format_name: formatName,
    start_time_s: Number(output.format?.start_time) || 0,
  };
}

/** 413 for pictures of `width`×`height` when at most `maxPixels` are allowed. */
export function picturesTooLarge(width: number, height: number, maxPixels: number) {
  return mediaLimitExceeded(
    `The video's pictures are ${width}×${height} (${(width * height / 1e6).toFixed(1)} megapixels); ` +
      `the limit is ${(maxPixels / 1e6).toFixed(1)} megapixels (VIDCOMPARE_MAX_PIXELS, 7680×4320 by default)`,
  );
}

function notAVideo(reason: string) {
  return unsupportedMediaType(`The uploaded file is not a video ffprobe can read: ${reason}`);
}

function positiveNumber(text: string | undefined): number | null {
  if (text === undefined) return null;
  const value = Number(text);
  return Number.isFinite(value) && value > 0 ? value : null;
}

/** "30000/1001" → 29.97; "0/0" → null */
function frameRate(text: string | undefined): number | null {
  if (!text) return null;
  const [num, den] = text.split('/').map(Number);
  const value = den === undefined ? num : num / den;
  return Number.isFinite(value) && value > 0 ? round(value, 3) : null;
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
