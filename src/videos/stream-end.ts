import { formatTimecode } from '../domain/timecode.js';
import { unprocessableContent } from '../core/http-errors.js';
import type { MediaTools } from './media-tools.js';
import type { ProbedVideo } from './probe-video.js';
import { runMediaTool } from './run-media-tool.js';

/** How far before the declared end packets are read to find where the streams really end. */
const TAIL_WINDOW_S = 30;
/** A declared duration may exceed the packets' end by this much (container rounding, a last frame's length). */
const SLACK_S = 2;
const SLACK_RATIO = 0.05;

/**
 * Where the file's packets end, in seconds from its start, read by ffprobe
 * from a seek shortly before the declared end (demuxing only, no decoding).
 * A file whose header claims more than it holds seeks to its last keyframe,
 * so the packets read still end where the real content does.
 * @returns null when the file holds no packet at all
 */
export async function measureStreamEnd(path: string, tools: MediaTools, probed: ProbedVideo, signal?: AbortSignal): Promise<number | null> {
  const from = Math.max(0, probed.start_time_s + probed.duration_s - TAIL_WINDOW_S);
  const tail = await readPacketEnd(path, tools, probed, `${from.toFixed(3)}%`, signal);
  if (tail !== null || from === 0) return tail === null ? null : tail - probed.start_time_s;
  // a demuxer that cannot seek may return nothing from the tail: does the file hold any packet?
  const first = await readPacketEnd(path, tools, probed, '%+#1', signal);
  return first === null ? null : Number.POSITIVE_INFINITY;
}

/**
 * Refuses a file whose packets stop well before the duration its header declares.
 * @throws HttpError 422
 */
export async function assertStreamsReachDuration(path: string, tools: MediaTools, probed: ProbedVideo, signal?: AbortSignal): Promise<void> {
  const end = await measureStreamEnd(path, tools, probed, signal);
  if (end === null) throw unprocessableContent('The file declares a video but holds no audio or video packets');
  if (probed.duration_s - end > Math.max(SLACK_S, probed.duration_s * SLACK_RATIO)) {
    throw unprocessableContent(
      `The file declares ${formatTimecode(probed.duration_s)} (${probed.duration_s} s) but its streams end at ` +
        `${end.toFixed(1)} s: its header does not match its content`,
    );
  }
}

async function readPacketEnd(path: string, tools: MediaTools, probed: ProbedVideo, interval: string, signal?: AbortSignal): Promise<number | null> {
  const { stdout } = await runMediaTool(
    tools,
    'ffprobe',
    ['-v', 'error', '-read_intervals', interval, '-show_entries', 'packet=pts_time,dts_time,duration_time', '-of', 'csv=p=0', path],
    { kind: 'interactive', signal, captureStdout: true, mediaDurationS: probed.duration_s },
  );
  let end: number | null = null;
  for (const line of stdout.split('\n')) {
    const [pts, dts, duration] = line.split(',').map((field) => Number.parseFloat(field));
    const at = Number.isFinite(pts) ? pts! : dts!;
    if (!Number.isFinite(at)) continue;
    const packetEnd = at + (Number.isFinite(duration) ? duration! : 0);
    end = end === null ? packetEnd : Math.max(end, packetEnd);
  }
  return end;
}
