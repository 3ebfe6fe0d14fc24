import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TimeSpan } from '../../domain/index.js';
import { resolveMediaTools } from '../media-tools.js';
import { generateSpeechVideo, speechVideoTruth } from './__fixtures__/speech-video.js';
import { detectSpeech } from './detect-speech.js';

const tools = resolveMediaTools({});
const overlap = (a: TimeSpan, b: TimeSpan) => Math.max(0, Math.min(a.end_s, b.end_s) - Math.max(a.start_s, b.start_s));

describe('detectSpeech (Silero VAD from npm, offline)', () => {
  let dir: string;
  let spans: TimeSpan[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'speech-'));
    const path = join(dir, 'speech.mp4');
    await generateSpeechVideo(path, tools);
    spans = await detectSpeech(path, tools, speechVideoTruth.duration_s);
  });
  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('marks the speech, its edges within half a second', () => {
    const { speech } = speechVideoTruth;
    expect(spans.length, JSON.stringify(spans)).toBeGreaterThanOrEqual(1);
    expect(Math.abs(spans[0]!.start_s - speech.start_s), JSON.stringify(spans)).toBeLessThanOrEqual(0.5);
    expect(Math.abs(spans.at(-1)!.end_s - speech.end_s), JSON.stringify(spans)).toBeLessThanOrEqual(0.5);
  });

  it('marks no speech in the silences, the music or the noise', () => {
    const { speech, music, noise } = speechVideoTruth;
    for (const quiet of [{ start_s: 0, end_s: speech.start_s - 0.3 }, { start_s: speech.end_s + 0.5, end_s: music.start_s }, music, noise]) {
      for (const span of spans) expect(overlap(span, quiet), `${JSON.stringify(span)} in ${JSON.stringify(quiet)}`).toBe(0);
    }
  });

  it('stops when aborted', async () => {
    const controller = new AbortController();
    controller.abort(new Error('stop'));
    await expect(detectSpeech(join(dir, 'speech.mp4'), tools, 12, controller.signal)).rejects.toThrow('stop');
  });
});
