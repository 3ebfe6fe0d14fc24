import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpError } from '../core/http-errors.js';
import { resolveMediaTools } from './media-tools.js';
import { probeVideo } from './probe-video.js';
import { runTool } from './run-tool.js';
import { cachedSampleVideo } from './sample-video-cache.js';

const tools = resolveMediaTools(process.env);

describe('probeVideo', () => {
  let dir: string;
  let video: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'probe-video-'));
    video = await cachedSampleVideo('three-shots-tone', tools);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('reads duration, size, frame rate, codecs and audio', async () => {
    const probed = await probeVideo(video, tools);
    expect(probed.duration_s).toBeCloseTo(12, 1);
    expect(probed).toMatchObject({ width: 640, height: 360, fps: 25, has_audio: true, video_codec: 'h264', audio_codec: 'aac' });
    expect(probed.format_name).toContain('mp4');
  });

  it('says when a video has no sound', async () => {
    const silentFilm = join(dir, 'no-audio.mp4');
    await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-i', video, '-an', '-c', 'copy', silentFilm]);
    expect(await probeVideo(silentFilm, tools)).toMatchObject({ has_audio: false, audio_codec: null, fps: 25 });
  });

  it.each([
    ['a text file', 'notes.txt', async (path: string) => writeFile(path, 'this is not a video\n'.repeat(50))],
    ['an empty file', 'empty.mp4', async (path: string) => writeFile(path, '')],
    ['a still image', 'picture.part', async (path: string) => {
      await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=s=64x64:d=1', '-frames:v', '1', '-f', 'image2', '-c:v', 'png', path]);
    }],
    ['a sound file', 'tone.part', async (path: string) => {
      await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'lavfi', '-i', 'sine=d=1', '-f', 'wav', path]);
    }],
  ])('refuses %s with 415 and does not reveal the server path', async (_what, name, make) => {
    const path = join(dir, name);
    await make(path);
    const error = await probeVideo(path, tools).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HttpError);
    expect(error).toMatchObject({ statusCode: 415 });
    expect((error as HttpError).detail).toMatch(/is not a video ffprobe can read/);
    expect((error as HttpError).detail).not.toContain(dir);
  });
});
