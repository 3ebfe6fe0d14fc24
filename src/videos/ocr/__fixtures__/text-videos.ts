import { createRequire } from 'node:module';
import type { TextSpan } from '../../../domain/index.js';
import type { MediaTools } from '../../media-tools.js';
import { runTool } from '../../run-tool.js';
import { characterAccuracy, textSimilarity } from '../text-similarity.js';

/**
 * What a shot of a generated video shows behind its titles: a flat colour, or
 * a moving texture full of detail — `busy` a Mandelbrot zoom, `noise` grain
 * over grey, `cells` a cellular automaton, `bars` ffmpeg's testsrc2 colour
 * bars (cropped below its timecode, which is text).
 */
export type ShotBackground = { plain: string } | 'busy' | 'noise' | 'cells' | 'bars';

/** A shot of a generated video. */
export interface TextVideoShot {
  duration_s: number;
  background: ShotBackground;
}

/** A title burnt into the picture at a known time (DejaVu Sans Bold from the `dejavu-fonts-ttf` package). */
export interface KnownTitle {
  text: string;
  start_s: number;
  end_s: number;
  /** where it sits: the middle of the frame or the lower third */
  place: 'centre' | 'lower-third';
  /** font size as a fraction of the frame height (default 0.08) */
  size?: number;
  /** whether it stands on a plain background (the accuracy promise covers only those) */
  plain: boolean;
}

export interface TextVideoSpec {
  width: number;
  height: number;
  fps: number;
  shots: TextVideoShot[];
  titles: KnownTitle[];
}

const require = createRequire(import.meta.url);
const fontFile = require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

/**
 * Three plain shots with a title each, a 0.4 s title card that the ~1 fps grid
 * of frames misses (only the frame read once per shot can find it), then a
 * busy shot with a sign: 10.4 s.
 */
export const titledVideo: TextVideoSpec = {
  width: 640,
  height: 360,
  fps: 10,
  shots: [
    { duration_s: 3, background: { plain: '0x1b2a49' } },
    { duration_s: 3, background: { plain: '0x2e4d2e' } },
    { duration_s: 2, background: { plain: '0x5a1e1e' } },
    { duration_s: 0.4, background: { plain: '0x101010' } },
    { duration_s: 2, background: 'busy' },
  ],
  titles: [
    { text: 'TOKYO - DAY 1', start_s: 0, end_s: 3, place: 'centre', plain: true },
    { text: 'SUMMER SALE 50 PERCENT OFF', start_s: 4, end_s: 6, place: 'lower-third', size: 0.07, plain: true },
    { text: 'THANKS FOR WATCHING', start_s: 6, end_s: 8, place: 'centre', plain: true },
    { text: 'FLASH OFFER', start_s: 8, end_s: 8.4, place: 'centre', size: 0.1, plain: true },
    { text: 'OPEN LATE', start_s: 8.4, end_s: 10.4, place: 'centre', size: 0.12, plain: false },
  ],
};

/** No text at all: a plain colour, then every busy texture, 10 s. */
export const untitledVideo: TextVideoSpec = {
  width: 640,
  height: 360,
  fps: 10,
  shots: [
    { duration_s: 2, background: { plain: '0x334455' } },
    { duration_s: 2, background: 'busy' },
    { duration_s: 2, background: 'noise' },
    { duration_s: 2, background: 'cells' },
    { duration_s: 2, background: 'bars' },
  ],
  titles: [],
};

/** A 60 s 720p video with a title every 5 s on alternating plain and busy shots, for the OCR benchmark. */
export function benchVideo(): TextVideoSpec {
  const words = ['HARBOUR', 'MARKET', 'STATION', 'GARDEN', 'MUSEUM', 'BRIDGE', 'CASTLE', 'RIVER', 'TEMPLE', 'SQUARE', 'TOWER', 'BEACH'];
  const shots: TextVideoShot[] = words.map((_, i) => ({ duration_s: 5, background: i % 3 === 2 ? 'busy' : { plain: ['0x1b2a49', '0x2e4d2e', '0x5a1e1e'][i % 3] } }));
  const titles: KnownTitle[] = words.map((word, i) => ({
    text: `${word} - DAY ${i + 1}`,
    start_s: i * 5 + 1,
    end_s: i * 5 + 4,
    place: i % 2 === 0 ? 'centre' : 'lower-third',
    plain: i % 3 !== 2,
  }));
  return { width: 1280, height: 720, fps: 25, shots, titles };
}

