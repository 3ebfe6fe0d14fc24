import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveMediaTools, type MediaTools } from '../../videos/media-tools.js';
import { ToolError } from '../../videos/run-tool.js';
import type { VideoAsset } from '../provider.js';
import { CancelledError } from '../../core/provider-error.js';
import type { SampledFrame } from './extract-frames.js';
import { runFfmpegBinary, type FfmpegRunner } from './run-ffmpeg-binary.js';
import { createFrameSampler, sampleFrames } from './sample-frames.js';
import { makeSampleVideoAsset } from './sample-video-asset.js';

const tools = resolveMediaTools(process.env);
let dir: string;
let video: VideoAsset;

// One rendered sample video, read-only, shared by the tests of this file (rendering takes seconds).
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sample-frames-'));
  video = await makeSampleVideoAsset(tools);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Width and height from a JPEG's SOF0..SOF2 segment. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let p = 2;
  while (p < jpeg.length) {
    const marker = jpeg[p + 1];
    if (marker >= 0xc0 && marker <= 0xc2) return { height: jpeg.readUInt16BE(p + 5), width: jpeg.readUInt16BE(p + 7) };
    p += 2 + jpeg.readUInt16BE(p + 2);
  }
  throw new Error('no SOF segment');
}

function countingRunner(): FfmpegRunner & { calls: number } {
  const runner = Object.assign(
    (mediaTools: MediaTools, args: readonly string[], options: Parameters<FfmpegRunner>[2]) => {
      runner.calls += 1;
      return runFfmpegBinary(mediaTools, args, options);
    },
    { calls: 0 },
  );
  return runner;
}

function expectEvenlySpread(frames: SampledFrame[], count: number, duration: number): void {
  const step = duration / count;
  expect(frames).toHaveLength(count);
  frames.forEach((frame, index) => {
    expect(frame.jpeg.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    expect(frame.jpeg.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    // each frame sits in its own slice of the video, near the slice's middle
    expect(frame.timestamp_s).toBeGreaterThanOrEqual(index * step);
    expect(frame.timestamp_s).toBeLessThan((index + 1) * step);
    expect(Math.abs(frame.timestamp_s - (index + 0.5) * step)).toBeLessThanOrEqual(0.1);
  });
}

describe('frame sampling', () => {
  it('takes maxFrames evenly spaced JPEG frames in one decode, ascending, scaled to maxWidth', async () => {
    const runner = countingRunner();
    const sampler = createFrameSampler({ tools, runFfmpeg: runner });
    const frames = await sampler.sample(video, { maxFrames: 16, maxWidth: 320 });
    expectEvenlySpread(frames, 16, video.record.duration_s);
    expect(runner.calls).toBe(1);
    for (const frame of frames) expect(jpegSize(frame.jpeg)).toEqual({ width: 320, height: 180 });
    // the three shots look different: frames from different shots differ
    expect(frames[0].jpeg.equals(frames[15].jpeg)).toBe(false);
  });

  it('never scales up: a narrower video keeps its width', async () => {
    const frames = await createFrameSampler({ tools }).sample(video, { maxFrames: 2, maxWidth: 2000 });
    expect(jpegSize(frames[0].jpeg)).toEqual({ width: 640, height: 360 });
  });

  it('samples long videos with one seek per frame, at the same times', async () => {
    const runner = countingRunner();
    const sampler = createFrameSampler({ tools, runFfmpeg: runner, seekAboveDurationS: 0 });
    const frames = await sampler.sample(video, { maxFrames: 5 });
    expectEvenlySpread(frames, 5, video.record.duration_s);
    expect(runner.calls).toBe(5);
  });

  it('caches per (video, maxFrames, maxWidth) and shares an extraction in flight', async () => {
    const runner = countingRunner();
    const sampler = createFrameSampler({ tools, runFfmpeg: runner });
    const [a, b] = await Promise.all([sampler.sample(video, { maxFrames: 4 }), sampler.sample(video, { maxFrames: 4 })]);
    expect(a).toBe(b);
    const again = await sampler.sample(video, { maxFrames: 4 });
    expect(again).toBe(a);
    expect(runner.calls).toBe(1);
    expect(sampler.stats).toEqual({ extractions: 1, hits: 1, joined: 1 });
    await sampler.sample(video, { maxFrames: 3 });
    await sampler.sample(video, { maxFrames: 4, maxWidth: 320 });
    expect(runner.calls).toBe(3);
  });

  it('drops the least recently used frame set when the cache is full', async () => {
    const runner = countingRunner();
    const sampler = createFrameSampler({ tools, runFfmpeg: runner, cacheEntries: 1 });
    await sampler.sample(video, { maxFrames: 2 });
    await sampler.sample(video, { maxFrames: 3 });
    await sampler.sample(video, { maxFrames: 3 });
    await sampler.sample(video, { maxFrames: 2 });
    expect(runner.calls).toBe(3);
  });

  it('a caller that aborts leaves; the extraction stops only when nobody waits, and is then forgotten', async () => {
    const started: { signal?: AbortSignal; release: () => void }[] = [];
    const gated: FfmpegRunner = (mediaTools, args, options) =>
      new Promise<void>((resolve, reject) => {
        started.push({ signal: options.signal, release: resolve });
        options.signal?.addEventListener('abort', () => reject(options.signal?.reason), { once: true });
      }).then(() => runFfmpegBinary(mediaTools, args, options));
    const sampler = createFrameSampler({ tools, runFfmpeg: gated });

    const first = new AbortController();
    const second = new AbortController();
    const a = sampler.sample(video, { maxFrames: 2, signal: first.signal });
    const b = sampler.sample(video, { maxFrames: 2, signal: second.signal });
    first.abort(new CancelledError('first caller left'));
    await expect(a).rejects.toThrow('first caller left');
    expect(started[0].signal?.aborted).toBe(false);
    started[0].release();
    expect(await b).toHaveLength(2);

    const third = new AbortController();
    const c = sampler.sample(video, { maxFrames: 3, signal: third.signal });
    third.abort();
    await expect(c).rejects.toBeInstanceOf(Error);
    expect(started[1].signal?.aborted).toBe(true);
    const d = sampler.sample(video, { maxFrames: 3 });
    expect(started).toHaveLength(3);
    started[2].release();
    expect(await d).toHaveLength(3);
  });

  it('rejects with a ToolError when ffmpeg cannot read the video, and tries again next time', async () => {
    const runner = countingRunner();
    const sampler = createFrameSampler({ tools, runFfmpeg: runner });
    const missing: VideoAsset = { ...video, useFile: (use) => use(join(dir, 'missing.mp4')), record: { ...video.record, sha256: 'f'.repeat(64) } };
    await expect(sampler.sample(missing)).rejects.toBeInstanceOf(ToolError);
    await expect(sampler.sample(missing)).rejects.toBeInstanceOf(ToolError);
    expect(runner.calls).toBe(2);
  });

  it('sampleFrames shares one process-wide cache', async () => {
    const first = await sampleFrames(video, tools, { maxFrames: 2, maxWidth: 160 });
    const second = await sampleFrames(video, tools, { maxFrames: 2, maxWidth: 160 });
    expect(second).toBe(first);
    expect(first.map((frame) => jpegSize(frame.jpeg).width)).toEqual([160, 160]);
  });
});
