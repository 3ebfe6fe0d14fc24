import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { measureMediaFacts } from '../src/videos/measure-media-facts.js';
import { resolveMediaTools } from '../src/videos/media-tools.js';
import { probeVideo } from '../src/videos/probe-video.js';
import { liveToolProcesses } from '../src/videos/run-tool.js';
import { makeLongStillVideo, makeMatroskaClaiming, makeMjpegMp4Claiming, makeOneFrameMp4Claiming } from '../test/helpers/media-bombs.js';
import { postJson, report, startBenchServer, timed } from './harness.js';

async function upload(url: string, file: string): Promise<{ status: number; body: any }> {
  const form = new FormData();
  form.append('file', new Blob([readFileSync(file)]), path.basename(file));
  const response = await fetch(`${url}/api/video/upload`, { method: 'POST', body: form });
  return { status: response.status, body: await response.json() };
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
}

/**
 * Issue 9 item 4: what tiny lying uploads cost now (refused right after
 * probing), what one would cost if measured, and how fast cancelling a job
 * stops its measuring ffmpeg.
 */
export async function runMediaLimitsBench(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-bench-bombs-'));
  const server = await startBenchServer();
  try {
    const tools = resolveMediaTools(process.env);
    const bombs: [string, string, () => Promise<void>][] = [
      ['1.5 KB mp4 claiming 10 h', 'ten-hours.mp4', () => makeOneFrameMp4Claiming(path.join(dir, 'ten-hours.mp4'), tools, 36_000)],
      ['1 KB mp4 claiming 16000x16000', 'huge.mp4', () => makeMjpegMp4Claiming(path.join(dir, 'huge.mp4'), tools, 16_000, 16_000)],
      ['1.5 KB mp4 claiming 2 h', 'two-hours.mp4', () => makeOneFrameMp4Claiming(path.join(dir, 'two-hours.mp4'), tools, 7200)],
      ['2.5 KB mkv of 2 s declaring 10 min', 'lie.mkv', () => makeMatroskaClaiming(path.join(dir, 'lie.mkv'), tools, 600)],
    ];
    for (const [label, name, make] of bombs) {
      await make();
      const { ms, value } = await timed(() => upload(server.url, path.join(dir, name)));
      report(`upload of a ${label}`, `${value.status} in ${ms.toFixed(0)} ms`);
    }

    // what the refusal saves: measuring a one-frame file that claims 10 minutes
    const claim = path.join(dir, 'ten-minutes.mp4');
    await makeOneFrameMp4Claiming(claim, tools, 600);
    const probed = await probeVideo(claim, tools);
    const measured = await timed(() => measureMediaFacts(claim, tools, probed));
    report('measuring a 1.5 KB one-frame file claiming 10 min (if accepted)', `${(measured.ms / 1000).toFixed(1)} s of ffmpeg (≈ ${((measured.ms / 1000) * 60).toFixed(0)} s for a 10 h claim)`);

    const long = path.join(dir, 'two-hours-valid.mp4');
    await makeLongStillVideo(long, tools, 7200);
    const video = await upload(server.url, long);
    const job = await postJson(`${server.url}/api/compare-async`, { video_id: video.body.id, prompt: 'Describe the video', models: ['local-full'], judge_model: 'none' });
    await until(() => liveToolProcesses().some((p) => p.tool === 'ffmpeg'));
    const stopped = await timed(async () => {
      await postJson(`${server.url}/api/jobs/${job.job_id}/cancel`, {});
      await until(() => liveToolProcesses().length === 0);
    });
    report('cancel of a job measuring a 2 h video → no ffmpeg left', `${stopped.ms.toFixed(0)} ms`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
