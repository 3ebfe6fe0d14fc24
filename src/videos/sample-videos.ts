import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { TimeSpan } from '../domain/index.js';
import type { MediaTools } from './media-tools.js';
import { runMediaTool } from './run-media-tool.js';

/**
 * What a shot shows. Every look moves (so freezedetect stays quiet) and each
 * differs strongly from the others in colour and layout (so a hard cut between
 * two of them is an unmistakable scene change).
 */
export type SampleShotLook =
  /** bright colour bars, moving gradient and squares, a timecode */
  | 'testsrc2'
  /** pink and green fractal, zooming in */
  | 'mandelbrot'
  /** green and red cells of the game of life on black */
  | 'life'
  /** SMPTE colour bars whose hue keeps turning */
  | 'smptebars'
  /** classic test card: colour bars, moving gradient, a counter */
  | 'testsrc';

export interface SampleShotSpec {
  look: SampleShotLook;
  duration_s: number;
  /** the shot fades to black and ends with this many seconds of black (fade of 0.5 s before it) */
  black_tail_s?: number;
}

export type SampleAudioSegment =
  | { kind: 'tone'; duration_s: number; frequency_hz: number }
  /** digital silence: every sample is zero */
  | { kind: 'silence'; duration_s: number };

/**
 * A synthetic video with known content: shots separated by hard cuts and an
 * audio track of tones and digital silence. Used by the demo, the UI's sample
 * videos and the tests (as ground truth: see `sampleVideoTruth`).
 */
export interface SampleVideoSpec {
  /** what the video contains, in words */
  description: string;
  width: number;
  height: number;
  fps: number;
  shots: SampleShotSpec[];
  /** audio segments, played one after another; their total must equal the shots' total */
  audio: SampleAudioSegment[];
}

export const sampleVideoSpecs: Record<string, SampleVideoSpec> = {
  'cuts-and-silence': {
    description: '15 s, 640x360, 25 fps: three moving shots with hard cuts at 5 s and 10 s; a 440 Hz tone for 5 s, then digital silence',
    width: 640,
    height: 360,
    fps: 25,
    shots: [
      { look: 'testsrc2', duration_s: 5 },
      { look: 'mandelbrot', duration_s: 5 },
      { look: 'life', duration_s: 5 },
    ],
    audio: [
      { kind: 'tone', duration_s: 5, frequency_hz: 440 },
      { kind: 'silence', duration_s: 10 },
    ],
  },
  'three-shots-tone': {
    description: '12 s, 640x360, 25 fps: three moving shots with hard cuts at 4 s and 8 s, the last fading to 1 s of black; a 660 Hz tone throughout',
    width: 640,
    height: 360,
    fps: 25,
    shots: [
      { look: 'smptebars', duration_s: 4 },
      { look: 'life', duration_s: 4 },
      { look: 'mandelbrot', duration_s: 4, black_tail_s: 1 },
    ],
    audio: [{ kind: 'tone', duration_s: 12, frequency_hz: 660 }],
  },
  'hd-30s': {
    description: '30 s, 1280x720, 30 fps: six moving shots with cuts every 5 s; tone, 2 s of silence at 10-12 s, tone',
    width: 1280,
    height: 720,
    fps: 30,
    shots: [
      { look: 'testsrc2', duration_s: 5 },
      { look: 'mandelbrot', duration_s: 5 },
      { look: 'smptebars', duration_s: 5 },
      { look: 'life', duration_s: 5 },
      { look: 'testsrc', duration_s: 5 },
      { look: 'mandelbrot', duration_s: 5 },
    ],
    audio: [
      { kind: 'tone', duration_s: 10, frequency_hz: 440 },
      { kind: 'silence', duration_s: 2 },
      { kind: 'tone', duration_s: 18, frequency_hz: 550 },
    ],
  },
};

/** What a sample video contains by construction, for checking measurements against. */
export interface SampleVideoTruth {
  duration_s: number;
  cuts_s: number[];
  shots: TimeSpan[];
  silences: TimeSpan[];
  black_segments: TimeSpan[];
}

