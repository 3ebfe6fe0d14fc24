import { readFile, writeFile } from 'node:fs/promises';
import type { MediaTools } from '../../src/videos/media-tools.js';
import { runTool } from '../../src/videos/run-tool.js';

/**
 * Small files whose headers claim far more than they hold, made from real
 * ffmpeg output by patching the fields a demuxer reads. Each is a few KB.
 */

async function ffmpeg(tools: MediaTools, args: string[]): Promise<void> {
  await runTool(tools.ffmpeg, ['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', ...args]);
}

function findBox(bytes: Buffer, type: string, from = 0): number {
  const index = bytes.indexOf(type, from, 'latin1');
  if (index < 4) throw new Error(`no ${type} box`);
  return index;
}

/**
 * One 64×64 H.264 frame in an mp4 whose single sample, track and movie are
 * patched to last `seconds` (stts, mdhd, tkhd, elst, mvhd), so ffprobe
 * reports that duration for a ~1.5 KB file.
 */
export async function makeOneFrameMp4Claiming(path: string, tools: MediaTools, seconds: number): Promise<void> {
  await ffmpeg(tools, ['-f', 'lavfi', '-i', 'color=black:s=64x64:r=25', '-frames:v', '1', '-c:v', 'libx264', '-f', 'mp4', path]);
  const bytes = await readFile(path);
  const mvhd = findBox(bytes, 'mvhd');
  const movieScale = bytes.readUInt32BE(mvhd + 16);
  bytes.writeUInt32BE(seconds * movieScale, mvhd + 20);
  const mdhd = findBox(bytes, 'mdhd');
  const mediaScale = bytes.readUInt32BE(mdhd + 16);
  bytes.writeUInt32BE(seconds * mediaScale, mdhd + 20);
  bytes.writeUInt32BE(seconds * movieScale, findBox(bytes, 'tkhd') + 24);
  const elst = bytes.indexOf('elst', 0, 'latin1');
  if (elst > 0) bytes.writeUInt32BE(seconds * movieScale, elst + 12);
  const stts = findBox(bytes, 'stts');
  if (bytes.readUInt32BE(stts + 8) !== 1) throw new Error('expected one stts entry');
  bytes.writeUInt32BE(seconds * mediaScale, stts + 16);
  await writeFile(path, bytes);
}

/**
 * A one-frame Motion-JPEG mp4 whose JPEG frame header, sample entry and
 * track header all say `width`×`height`, in about 1 KB.
 */
export async function makeMjpegMp4Claiming(path: string, tools: MediaTools, width: number, height: number): Promise<void> {
  await ffmpeg(tools, ['-f', 'lavfi', '-i', 'color=black:s=16x16:r=1', '-frames:v', '1', '-c:v', 'mjpeg', '-f', 'mp4', path]);
  const bytes = await readFile(path);
  const sof = bytes.indexOf(Buffer.from([0xff, 0xc0]));
  if (sof < 0) throw new Error('no JPEG SOF0 marker');
  bytes.writeUInt16BE(height, sof + 5);
  bytes.writeUInt16BE(width, sof + 7);
  // VisualSampleEntry: type, 6 reserved + 2 data ref + 16 pre-defined, then width and height
  const entry = findBox(bytes, 'mp4v', findBox(bytes, 'stsd'));
  bytes.writeUInt16BE(width, entry + 28);
  bytes.writeUInt16BE(height, entry + 30);
  const tkhd = findBox(bytes, 'tkhd');
  const tkhdEnd = tkhd - 4 + bytes.readUInt32BE(tkhd - 4);
  bytes.writeUInt32BE(width * 65536, tkhdEnd - 8);
  bytes.writeUInt32BE(height * 65536, tkhdEnd - 4);
  await writeFile(path, bytes);
}

/** Two seconds of 64×64 video in Matroska whose Segment Duration says `seconds`. */
export async function makeMatroskaClaiming(path: string, tools: MediaTools, seconds: number): Promise<void> {
  await ffmpeg(tools, ['-f', 'lavfi', '-i', 'color=black:s=64x64:r=25:d=2', '-c:v', 'libx264', '-f', 'matroska', path]);
  const bytes = await readFile(path);
  // Duration (0x4489) as an 8-byte float, in TimecodeScale units (ms by default)
  const duration = bytes.indexOf(Buffer.from([0x44, 0x89, 0x88]));
  if (duration < 0) throw new Error('no 8-byte Matroska Duration element');
  bytes.writeDoubleBE(seconds * 1000, duration + 3);
  await writeFile(path, bytes);
}

/** A real, valid video of `seconds` of 64×64 black at 1 fps, cheap to make but slow to measure frame by frame. */
export async function makeLongStillVideo(path: string, tools: MediaTools, seconds: number): Promise<void> {
  await ffmpeg(tools, ['-f', 'lavfi', '-i', `color=black:s=64x64:r=1:d=${seconds}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-f', 'mp4', path]);
}
