import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveMediaTools } from '../src/videos/media-tools.js';
import { cachedSampleVideo } from '../src/videos/sample-video-cache.js';
import { sampleVideoSpecs } from '../src/videos/sample-videos.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * Runs once before the test files (which then run in parallel): builds what
 * changed of the server (dist, which CLI and server-process tests run) and the
 * UI (dist/web, which the browser tests load), and renders the sample videos
 * every test shares, so no test file builds or renders them itself.
 */
export default async function setup(): Promise<void> {
  const videos = Promise.all(Object.keys(sampleVideoSpecs).map((name) => cachedSampleVideo(name, resolveMediaTools({}))));
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build-if-changed.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`building the server and web UI failed (exit ${build.status})`);
  await videos;
}