export function sampleVideoTruth(spec: SampleVideoSpec): SampleVideoTruth {
  const shots: TimeSpan[] = [];
  const black_segments: TimeSpan[] = [];
  let t = 0;
  for (const shot of spec.shots) {
    shots.push({ start_s: t, end_s: t + shot.duration_s });
    if (shot.black_tail_s) black_segments.push({ start_s: t + shot.duration_s - shot.black_tail_s, end_s: t + shot.duration_s });
    t += shot.duration_s;
  }
  const silences: TimeSpan[] = [];
  let a = 0;
  for (const segment of spec.audio) {
    if (segment.kind === 'silence') silences.push({ start_s: a, end_s: a + segment.duration_s });
    a += segment.duration_s;
  }
  return { duration_s: t, cuts_s: shots.slice(1).map((shot) => shot.start_s), shots, silences, black_segments };
}

/**
 * Renders `spec` to an H.264/AAC mp4 (yuv420p, faststart) at `outPath`,
 * deterministically (seeded generators).
 * @throws ToolError when ffmpeg fails; Error when the spec is inconsistent
 */
export async function generateSampleVideo(outPath: string, tools: MediaTools, spec: SampleVideoSpec, signal?: AbortSignal): Promise<void> {
  const videoDuration = spec.shots.reduce((sum, shot) => sum + shot.duration_s, 0);
  const audioDuration = spec.audio.reduce((sum, segment) => sum + segment.duration_s, 0);
  if (spec.shots.length === 0 || spec.audio.length === 0) throw new Error('A sample video needs at least one shot and one audio segment');
  if (Math.abs(videoDuration - audioDuration) > 1e-9) {
    throw new Error(`Sample video spec: audio lasts ${audioDuration} s but the shots last ${videoDuration} s`);
  }
  const graph: string[] = [];
  spec.shots.forEach((shot, index) => graph.push(`${shotFilter(shot, spec, index)}[v${index}]`));
  graph.push(`${spec.shots.map((_, i) => `[v${i}]`).join('')}concat=n=${spec.shots.length}:v=1:a=0[v]`);
  spec.audio.forEach((segment, index) => graph.push(`${audioFilter(segment)}[a${index}]`));
  graph.push(`${spec.audio.map((_, i) => `[a${i}]`).join('')}concat=n=${spec.audio.length}:v=0:a=1[a]`);

  await mkdir(dirname(outPath), { recursive: true });
  await runMediaTool(
    tools,
    'ffmpeg',
    [
      '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y',
      '-filter_complex', graph.join(';'),
      '-map', '[v]', '-map', '[a]',
      '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23', '-pix_fmt', 'yuv420p',
      '-c:a', 'aac', '-b:a', '96k',
      '-movflags', '+faststart',
      '-t', String(videoDuration),
      '-f', 'mp4',
      outPath,
    ],
    { kind: 'interactive', mediaDurationS: videoDuration, signal },
  );
}

function shotFilter(shot: SampleShotSpec, spec: SampleVideoSpec, index: number): string {
  const size = `s=${spec.width}x${spec.height}:r=${spec.fps}`;
  const seed = 1000 + index;
  const source: Record<SampleShotLook, string> = {
    testsrc2: `testsrc2=${size}`,
    mandelbrot: `mandelbrot=${size}:maxiter=200`,
    life: `life=${size}:seed=${seed}:ratio=0.1:mold=10:life_color=#00ff00:death_color=#c83232`,
    smptebars: `smptebars=${size},hue=h=t*120`,
    testsrc: `testsrc=${size}`,
  };
  const chain = [source[shot.look], `trim=duration=${shot.duration_s}`, 'setpts=PTS-STARTPTS'];
  if (shot.black_tail_s) {
    const fade = 0.5;
    const start = shot.duration_s - shot.black_tail_s - fade;
    if (start < 0) throw new Error(`Sample shot of ${shot.duration_s} s is too short for ${shot.black_tail_s} s of black`);
    chain.push(`fade=t=out:st=${start}:d=${fade}`);
  }
  chain.push('format=yuv420p', 'setsar=1');
  return chain.join(',');
}

function audioFilter(segment: SampleAudioSegment): string {
  if (segment.kind === 'tone') return `sine=f=${segment.frequency_hz}:r=48000:d=${segment.duration_s}`;
  return `anullsrc=r=48000:cl=mono,atrim=duration=${segment.duration_s}`;
}
