import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { MediaFacts, OnScreenText, PromptCategory, TimeSpan } from '../../src/domain/index.js';
import { measureMediaFacts } from '../../src/videos/measure-media-facts.js';
import { resolveMediaTools } from '../../src/videos/media-tools.js';
import { probeVideo } from '../../src/videos/probe-video.js';
import { runTool } from '../../src/videos/run-tool.js';

/** What a shot shows: moving test patterns (never frozen) or a still colour card. */
export type ShotLook = 'bars' | 'fractal' | 'cells' | 'hues' | 'card-red' | 'card-blue' | 'card-yellow' | GradedLook;
/** moving colour bars with a grade: darkened, warmed (orange) or cooled (blue) */
export type GradedLook = 'bars-dark' | 'bars-warm' | 'bars-cool';
export const gradedLooks: readonly ShotLook[] = ['bars-dark', 'bars-warm', 'bars-cool'];

/** A title burnt into the picture (white, DejaVu Sans Bold from the dejavu-fonts-ttf package). */
export interface CalibrationTitle {
  text: string;
  start_s: number;
  end_s: number;
  place: 'centre' | 'lower-third';
}

export interface CalibrationShot {
  look: ShotLook;
  duration_s: number;
  /** fades in from black over this long at the start of the shot */
  fade_in_s?: number;
  /** fades to black over `fade_out_s`, then holds black for `black_tail_s` */
  fade_out_s?: number;
  black_tail_s?: number;
}

export type CalibrationSound =
  | { kind: 'tone'; duration_s: number; hz: number }
  /** a tone near full scale: loud, without clipping */
  | { kind: 'loud'; duration_s: number; hz: number }
  /** a tone driven four times past full scale and hard-clipped */
  | { kind: 'clipping'; duration_s: number; hz: number }
  | { kind: 'silence'; duration_s: number };

/** A small generated video whose every event is known by construction. */
export interface CalibrationVideo {
  id: string;
  description: string;
  width: number;
  height: number;
  shots: CalibrationShot[];
  /** null: no audio track at all */
  sound: CalibrationSound[] | null;
  /** on-screen titles; a video with titles is read by OCR too (it needs frames of at least 640×360) */
  titles?: CalibrationTitle[];
  /** the prompt categories planted on this video (default: all) */
  categories?: readonly PromptCategory[];
}

const FPS = 25;

