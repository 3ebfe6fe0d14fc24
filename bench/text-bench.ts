import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { OnScreenText } from '../src/domain/index.js';
import { measureMediaFacts } from '../src/videos/measure-media-facts.js';
import { resolveMediaTools, type MediaTools } from '../src/videos/media-tools.js';
import { measureOnScreenText } from '../src/videos/ocr/measure-on-screen-text.js';
import { createTesseractTextReader, type TextReader } from '../src/videos/ocr/tesseract-text-reader.js';
import {
  benchVideo,
  generateTextVideo,
  phantomSpans,
  scoreTitles,
  titledVideo,
  untitledVideo,
  type TextVideoSpec,
  type TitleScore,
} from '../src/videos/ocr/__fixtures__/text-videos.js';
import { probeVideo } from '../src/videos/probe-video.js';
import { report, timed } from './harness.js';

interface Reading {
  spec: TextVideoSpec;
  duration_s: number;
  text: OnScreenText;
  ms: number;
}

async function readVideo(dir: string, name: string, spec: TextVideoSpec, tools: MediaTools, reader: TextReader): Promise<Reading> {
  const file = path.join(dir, `${name}.mp4`);
  await generateTextVideo(file, tools, spec);
  const probed = await probeVideo(file, tools);
  const facts = await measureMediaFacts(file, tools, probed);
  const { ms, value: text } = await timed(() => measureOnScreenText({ path: file, facts, tools, reader }));
  return { spec, duration_s: probed.duration_s, text, ms };
}

function summarise(scores: TitleScore[]): string {
  const found = scores.filter((score) => score.accuracy >= 0.95 && score.time_error_s <= 1).length;
  const mean = scores.reduce((sum, score) => sum + score.accuracy, 0) / Math.max(1, scores.length);
  return `${(mean * 100).toFixed(1)} % characters right; ${found}/${scores.length} titles ≥ 95 % and within ±1 s`;
}

/**
 * OCR (`local-text`, the on-screen text in the facts): speed as a multiple of
 * real time on a 60 s 720p video with titles, and character accuracy on the
 * generated videos with known titles.
 */
export async function runTextBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-text-'));
  const tools = resolveMediaTools(process.env);
  const reader = createTesseractTextReader();
  try {
    // the worker's start (loading the WASM core and the model) is paid once per process, not per video
    const warm = await timed(() => readVideo(dir, 'warm-up', untitledVideo, tools, reader));
    const long = await readVideo(dir, 'hd-60s', benchVideo(), tools, reader);
    const frames = long.text.sampled_s.length;
    report('OCR speed, 1280x720 60 s video with 12 titles', `${(long.duration_s / (long.ms / 1000)).toFixed(2)}× real time (${(long.ms / 1000).toFixed(1)} s for ${frames} frames, ${(long.ms / frames).toFixed(0)} ms a frame)`);
    const titled = await readVideo(dir, 'titled', titledVideo, tools, reader);
    const readings = [long, titled];
    const plain = readings.flatMap((r) => scoreTitles(r.text.spans, r.spec.titles.filter((t) => t.plain)));
    const busy = readings.flatMap((r) => scoreTitles(r.text.spans, r.spec.titles.filter((t) => !t.plain)));
    report(`OCR accuracy, titles on plain backgrounds (${plain.length})`, summarise(plain));
    report(`OCR accuracy, titles on busy backgrounds (${busy.length}, no promise)`, summarise(busy));
    const phantoms = [...readings.flatMap((r) => phantomSpans(r.text.spans, r.spec.titles)), ...warm.value.text.spans];
    report('OCR phantom spans (text the videos do not show)', `${phantoms.length}${phantoms.length ? `: ${phantoms.map((s) => JSON.stringify(s.text)).join(', ')}` : ''}`);
    const misread = plain.filter((score) => score.accuracy < 1).map((score) => `${JSON.stringify(score.title.text)} → ${JSON.stringify(score.text ?? '')}`);
    if (misread.length) report('OCR plain titles not read exactly', misread.join('; '));
  } finally {
    await reader.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
