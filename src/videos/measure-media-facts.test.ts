import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MediaFacts } from '../domain/index.js';
import { MEDIA_FACTS_VERSION, measureMediaFacts } from './measure-media-facts.js';
import { resolveMediaTools } from './media-tools.js';
import { probeVideo } from './probe-video.js';
import { liveToolProcesses, runTool } from './run-tool.js';
import { cachedSampleVideo } from './sample-video-cache.js';
import { sampleVideoSpecs, sampleVideoTruth } from './sample-videos.js';
import { generateSpeechVideo, speechVideoTruth } from './speech/__fixtures__/speech-video.js';

/** Resolves once a media tool process is running (polled: the pass spawns after waiting for a place). */
async function waitForLiveTool(): Promise<void> {
  while (liveToolProcesses().length === 0) await new Promise((resolve) => setImmediate(resolve));
}

const tools = resolveMediaTools(process.env);

async function measureSample(name: string): Promise<MediaFacts> {
  const path = await cachedSampleVideo(name, tools);
  return measureMediaFacts(path, tools, await probeVideo(path, tools));
}

function expectShotsCover(facts: MediaFacts): void {
  expect(facts.shots[0].start_s).toBe(0);
  expect(facts.shots.at(-1)!.end_s).toBe(facts.duration_s);
  for (let i = 1; i < facts.shots.length; i++) {
    expect(facts.shots[i].start_s).toBe(facts.shots[i - 1].end_s);
    expect(facts.shots[i].start_s).toBe(facts.cuts_s[i - 1]);
  }
}

describe('measureMediaFacts on sample videos with known truth', () => {
  let dir: string;
  let cutsAndSilence: MediaFacts;
  let threeShots: MediaFacts;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'media-facts-'));
    [cutsAndSilence, threeShots] = await Promise.all([measureSample('cuts-and-silence'), measureSample('three-shots-tone')]);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds exactly the hard cuts at 5 s and 10 s, and three shots covering the video', () => {
    const truth = sampleVideoTruth(sampleVideoSpecs['cuts-and-silence']);
    expect(truth.cuts_s).toEqual([5, 10]);
    expect(cutsAndSilence.version).toBe(MEDIA_FACTS_VERSION);
    expect(cutsAndSilence.duration_s).toBeCloseTo(15, 1);
    expect(cutsAndSilence.cuts_s).toHaveLength(2);
    cutsAndSilence.cuts_s.forEach((cut, i) => expect(Math.abs(cut - truth.cuts_s[i])).toBeLessThanOrEqual(0.2));
    expect(cutsAndSilence.shots).toHaveLength(3);
    expectShotsCover(cutsAndSilence);
  });

  it('marks no speech in the tones and silences of the samples', () => {
    expect(cutsAndSilence.speech_segments).toEqual([]);
    expect(threeShots.speech_segments).toEqual([]);
  });

  it('marks where someone speaks, between silence, music and noise', async () => {
    const path = join(dir, 'speech.mp4');
    await generateSpeechVideo(path, tools);
    const facts = await measureMediaFacts(path, tools, await probeVideo(path, tools));
    expect(facts.speech_segments).toHaveLength(1);
    const [speech] = facts.speech_segments!;
    expect(Math.abs(speech.start_s - speechVideoTruth.speech.start_s)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(speech.end_s - speechVideoTruth.speech.end_s)).toBeLessThanOrEqual(0.5);
  });

  it('finds the digital silence from 5 s to the end, and no frozen or black frames', () => {
    expect(cutsAndSilence.silences).toHaveLength(1);
    const [silence] = cutsAndSilence.silences;
    expect(Math.abs(silence.start_s - 5)).toBeLessThanOrEqual(0.3);
    expect(silence.end_s).toBe(cutsAndSilence.duration_s);
    expect(cutsAndSilence.frozen_segments).toEqual([]);
    expect(cutsAndSilence.black_segments).toEqual([]);
  });

  it('measures loudness of the tone and the look of every shot', () => {
    const loudness = cutsAndSilence.loudness!;
    // a 440 Hz sine at 1/8 amplitude: about -21 LUFS over the gated (non-silent) part, peak about -18 dBTP
    expect(loudness.integrated_lufs).toBeGreaterThan(-30);
    expect(loudness.integrated_lufs).toBeLessThan(-15);
    expect(loudness.true_peak_dbtp).toBeGreaterThan(-21);
    expect(loudness.true_peak_dbtp).toBeLessThan(-15);
    expect(loudness.loudness_range_lu).not.toBeNull();
    for (const shot of cutsAndSilence.shots) {
      expect(shot.brightness).toBeGreaterThan(0);
      expect(shot.saturation).toBeGreaterThanOrEqual(0);
    }
    // the game-of-life shot (dark background) is much darker and less saturated than the test card
    const [card, , life] = cutsAndSilence.shots;
    expect(life.brightness!).toBeLessThan(card.brightness! / 2);
    expect(life.saturation!).toBeLessThan(card.saturation! / 2);
    expect(cutsAndSilence.look).not.toBeNull();
  });

  it('finds the cuts at 4 s and 8 s, the black tail, and no silence in the tone throughout', () => {
    const truth = sampleVideoTruth(sampleVideoSpecs['three-shots-tone']);
    expect(threeShots.cuts_s).toHaveLength(2);
    threeShots.cuts_s.forEach((cut, i) => expect(Math.abs(cut - truth.cuts_s[i])).toBeLessThanOrEqual(0.2));
    expectShotsCover(threeShots);
    expect(threeShots.silences).toEqual([]);
    expect(threeShots.frozen_segments).toEqual([]);
    expect(threeShots.black_segments).toHaveLength(1);
    expect(Math.abs(threeShots.black_segments[0].start_s - truth.black_segments[0].start_s)).toBeLessThanOrEqual(0.3);
    expect(threeShots.black_segments[0].end_s).toBe(threeShots.duration_s);
  });
});