export const calibrationVideos: CalibrationVideo[] = [
  {
    id: 'sparse-silence',
    description: '12 s landscape, one cut at 6 s; tone, a 2 s silence at 4–6 s, tone',
    width: 192, height: 108,
    shots: [{ look: 'bars', duration_s: 6 }, { look: 'fractal', duration_s: 6 }],
    sound: [{ kind: 'tone', duration_s: 4, hz: 440 }, { kind: 'silence', duration_s: 2 }, { kind: 'tone', duration_s: 6, hz: 550 }],
  },
  {
    id: 'dense-cuts',
    description: '10 s landscape, a cut every 1.25 s (7 cuts); tone throughout',
    width: 192, height: 108,
    shots: (['bars', 'fractal', 'cells', 'hues', 'bars', 'fractal', 'cells', 'hues'] as ShotLook[]).map((look) => ({ look, duration_s: 1.25 })),
    sound: [{ kind: 'tone', duration_s: 10, hz: 440 }],
  },
  {
    id: 'no-audio',
    description: '9 s landscape, cuts at 3 s and 6 s, no audio track',
    width: 192, height: 108,
    shots: [{ look: 'hues', duration_s: 3 }, { look: 'cells', duration_s: 3 }, { look: 'bars', duration_s: 3 }],
    sound: null,
  },
  {
    id: 'vertical',
    description: '12 s vertical 108×192, cuts at 4 s and 8 s; tone, silent from 10 s to the end',
    width: 108, height: 192,
    shots: [{ look: 'fractal', duration_s: 4 }, { look: 'bars', duration_s: 4 }, { look: 'cells', duration_s: 4 }],
    sound: [{ kind: 'tone', duration_s: 10, hz: 330 }, { kind: 'silence', duration_s: 2 }],
  },
  {
    id: 'fades-clipping',
    description: '16 s: fade in from black 0–1 s, cut at 6 s, fade out 12–14 s then black to the end; tone, a clipping burst at 8–10 s, tone, silence 14–16 s',
    width: 192, height: 108,
    shots: [{ look: 'bars', duration_s: 6, fade_in_s: 1 }, { look: 'fractal', duration_s: 10, fade_out_s: 2, black_tail_s: 2 }],
    sound: [
      { kind: 'tone', duration_s: 8, hz: 440 },
      { kind: 'clipping', duration_s: 2, hz: 440 },
      { kind: 'tone', duration_s: 4, hz: 440 },
      { kind: 'silence', duration_s: 2 },
    ],
  },
  {
    id: 'graded-dark-warm',
    description: '12 s: colour bars 0–4 s, the same bars darkened 4–8 s, warmed to orange 8–12 s; tone',
    width: 192, height: 108,
    shots: [{ look: 'bars', duration_s: 4 }, { look: 'bars-dark', duration_s: 4 }, { look: 'bars-warm', duration_s: 4 }],
    sound: [{ kind: 'tone', duration_s: 12, hz: 440 }],
    categories: ['colour'],
  },
  {
    id: 'graded-cool-dark',
    description: '12 s: bars cooled to blue 0–4 s, plain bars 4–8 s, darkened bars 8–12 s; tone',
    width: 192, height: 108,
    shots: [{ look: 'bars-cool', duration_s: 4 }, { look: 'bars', duration_s: 4 }, { look: 'bars-dark', duration_s: 4 }],
    sound: [{ kind: 'tone', duration_s: 12, hz: 550 }],
    categories: ['colour'],
  },
  {
    id: 'titles',
    description: '12 s 640×360: a blue card titled "TOKYO - DAY 1" 0–4 s, a red card with the lower third "SUMMER SALE 50 PERCENT OFF" 4–8 s, moving bars without text 8–12 s; tone',
    width: 640, height: 360,
    shots: [{ look: 'card-blue', duration_s: 4 }, { look: 'card-red', duration_s: 4 }, { look: 'hues', duration_s: 4 }],
    sound: [{ kind: 'tone', duration_s: 12, hz: 440 }],
    titles: [
      { text: 'TOKYO - DAY 1', start_s: 0.5, end_s: 3.5, place: 'centre' },
      { text: 'SUMMER SALE 50 PERCENT OFF', start_s: 4.5, end_s: 7.5, place: 'lower-third' },
    ],
    categories: ['captions', 'general', 'analysis'],
  },
  {
    id: 'static-cards',
    description: '12 s: moving 0–3 s, a still red card 3–6 s, a still blue card 6–9 s, moving 9–12 s; tone, loud (not clipping) 9–11 s, tone',
    width: 192, height: 108,
    shots: [{ look: 'cells', duration_s: 3 }, { look: 'card-red', duration_s: 3 }, { look: 'card-blue', duration_s: 3 }, { look: 'hues', duration_s: 3 }],
    sound: [{ kind: 'tone', duration_s: 9, hz: 440 }, { kind: 'loud', duration_s: 2, hz: 440 }, { kind: 'tone', duration_s: 1, hz: 440 }],
  },
];

/** Every event of a calibration video, as built. */
export interface VideoTruth {
  duration_s: number;
  width: number;
  height: number;
  has_audio: boolean;
  cuts_s: number[];
  shots: (TimeSpan & { look: ShotLook; static: boolean })[];
  fades: (TimeSpan & { kind: 'in' | 'out' })[];
  black: TimeSpan[];
  silences: TimeSpan[];
  clipping: TimeSpan[];
  /** loud stretches, clipping ones included */
  loud: TimeSpan[];
  titles: CalibrationTitle[];
}

