import type { TimeSpan } from '../domain/index.js';
import type { LoudnessFrame } from './locate-events.js';

/** One sampled frame's picture statistics (signalstats, 8-bit scale). */
export interface LookSample {
  t: number;
  yavg: number;
  ylow: number;
  yhigh: number;
  satavg: number;
  uavg: number;
  vavg: number;
}

/** A span whose end is unknown when the stream ended inside it. */
export interface OpenSpan {
  start_s: number;
  end_s: number | null;
}

const number = String.raw`(-?\d+(?:\.\d+)?(?:e[+-]?\d+)?)`;
const showinfoFrame = new RegExp(String.raw`\[Parsed_showinfo_\d+ @ [^\]]+\] n:\s*\d+\s+pts:\s*-?\d+\s+pts_time:${number}`);
const blackSpan = new RegExp(String.raw`black_start:${number} black_end:${number}`);
const freezeStart = new RegExp(String.raw`lavfi\.freezedetect\.freeze_start: ${number}`);
const freezeEnd = new RegExp(String.raw`lavfi\.freezedetect\.freeze_end: ${number}`);
const metadataFrame = new RegExp(String.raw`\[Parsed_metadata_\d+ @ [^\]]+\] frame:\d+\s+pts:\s*-?\d+\s+pts_time:${number}`);
const signalstat = new RegExp(String.raw`lavfi\.signalstats\.(YAVG|YLOW|YHIGH|SATAVG|UAVG|VAVG)=${number}`);

/**
 * Collects what the video pass prints on stderr: scene-change frames
 * (select+showinfo), blackdetect and freezedetect spans, and signalstats
 * samples (metadata=print). Feed it every line, in order.
 */
export class VideoPassLog {
  readonly cuts: number[] = [];
  readonly blacks: OpenSpan[] = [];
  readonly freezes: OpenSpan[] = [];
  readonly samples: LookSample[] = [];
  private sample: Partial<LookSample> | null = null;

  feed(line: string): void {
    let match: RegExpExecArray | null;
    if ((match = signalstat.exec(line))) {
      if (this.sample) this.sample[match[1].toLowerCase() as Exclude<keyof LookSample, 't'>] = Number(match[2]);
    } else if ((match = metadataFrame.exec(line))) {
      this.flushSample();
      this.sample = { t: Number(match[1]) };
    } else if ((match = showinfoFrame.exec(line))) {
      this.cuts.push(Number(match[1]));
    } else if ((match = blackSpan.exec(line))) {
      this.blacks.push({ start_s: Number(match[1]), end_s: Number(match[2]) });
    } else if ((match = freezeStart.exec(line))) {
      this.freezes.push({ start_s: Number(match[1]), end_s: null });
    } else if ((match = freezeEnd.exec(line))) {
      const open = this.freezes.at(-1);
      if (open && open.end_s === null) open.end_s = Number(match[1]);
    }
  }

  /** call once the process has exited */
  end(): void {
    this.flushSample();
  }

  private flushSample(): void {
    const s = this.sample;
    this.sample = null;
    if (s && s.t !== undefined && s.yavg !== undefined && s.ylow !== undefined && s.yhigh !== undefined
      && s.satavg !== undefined && s.uavg !== undefined && s.vavg !== undefined) {
      this.samples.push(s as LookSample);
    }
  }
}

const silenceStart = new RegExp(String.raw`silence_start: ${number}`);
const silenceEnd = new RegExp(String.raw`silence_end: ${number}`);
const summaryIntegrated = /^\s*I:\s+(-?[\d.]+|-inf|inf|nan) LUFS/i;
const summaryRange = /^\s*LRA:\s+(-?[\d.]+|-inf|inf|nan) LU\b/i;
const loudnessFrame = /\bt:\s*(\d+(?:\.\d+)?)\s+TARGET:.*?\bM:\s*(-?[\d.]+|-?inf|nan)\b.*?\bFTPK:\s*(-?[\d.]+|-?inf|nan)/i;
const summaryPeak = /^\s*Peak:\s+(-?[\d.]+|-inf|inf|nan) dBFS/i;

/**
 * Collects what the audio pass prints: silencedetect spans, ebur128's
 * per-100 ms frames (momentary loudness and frame true peak; their running
 * integrated values are ignored) and its summary.
 */
export class AudioPassLog {
  readonly silences: OpenSpan[] = [];
  readonly frames: LoudnessFrame[] = [];
  integratedLufs: number | null = null;
  loudnessRangeLu: number | null = null;
  truePeakDbtp: number | null = null;
  private inSummary = false;

  feed(line: string): void {
    let match: RegExpExecArray | null;
    if ((match = silenceStart.exec(line))) {
      this.silences.push({ start_s: Number(match[1]), end_s: null });
    } else if ((match = silenceEnd.exec(line))) {
      const open = this.silences.at(-1);
      if (open && open.end_s === null) open.end_s = Number(match[1]);
    } else if (!this.inSummary && (match = loudnessFrame.exec(line))) {
      this.frames.push({ t: Number(match[1]), momentary_lufs: finite(match[2]) ?? -120, frame_peak_dbtp: finite(match[3]) ?? -120 });
    } else if (/\] Summary:\s*$/.test(line)) {
      this.inSummary = true;
    } else if (this.inSummary) {
      if ((match = summaryIntegrated.exec(line))) this.integratedLufs = finite(match[1]);
      else if ((match = summaryRange.exec(line))) this.loudnessRangeLu = finite(match[1]);
      else if ((match = summaryPeak.exec(line))) this.truePeakDbtp = finite(match[1]);
    }
  }

  get hasSummary(): boolean {
    return this.inSummary;
  }
}

function finite(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

/**
 * Clamps spans to [0, duration], closes open spans at the end, and snaps an
 * end that stops short of the duration by less than `snapS` (filters report
 * the last frame's start, not the end of the stream) to the duration.
 */
export function closeSpans(spans: OpenSpan[], duration: number, snapS: number): TimeSpan[] {
  const closed: TimeSpan[] = [];
  for (const span of spans) {
    const start = Math.max(0, Math.min(span.start_s, duration));
    let end = span.end_s === null ? duration : Math.min(span.end_s, duration);
    if (duration - end <= snapS) end = duration;
    if (end > start) closed.push({ start_s: round3(start), end_s: round3(end) });
  }
  return closed;
}

export function round3(value: number): number {
  return Math.round(value * 1000) / 1000;
}
