import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { resolveMediaTools } from '../../src/videos/media-tools.js';
import { generateSampleVideo, sampleVideoSpecs } from '../../src/videos/sample-videos.js';

const cacheDir = path.join(tmpdir(), 'vidcompare-test-videos');
const inFlight = new Map<string, Promise<string>>();

/**
 * Path to a generated sample video with known truth (see sampleVideoSpecs),
 * made once per machine and reused by every test.
 */
export function sampleVideoFile(specName: keyof typeof sampleVideoSpecs & string = 'cuts-and-silence'): Promise<string> {
  const file = path.join(cacheDir, `${specName}.mp4`);
  if (existsSync(file)) return Promise.resolve(file);
  let pending = inFlight.get(file);
  if (!pending) {
    mkdirSync(cacheDir, { recursive: true });
    const partial = `${file}.${process.pid}.partial.mp4`;
    pending = generateSampleVideo(partial, resolveMediaTools(process.env), sampleVideoSpecs[specName]!).then(async () => {
      const { renameSync } = await import('node:fs');
      renameSync(partial, file);
      return file;
    });
    inFlight.set(file, pending);
  }
  return pending;
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