export function truthOf(video: CalibrationVideo): VideoTruth {
  const truth: VideoTruth = { duration_s: 0, width: video.width, height: video.height, has_audio: video.sound !== null, cuts_s: [], shots: [], fades: [], black: [], silences: [], clipping: [], loud: [], titles: video.titles ?? [] };
  let t = 0;
  for (const shot of video.shots) {
    if (t > 0) truth.cuts_s.push(t);
    truth.shots.push({ start_s: t, end_s: t + shot.duration_s, look: shot.look, static: shot.look.startsWith('card') });
    if (shot.fade_in_s) truth.fades.push({ kind: 'in', start_s: t, end_s: t + shot.fade_in_s });
    if (shot.fade_out_s) {
      const end = t + shot.duration_s - (shot.black_tail_s ?? 0);
      truth.fades.push({ kind: 'out', start_s: end - shot.fade_out_s, end_s: end });
      if (shot.black_tail_s) truth.black.push({ start_s: end, end_s: t + shot.duration_s });
    }
    t += shot.duration_s;
  }
  truth.duration_s = t;
  let a = 0;
  for (const sound of video.sound ?? []) {
    const span = { start_s: a, end_s: a + sound.duration_s };
    if (sound.kind === 'silence') truth.silences.push(span);
    if (sound.kind === 'clipping') truth.clipping.push(span);
    if (sound.kind === 'clipping' || sound.kind === 'loud') truth.loud.push(span);
    a += sound.duration_s;
  }
  return truth;
}

function shotSource(shot: CalibrationShot, video: CalibrationVideo, index: number): string {
  const size = `s=${video.width}x${video.height}:r=${FPS}`;
  const sources: Record<ShotLook, string> = {
    bars: `testsrc2=${size}`,
    fractal: `mandelbrot=${size}:maxiter=100`,
    cells: `life=${size}:seed=${1000 + index}:ratio=0.1:mold=10:life_color=#00ff00:death_color=#c83232`,
    hues: `smptebars=${size},hue=h=t*120`,
    'card-red': `color=c=#c02020:${size}`,
    'card-blue': `color=c=#2040c0:${size}`,
    'card-yellow': `color=c=#d0c020:${size}`,
    'bars-dark': `testsrc2=${size},eq=brightness=-0.3`,
    'bars-warm': `testsrc2=${size},colorbalance=rs=0.5:gs=0.1:bs=-0.6:rm=0.5:gm=0.1:bm=-0.6`,
    'bars-cool': `testsrc2=${size},colorbalance=rs=-0.6:gs=-0.1:bs=0.5:rm=-0.6:gm=-0.1:bm=0.5`,
  };
  // one time base for every source, or concat mistimes the shots that follow a mandelbrot or colour source
  const chain = [sources[shot.look], `trim=duration=${shot.duration_s}`, 'setpts=PTS-STARTPTS', 'settb=AVTB', `fps=${FPS}`];
  if (shot.fade_in_s) chain.push(`fade=t=in:st=0:d=${shot.fade_in_s}`);
  if (shot.fade_out_s) chain.push(`fade=t=out:st=${shot.duration_s - (shot.black_tail_s ?? 0) - shot.fade_out_s}:d=${shot.fade_out_s}`);
  chain.push('format=yuv420p', 'setsar=1');
  return chain.join(',');
}

function soundSource(sound: CalibrationSound): string {
  const sine = (gain: number) => `aevalsrc='${gain}*sin(2*PI*${'hz' in sound ? sound.hz : 0}*t)':s=48000:d=${sound.duration_s}`;
  if (sound.kind === 'silence') return `aevalsrc=0:s=48000:d=${sound.duration_s}`;
  if (sound.kind === 'tone') return sine(0.1);
  if (sound.kind === 'loud') return sine(0.6);
  return `aevalsrc='clip(4*sin(2*PI*${sound.hz}*t),-1,1)':s=48000:d=${sound.duration_s}`;
}

const fontFile = createRequire(import.meta.url).resolve('dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf');

