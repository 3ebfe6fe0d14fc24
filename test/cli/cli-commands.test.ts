import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleVideoFile } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { parseJson, runCli, type CliResult } from './cli-process.js';

let server: TestServer;
let videoFile: string;
let videoId: string;
let outDir: string;
const cli = (...args: string[]) => runCli(args, { VIDCOMPARE_SERVER: server.url });
const hasAnsi = (text: string) => text.includes('\x1b[');
const oneLine = (result: CliResult) => result.stderr.trim().split('\n');

beforeAll(async () => {
  [server, videoFile] = await Promise.all([startTestServer(), sampleVideoFile('cuts-and-silence')]);
  outDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-cli-out-'));
});

afterAll(async () => {
  await server?.stop({ removeData: true });
  if (outDir) rmSync(outDir, { recursive: true, force: true });
});

describe('vidcompare CLI against a real server', () => {
  it('upload streams a file and prints its id; videos --json lists it', async () => {
    const upload = await cli('upload', videoFile);
    expect(upload.code, upload.stderr).toBe(0);
    const listed = parseJson<any[]>(await cli('--json', 'videos'));
    expect(listed).toHaveLength(1);
    videoId = listed[0].id;
    expect(listed[0]).toMatchObject({ filename: 'cuts-and-silence.mp4', duration_s: 15, has_audio: true });
    expect(upload.stdout).toContain(videoId);
    expect(hasAnsi(upload.stdout)).toBe(false);
  });

  it('models --json lists the local models as available', async () => {
    const models = parseJson<{ details: { id: string; available: boolean; provider: string }[] }>(await cli('models', '--json'));
    const available = models.details.filter((m) => m.available).map((m) => m.id);
    expect(available).toEqual(expect.arrayContaining(['local-full', 'local-shots', 'local-audio', 'local-look', 'local-judge']));
    expect(models.details.find((m) => m.id === 'local-full')?.provider).toBe('local');
  });

  it('models --refresh asks the server to list the providers first and shows the shutdown notices', async () => {
    const models = parseJson<{ details: { id: string; notice?: string; retired_to: string | null }[] }>(await cli('models', '--refresh', '--json'));
    const sonnet = models.details.find((m) => m.id === 'claude-sonnet-4-5');
    expect(sonnet?.notice).toMatch(/claude-sonnet-4-5 down on 2026-11-30/);
    expect(models.details.find((m) => m.id === 'local-full')?.notice).toBeUndefined();
  });

  it('compare with the local models shows progress and ends with a table of scores (exit 0, no colours in a pipe)', async () => {
    const result = await cli('compare', '--video', videoId, '--template', 'transitions-pacing', '--models', 'local-full,local-shots', '--judge', 'local-judge');
    expect(result.code, result.stderr).toBe(0);
    expect(hasAnsi(result.stdout)).toBe(false);
    expect(result.stdout).toMatch(/local-full succeeded/);
    const header = result.stdout.split('\n').findIndex((line) => /^model\s+status\s+score\s+latency\s+tokens in\/out\s+cost$/.test(line));
    expect(header, result.stdout).toBeGreaterThan(0);
    const rows = result.stdout.split('\n').slice(header + 2, header + 4);
    expect(rows.map((row) => row.split(/\s+/)[0]).sort()).toEqual(['local-full', 'local-shots']);
    for (const row of rows) expect(row).toMatch(/\bok\s+\d+(\.\d)?\/10\s/);
    expect(result.stdout).toMatch(/Judge \(local-judge\): /);
  });

  it('compare --json prints only the finished job view on stdout; a local FILE is uploaded first', async () => {
    const result = await cli('--json', 'compare', '--video', videoFile, '--prompt', 'Where are the cuts?', '--models', 'local-shots', '--judge', 'none');
    expect(result.code, result.stderr).toBe(0);
    const view = parseJson(result);
    expect(view).toMatchObject({ job_type: 'single_compare', status: 'completed', progress: 100 });
    expect(view.result.results[0]).toMatchObject({ model_id: 'local-shots', status: 'succeeded' });
    // the same bytes as the video uploaded above: the library answers with that video instead of a copy
    expect(view.result.video_id).toBe(videoId);
    expect(result.stderr).toMatch(/uploaded .*cuts-and-silence\.mp4 as /);
  });

  it('batch prints a score table and a leaderboard', async () => {
    const result = await cli('batch', '--videos', videoId, '--templates', 'editing,audio', '--models', 'local-full,local-audio', '--judge', 'local-judge', '--concurrency', '2');
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.split('\n');
    const board = lines.findIndex((line) => line === 'Leaderboard');
    expect(board, result.stdout).toBeGreaterThan(0);
    expect(lines[board + 1]).toMatch(/^#\s+model\s+mean score\s+wins\s+ties\s+comparisons/);
    const ranked = lines.slice(board + 3, board + 5);
    expect(ranked.map((row) => row.trim().split(/\s+/)[1]).sort()).toEqual(['local-audio', 'local-full']);
    for (const row of ranked) expect(row).toMatch(/^\d\s+local-\w+\s+\d+\.\d\d\s+\d+\s+\d+\s+2\s/);
    expect(result.stdout).toMatch(/cuts-and-silence\.mp4\s+editing\s+\d/);
  });

  it('jobs lists, shows, refuses to cancel a finished job (exit 1, the server\'s message), deletes', async () => {
    const list = parseJson<any[]>(await cli('jobs', '--json', '--limit', '2'));
    expect(list).toHaveLength(2);
    const single = parseJson<any[]>(await cli('--json', 'jobs', '--status', 'completed')).find((job) => job.job_type === 'single_compare' && job.request_data.judge_model === 'local-judge');
    const id: string = single.job_id;

    const table = await cli('jobs');
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(id);

    const show = await cli('jobs', 'show', id);
    expect(show.code, show.stderr).toBe(0);
    expect(show.stdout).toContain(`Job ${id}`);
    expect(show.stdout).toMatch(/\/10/);

    const cancel = await cli('jobs', 'cancel', id);
    expect(cancel.code).toBe(1);
    expect(oneLine(cancel)).toEqual([expect.stringMatching(/already completed and cannot be cancelled/)]);
    const { body: detail } = await api(`${server.url}/api/jobs/${id}/cancel`, { method: 'POST' });
    expect(cancel.stderr).toContain(detail.detail);

    const removed = await cli('jobs', 'delete', id);
    expect(removed.code, removed.stderr).toBe(0);
    const gone = await cli('jobs', 'show', id);
    expect(gone.code).toBe(1);
    expect(oneLine(gone)).toEqual([expect.stringMatching(/not found/)]);
  });

  it('rejudge judges a finished job\'s answers again in a new job; an unknown judge gets the server\'s refusal (exit 1)', async () => {
    const source = parseJson<any[]>(await cli('--json', 'jobs', '--status', 'completed')).find((job) => job.job_type === 'batch_compare' && job.request_data.judge_model === 'local-judge');
    expect(source).toBeDefined();
    const result = await cli('--json', 'rejudge', source.job_id.slice(0, 8), '--judge', 'local-judge', '--runs', '2');
    expect(result.code, result.stderr).toBe(0);
    const view = parseJson(result);
    expect(view).toMatchObject({ status: 'completed', rejudge_of: source.job_id, request_data: { judge_model: 'local-judge', judge_runs: 2 } });
    const before = (await api(`${server.url}/api/jobs/${source.job_id}`)).body;
    const answers = (result: any) => result.comparisons.flatMap((c: any) => c.results.map((r: any) => r.response));
    expect(answers(view.result)).toEqual(answers(before.result));
    expect(answers(view.result).length).toBeGreaterThan(0);
    const unknownJudge = await cli('rejudge', source.job_id, '--judge', 'no-such-judge');
    expect(unknownJudge.code).toBe(1);
    expect(oneLine(unknownJudge)).toEqual([expect.stringMatching(/unknown model "no-such-judge"/)]);
  });

  it('export writes a csv file', async () => {
    const [job] = parseJson<any[]>(await cli('--json', 'jobs', '--status', 'completed', '--limit', '1'));
    const file = path.join(outDir, 'export.csv');
    const result = await cli('export', job.job_id, '--format', 'csv', '--output', file);
    expect(result.code, result.stderr).toBe(0);
    expect(existsSync(file)).toBe(true);
    const [header, ...rows] = readFileSync(file, 'utf8').trim().split('\n');
    expect(header).toMatch(/model_id/);
    expect(header).toMatch(/score/);
    expect(rows.length).toBeGreaterThan(0);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });

  it('watch --start 3 creates three jobs at once and watches them all to completion', async () => {
    const result = await cli('--json', 'watch', '--start', '3', '--video', videoId, '--models', 'local-full,local-look', '--judge', 'local-judge');
    expect(result.code, result.stderr).toBe(0);
    const summary = parseJson(result);
    expect(summary.jobs).toHaveLength(3);
    expect(summary.jobs.map((job: any) => job.status)).toEqual(['completed', 'completed', 'completed']);
    expect(new Set(summary.jobs.map((job: any) => job.job_id)).size).toBe(3);
    expect(summary).toHaveProperty('wall_ms');
    expect(summary).toHaveProperty('sum_of_job_durations_ms');
    expect(result.stderr).toMatch(/Created 3 jobs in /);
  });

  it('a usage error exits 2 with one line on stderr', async () => {
    for (const args of [['compare', '--video', 'abc'], ['jobs', '--bogus'], ['jobs', '--limit', 'zero'], ['compare', '--video', 'x', '--prompt', 'p', '--template', 'editing']]) {
      const result = await cli(...args);
      expect(result.code, `${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(oneLine(result)).toHaveLength(1);
      expect(result.stdout).toBe('');
    }
  });

  it('an unknown template is a usage error that lists the known ones', async () => {
    const result = await cli('compare', '--video', videoId, '--template', 'nope');
    expect(result.code).toBe(2);
    expect(oneLine(result)).toEqual([expect.stringMatching(/unknown template "nope" \(known: .*transitions-pacing/)]);
  });

  it('an unreachable server gives one clear line and exit 1', async () => {
    const result = await runCli(['--server', 'http://127.0.0.1:9', 'jobs']);
    expect(result.code).toBe(1);
    expect(oneLine(result)).toEqual([expect.stringMatching(/^vidcompare: Cannot reach the vidcompare server at http:\/\/127\.0\.0\.1:9 /)]);
  });
});

describe('vidcompare CLI against a server with a token and a 5 MB upload limit', () => {
  let guarded: TestServer;
  beforeAll(async () => {
    guarded = await startTestServer({ env: { VIDCOMPARE_TOKEN: 'cli-secret', VIDCOMPARE_MAX_UPLOAD_MB: '5' } });
  });
  afterAll(async () => {
    await guarded?.stop({ removeData: true });
  });

  it('says a token is needed (exit 1), and works with --token or VIDCOMPARE_TOKEN, event stream included', async () => {
    const refused = await runCli(['models'], { VIDCOMPARE_SERVER: guarded.url });
    expect(refused.code).toBe(1);
    expect(oneLine(refused)).toEqual([expect.stringMatching(/not authorised \(set --token or VIDCOMPARE_TOKEN\)/)]);

    const upload = await runCli(['--token', 'cli-secret', '--json', 'upload', videoFile], { VIDCOMPARE_SERVER: guarded.url });
    expect(upload.code, upload.stderr).toBe(0);
    const [video] = parseJson<any[]>(upload);

    const compare = await runCli(['compare', '--video', video.id, '--template', 'audio', '--models', 'local-audio', '--judge', 'local-judge'], {
      VIDCOMPARE_SERVER: guarded.url,
      VIDCOMPARE_TOKEN: 'cli-secret',
    });
    expect(compare.code, compare.stderr).toBe(0);
    expect(compare.stdout).toMatch(/local-audio\s+ok\s+\d+(\.\d)?\/10/);
  });

  it('reports the server\'s refusal of an upload over the limit, sent before the whole body', async () => {
    const big = path.join(outDir, 'too-big.mp4');
    writeFileSync(big, Buffer.alloc(12 * 1024 * 1024, 1));
    const result = await runCli(['--token', 'cli-secret', 'upload', big], { VIDCOMPARE_SERVER: guarded.url });
    expect(result.code).toBe(1);
    expect(oneLine(result)).toEqual([expect.stringMatching(/larger than the limit/)]);
  });
});
