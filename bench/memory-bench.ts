import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startGeminiStandIn } from '../test/stand-ins/gemini-stand-in.js';
import { ApiClient } from '../src/cli/api-client.js';
import { uploadFile } from '../src/cli/upload-files.js';
import { resolveMediaTools } from '../src/videos/media-tools.js';
import { runTool } from '../src/videos/run-tool.js';
import { report } from './harness.js';

const MB = 1024 * 1024;
const models = ['gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-3.8-flash', 'gemini-2.5-flash-lite'];
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * A real, valid ~500 MB video, made once per machine: 720p frames of random
 * noise (which no codec can shrink) encoded as MPEG-4 part 2 at top quality.
 */
async function bigVideo(targetBytes = 500 * MB): Promise<string> {
  const dir = path.join(tmpdir(), 'vidcompare-bench-videos');
  const file = path.join(dir, `noise-${Math.round(targetBytes / MB)}mb.mp4`);
  if (existsSync(file)) return file;
  mkdirSync(dir, { recursive: true });
  const partial = `${file}.${process.pid}.partial.mp4`;
  const frames = Math.ceil(targetBytes / (1.65 * MB));
  const tools = resolveMediaTools(process.env);
  await runTool(tools.ffmpeg, ['-hide_banner', '-loglevel', 'error', '-y', '-f', 'rawvideo', '-pix_fmt', 'yuv420p', '-s', '1280x720', '-r', '25', '-i', '/dev/urandom', '-frames:v', String(frames), '-c:v', 'mpeg4', '-q:v', '1', partial]);
  renameSync(partial, file);
  return file;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** resident set and its high-water mark (kB → MB) from /proc */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) / 1024;
  return { rss: field('VmRSS'), peak: field('VmHWM') };
}

/** Forgets the high-water mark, so the next peak covers only what follows (Linux clear_refs). */
function resetPeak(pid: number): void {
  writeFileSync(`/proc/${pid}/clear_refs`, '5');
}

async function waitForServer(url: string, child: ChildProcess): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}`);
    const ok = await fetch(`${url}/health`).then((r) => r.ok, () => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('server did not start');
}

/**
 * Peak RSS of the server process comparing a 500 MB video on 4 Gemini models
 * (Files API upload to the stand-in, which runs in this process): the built
 * server runs in a child process whose memory is read from /proc.
 */
export async function runMemoryBench(): Promise<void> {
  const video = await bigVideo();
  const size = statSync(video).size;
  const standIn = await startGeminiStandIn({ processingPolls: 1, latencyMs: 200 });
  const dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-memory-'));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  // the built server, as `npm start` runs it (tsx's on-the-fly compiler would add ~70 MB of its own)
  await runTool(process.execPath, [path.join(root, 'scripts/build-if-changed.mjs'), 'server']);
  const child = spawn(process.execPath, [path.join(root, 'dist/cli/main.js'), 'serve'], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PORT: String(port),
      HOST: '127.0.0.1',
      VIDCOMPARE_DATA_DIR: dataDir,
      VIDCOMPARE_LOG_LEVEL: 'warn',
      GEMINI_API_KEY: 'bench-key',
      GOOGLE_GEMINI_BASE_URL: standIn.url,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  try {
    await waitForServer(url, child);
    const pid = child.pid!;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = memoryOf(pid).rss;

    const client = new ApiClient({ baseUrl: url });
    resetPeak(pid);
    const record = await uploadFile(client, video);
    const afterUpload = memoryOf(pid);

    resetPeak(pid);
    const job = await client.request<{ job_id: string }>('POST', '/api/compare-async', { json: { video_id: record.id, prompt: 'Describe the video', models, judge_model: 'none' } });
    let status = '';
    let sampledPeak = 0;
    for (let i = 0; i < 6000 && !['completed', 'failed', 'cancelled'].includes(status); i++) {
      sampledPeak = Math.max(sampledPeak, memoryOf(pid).rss);
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await client.request<{ status: string }>('GET', `/api/jobs/${job.job_id}`)).status;
    }
    const compare = memoryOf(pid);
    const result = await client.request<{ result: { results: { status: string; error: string | null }[] } }>('GET', `/api/jobs/${job.job_id}`);
    const failed = result.result.results.filter((r) => r.status !== 'succeeded');
    if (status !== 'completed' || failed.length > 0) throw new Error(`comparison ${status}: ${failed[0]?.error}`);
    if (standIn.stats.bytesUploaded !== size) throw new Error(`the stand-in received ${standIn.stats.bytesUploaded} of ${size} bytes`);

    report('server RSS idle', `${idle.toFixed(0)} MB`);
    report(`peak RSS uploading a ${(size / MB).toFixed(0)} MB video to the server`, `${afterUpload.peak.toFixed(0)} MB`);
    report(`peak RSS comparing it on 4 Gemini models (Files API upload)`, `${compare.peak.toFixed(0)} MB (goal < 250 MB; ${standIn.stats.uploads} provider upload)`);
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => child.once('exit', resolve));
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
