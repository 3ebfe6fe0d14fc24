import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaFacts, OnScreenText } from '../../domain/index.js';
import { runFfmpegBinary, type FfmpegRunner } from '../../providers/frames/index.js';
import { measureMediaFacts } from '../measure-media-facts.js';
import { resolveMediaTools } from '../media-tools.js';
import { probeVideo } from '../probe-video.js';
import { generateTextVideo, phantomSpans, scoreTitles, titledVideo, untitledVideo, type TextVideoSpec } from './__fixtures__/text-videos.js';
import { measureOnScreenText } from './measure-on-screen-text.js';
import { createTesseractTextReader, type TextReader } from './tesseract-text-reader.js';
import { planTextSampling } from './text-sample-times.js';

const tools = resolveMediaTools({});

interface Measured {
  facts: MediaFacts;
  text: OnScreenText;
  /** OCR reads, by frame time */
  reads: number[];
  /** ffmpeg runs that extracted frames */
  extractions: number;
}

describe('local OCR on generated videos with known titles', () => {
  let dir: string;
  let reader: TextReader;
  let titled: Measured;
  let untitled: Measured;

  async function measure(spec: TextVideoSpec, name: string): Promise<Measured> {
    const path = join(dir, name);
    await generateTextVideo(path, tools, spec);
    const facts = await measureMediaFacts(path, tools, await probeVideo(path, tools));
    const reads: number[] = [];
    let extractions = 0;
    const counting: TextReader = {
      read: (image, signal) => {
        reads.push(reads.length);
        return reader.read(image, signal);
      },
      close: () => reader.close(),
    };
    const run: FfmpegRunner = (t, args, options) => {
      extractions += 1;
      return runFfmpegBinary(t, args, options);
    };
    const text = await measureOnScreenText({ path, facts, tools, reader: counting, run });
    return { facts, text, reads, extractions };
  }

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'ocr-accuracy-'));
    reader = createTesseractTextReader();
    titled = await measure(titledVideo, 'titled.mp4');
    untitled = await measure(untitledVideo, 'untitled.mp4');
  });

  afterAll(async () => {
    await reader?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('finds every title on a plain background, ≥ 95 % of its characters right, within ±1 s of when it shows', () => {
    for (const score of scoreTitles(titled.text.spans, titledVideo.titles.filter((t) => t.plain))) {
      expect(score.accuracy, `${score.title.text} read as ${score.text}`).toBeGreaterThanOrEqual(0.95);
      expect(score.time_error_s, `${score.title.text} edges off by ${score.time_error_s} s`).toBeLessThanOrEqual(1);
    }
  });

  it('reports nothing that is not there: every span is one of the titles, busy shots included', () => {
    expect(phantomSpans(titled.text.spans, titledVideo.titles)).toEqual([]);
  });

  it('reports no text on a video that has none: plain, Mandelbrot, noise, cellular automaton, colour bars', () => {
    expect(untitled.facts.shots).toHaveLength(untitledVideo.shots.length);
    expect(untitled.text.spans).toEqual([]);
  });

  it('samples about 1 fps and at least one frame per shot, reading each frame once', () => {
    for (const { facts, text, reads, extractions } of [titled, untitled]) {
      for (const shot of facts.shots) {
        expect(text.sampled_s.some((t) => t >= shot.start_s && t < shot.end_s), `no frame in shot ${JSON.stringify(shot)}`).toBe(true);
      }
      const plan = planTextSampling(facts.duration_s, facts.shots);
      expect(plan.grid.count).toBe(Math.round(facts.duration_s));
      expect(new Set(text.sampled_s).size).toBe(text.sampled_s.length);
      expect(text.sampled_s).toHaveLength(plan.grid.count + plan.extra_s.length);
      expect(reads).toHaveLength(text.sampled_s.length);
      // one decoding pass for the grid, one seek per shot the grid missed
      expect(extractions).toBe(1 + plan.extra_s.length);
    }
    // the 0.4 s title card falls between two grid frames: only the per-shot frame sees it
    const flash = titledVideo.titles.find((title) => title.text === 'FLASH OFFER')!;
    const grid = planTextSampling(titled.facts.duration_s, []);
    expect(Array.from({ length: grid.grid.count }, (_, k) => (k + 0.5) * grid.grid.step_s).some((t) => t >= flash.start_s && t < flash.end_s)).toBe(false);
  });
});
