import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MediaTools } from './media-tools.js';
import { generateSampleVideo, sampleVideoSpecs } from './sample-videos.js';

const inFlight = new Map<string, Promise<string>>();

/** where rendered sample videos are kept between runs (and shared by the processes of a test run) */
export function defaultSampleVideoCacheDir(): string {
  return join(tmpdir(), 'vidcompare-sample-videos');
}

/**
 * The path of sample video `specName`, rendered once and then reused: rendering
 * costs seconds of ffmpeg, and a spec always renders to the same video. A hash
 * of the spec and the ffmpeg binary names its folder, so a changed spec
 * renders anew. Safe across processes: each renders to its own temporary
 * name and renames it into place. The file is named `<specName>.mp4`, in a
 * folder named after that hash. Callers must only read the file.
 */
export function cachedSampleVideo(specName: string, tools: MediaTools, cacheDir = defaultSampleVideoCacheDir()): Promise<string> {
  const spec = sampleVideoSpecs[specName];
  if (!spec) return Promise.reject(new Error(`Unknown sample video "${specName}" (known: ${Object.keys(sampleVideoSpecs).join(', ')})`));
  const digest = createHash('sha256').update(JSON.stringify({ spec, ffmpeg: tools.ffmpeg })).digest('hex').slice(0, 16);
  const file = join(cacheDir, digest, `${specName}.mp4`);
  if (existsSync(file)) return Promise.resolve(file);
  let pending = inFlight.get(file);
  if (!pending) {
    const partial = `${file}.${process.pid}.partial.mp4`;
    pending = mkdir(join(cacheDir, digest), { recursive: true })
      .then(() => generateSampleVideo(partial, tools, spec))
      .then(() => rename(partial, file))
      .then(() => file)
      .catch(async (error: unknown) => {
        await rm(partial, { force: true });
        throw error;
      })
      .finally(() => inFlight.delete(file));
    inFlight.set(file, pending);
  }
  return pending;
}