export function textVideoDuration(spec: TextVideoSpec): number {
  return spec.shots.reduce((sum, shot) => sum + shot.duration_s, 0);
}

function backgroundSource(spec: TextVideoSpec, background: ShotBackground): string {
  const size = `${spec.width}x${spec.height}`;
  const rate = `r=${spec.fps}`;
  switch (background) {
    case 'busy':
      return `mandelbrot=s=${size}:${rate}`;
    case 'noise':
      return `color=c=0x667788:s=${size}:${rate},noise=alls=80:allf=t+u`;
    case 'cells':
      return `cellauto=s=${size}:${rate}:rule=18`;
    case 'bars':
      // testsrc2 writes a timecode in its top-left corner: cropped away, it is text
      return `testsrc2=s=${spec.width}x${spec.height + 48}:${rate},crop=${spec.width}:${spec.height}:0:48`;
    default:
      return `color=c=${background.plain}:s=${size}:${rate}`;
  }
}

function shotInput(spec: TextVideoSpec, shot: TextVideoShot): string[] {
  return ['-t', String(shot.duration_s), '-f', 'lavfi', '-i', backgroundSource(spec, shot.background)];
}

function drawTitle(spec: TextVideoSpec, title: KnownTitle): string {
  const fontsize = Math.round(spec.height * (title.size ?? 0.08));
  const y = title.place === 'centre' ? '(h-th)/2' : 'h*0.78-th/2';
  const text = title.text.replace(/[\\':%]/g, (c) => `\\${c}`);
  return `drawtext=fontfile=${fontFile}:text='${text}':fontsize=${fontsize}:fontcolor=white:x=(w-tw)/2:y=${y}:enable='between(t,${title.start_s},${title.end_s - 0.001})'`;
}

/** Renders a video with known titles at known times (H.264, a keyframe every second). */
export async function generateTextVideo(path: string, tools: MediaTools, spec: TextVideoSpec): Promise<void> {
  const inputs = spec.shots.flatMap((shot) => shotInput(spec, shot));
  const joined = spec.shots.map((_, i) => `[${i}:v]`).join('') + `concat=n=${spec.shots.length}:v=1:a=0`;
  const chain = [joined, ...spec.titles.map((title) => drawTitle(spec, title)), 'format=yuv420p'].join(',');
  await runTool(tools.ffmpeg, [
    '-hide_banner', '-nostdin', '-loglevel', 'error', '-y',
    ...inputs,
    '-filter_complex', `${chain}[v]`, '-map', '[v]',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-g', String(spec.fps),
    path,
  ]);
}

/** How well the spans read one known title: the best span's character accuracy and how far its edges are from the truth. */
export interface TitleScore {
  title: KnownTitle;
  /** the span reading it best, if any resembles it */
  text: string | undefined;
  accuracy: number;
  /** the larger of the start and end errors, seconds */
  time_error_s: number;
}

/** Scores every title against the spans: per title, the span that reads it most accurately. */
export function scoreTitles(spans: readonly TextSpan[], titles: readonly KnownTitle[]): TitleScore[] {
  return titles.map((title) => {
    const best = spans
      .map((span) => ({ span, accuracy: characterAccuracy(span.text, title.text) }))
      .sort((a, b) => b.accuracy - a.accuracy)[0];
    if (!best || best.accuracy === 0) return { title, text: undefined, accuracy: 0, time_error_s: Number.POSITIVE_INFINITY };
    const time_error_s = Math.max(Math.abs(best.span.start_s - title.start_s), Math.abs(best.span.end_s - title.end_s));
    return { title, text: best.span.text, accuracy: best.accuracy, time_error_s };
  });
}

/** Spans that resemble none of the titles: text the video does not show. */
export function phantomSpans(spans: readonly TextSpan[], titles: readonly KnownTitle[]): TextSpan[] {
  return spans.filter((span) => !titles.some((title) => textSimilarity(span.text, title.text) >= 0.6));
}
