import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureMediaFacts } from '../src/videos/measure-media-facts.js';
import { resolveMediaTools } from '../src/videos/media-tools.js';
import { probeVideo } from '../src/videos/probe-video.js';
import { generateSampleVideo, sampleVideoSpecs } from '../src/videos/sample-videos.js';
import { report, timed } from './harness.js';

/** How fast the local analyzers measure a 720p video, as a multiple of real time. */
export async function runAnalyzerBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-hd-'));
  try {
    const tools = resolveMediaTools(process.env);
    const file = path.join(dir, 'hd-30s.mp4');
    await generateSampleVideo(file, tools, sampleVideoSpecs['hd-30s']!);
    const probed = await probeVideo(file, tools);
    const runs = [];
    for (let i = 0; i < 3; i++) runs.push((await timed(() => measureMediaFacts(file, tools, probed))).ms);
    const best = Math.min(...runs);
    report('local analyzer speed on a 1280x720 30 s video', `${(probed.duration_s / (best / 1000)).toFixed(1)}× real time (best of 3: ${best.toFixed(0)} ms)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
