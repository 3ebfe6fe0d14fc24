import { readFileSync } from 'node:fs';
import path from 'node:path';
import { resolveMediaTools } from '../../src/videos/media-tools.js';
import { cachedSampleVideo } from '../../src/videos/sample-video-cache.js';
import type { sampleVideoSpecs } from '../../src/videos/sample-videos.js';

/** the bundled ffmpeg, whatever FFMPEG_PATH the developer's shell has */
export const testMediaTools = resolveMediaTools({});

/**
 * Path to a generated sample video with known truth (see sampleVideoSpecs),
 * rendered once per machine (test/global-setup.ts renders them before the
 * run) and shared by every test and the server's "add sample videos".
 */
export function sampleVideoFile(specName: keyof typeof sampleVideoSpecs & string = 'cuts-and-silence'): Promise<string> {
  return cachedSampleVideo(specName, testMediaTools);
}

/** Uploads a file through the real multipart endpoint and returns the stored video record. */
export async function uploadVideo(baseUrl: string, file: string, headers: Record<string, string> = {}): Promise<any> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)], { type: 'video/mp4' }), path.basename(file));
  const response = await fetch(`${baseUrl}/api/video/upload`, { method: 'POST', body: form, headers });
  const body = await response.json();
  if (response.status !== 200) throw new Error(`upload failed: ${response.status} ${JSON.stringify(body)}`);
  return body;
}