describe('measureMediaFacts on edge cases', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'media-facts-edge-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reports a still picture at the end as frozen up to the end, and no loudness without audio', async () => {
    const path = join(dir, 'still.mp4');
    await runTool(tools.ffmpeg, [
      '-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi',
      '-i', 'testsrc2=s=320x180:r=25:d=2[a];color=c=0x3366cc:s=320x180:r=25:d=3[b];[a][b]concat=n=2[out0]',
      '-c:v', 'libx264', '-pix_fmt', 'yuv420p', path,
    ]);
    const probed = await probeVideo(path, tools);
    expect(probed.has_audio).toBe(false);
    const facts = await measureMediaFacts(path, tools, probed);
    expect(facts.loudness).toBeNull();
    expect(facts.silences).toEqual([]);
    expect(facts.cuts_s).toHaveLength(1);
    expect(Math.abs(facts.cuts_s[0] - 2)).toBeLessThanOrEqual(0.2);
    expect(facts.frozen_segments).toHaveLength(1);
    expect(Math.abs(facts.frozen_segments[0].start_s - 2)).toBeLessThanOrEqual(0.2);
    expect(facts.frozen_segments[0].end_s).toBe(facts.duration_s);
  });

  it('stops both ffmpeg passes when aborted', async () => {
    const path = await cachedSampleVideo('three-shots-tone', tools);
    const probed = await probeVideo(path, tools);
    const controller = new AbortController();
    const reason = new Error('stop measuring');
    const measuring = measureMediaFacts(path, tools, probed, controller.signal);
    // once a pass runs, aborting stops it and the one still waiting for a process place
    await waitForLiveTool();
    controller.abort(reason);
    await expect(measuring).rejects.toBe(reason);
    expect(liveToolProcesses()).toEqual([]);
    const early = new AbortController();
    early.abort(reason);
    await expect(measureMediaFacts(path, tools, probed, early.signal)).rejects.toBe(reason);
  });
});