function drawTitle(video: CalibrationVideo, title: CalibrationTitle): string {
  const fontsize = Math.round(video.height * (title.place === 'centre' ? 0.09 : 0.07));
  const y = title.place === 'centre' ? '(h-th)/2' : 'h*0.78-th/2';
  const text = title.text.replace(/[\\':%]/g, (c) => `\\${c}`);
  return `drawtext=fontfile=${fontFile}:text='${text}':fontsize=${fontsize}:fontcolor=white:x=(w-tw)/2:y=${y}:enable='between(t,${title.start_s},${title.end_s - 0.001})'`;
}

async function render(video: CalibrationVideo, out: string): Promise<void> {
  const tools = resolveMediaTools(process.env);
  const graph: string[] = video.shots.map((shot, i) => `${shotSource(shot, video, i)}[v${i}]`);
  const titled = (video.titles ?? []).map((title) => drawTitle(video, title));
  graph.push(`${video.shots.map((_, i) => `[v${i}]`).join('')}concat=n=${video.shots.length}:v=1:a=0${titled.length > 0 ? `,${titled.join(',')}` : ''}[v]`);
  const maps = ['-map', '[v]'];
  if (video.sound) {
    video.sound.forEach((sound, i) => graph.push(`${soundSource(sound)},aformat=sample_fmts=fltp:channel_layouts=mono[a${i}]`));
    graph.push(`${video.sound.map((_, i) => `[a${i}]`).join('')}concat=n=${video.sound.length}:v=0:a=1[a]`);
    maps.push('-map', '[a]', '-c:a', 'aac', '-b:a', '64k');
  }
  const duration = video.shots.reduce((sum, s) => sum + s.duration_s, 0);
  await runTool(tools.ffmpeg, [
    '-hide_banner', '-nostdin', '-nostats', '-loglevel', 'error', '-y', '-filter_complex', graph.join(';'), ...maps,
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '23', '-pix_fmt', 'yuv420p', '-t', String(duration), '-f', 'mp4', out,
  ]);
}

/** the cache key: the spec, the generator and the measurement versions (the OCR's too, for a video with titles) */
function keyOf(video: CalibrationVideo, factsVersion: number, textVersion: number): string {
  const versions = video.titles ? { factsVersion, textVersion } : { factsVersion };
  return createHash('sha256').update(JSON.stringify({ video, ...versions, generator: 2 })).digest('hex').slice(0, 16);
}

/** The on-screen text as the application reads it (tesseract.js, offline). */
async function readText(file: string, facts: MediaFacts): Promise<OnScreenText> {
  const { measureOnScreenText } = await import('../../src/videos/ocr/measure-on-screen-text.js');
  const { createTesseractTextReader } = await import('../../src/videos/ocr/tesseract-text-reader.js');
  const reader = createTesseractTextReader();
  try {
    return await measureOnScreenText({ path: file, facts, tools: resolveMediaTools(process.env), reader });
  } finally {
    await reader.close();
  }
}

/**
 * Renders a calibration video (once: it is kept in the temp folder, keyed by
 * its spec, so every test and the bench share it) and measures it with the
 * same code the application uses; a video with titles gets its on-screen text
 * read as well (`facts.on_screen_text`).
 */
export async function measuredCalibrationVideo(video: CalibrationVideo): Promise<{ file: string; facts: MediaFacts }> {
  const { MEDIA_FACTS_VERSION } = await import('../../src/videos/measure-media-facts.js');
  const dir = path.join(tmpdir(), 'vidcompare-calibration-videos');
  mkdirSync(dir, { recursive: true });
  const { ON_SCREEN_TEXT_VERSION } = await import('../../src/videos/ocr/measure-on-screen-text.js');
  const key = keyOf(video, MEDIA_FACTS_VERSION, ON_SCREEN_TEXT_VERSION);
  const file = path.join(dir, `${video.id}-${key}.mp4`);
  const factsFile = `${file}.facts.json`;
  if (existsSync(file) && existsSync(factsFile)) return { file, facts: JSON.parse(readFileSync(factsFile, 'utf8')) as MediaFacts };
  const partial = `${file}.${process.pid}.part.mp4`;
  await render(video, partial);
  renameSync(partial, file);
  const tools = resolveMediaTools(process.env);
  const measured = await measureMediaFacts(file, tools, await probeVideo(file, tools));
  const facts = video.titles ? { ...measured, on_screen_text: await readText(file, measured) } : measured;
  writeFileSync(`${factsFile}.${process.pid}`, JSON.stringify(facts));
  renameSync(`${factsFile}.${process.pid}`, factsFile);
  return { file, facts };
}
