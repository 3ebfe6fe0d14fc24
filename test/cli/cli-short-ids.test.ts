import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeJob } from '../../src/store/__fixtures__/store-test-data.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { readEvents } from '../helpers/sse-client.js';
import { parseJson, runCli } from './cli-process.js';

/** the port the issue names; another process on this machine may hold it, and then any free port proves the same */
const wantedPort = 8123;

let server: TestServer;
let videoId: string;
let jobId: string;
const twins = ['abc00000-0000-4000-8000-000000000001', 'abc00000-0000-4000-8000-000000000002'];
const cli = (...args: string[]) => runCli(args, { VIDCOMPARE_SERVER: server.url });

async function startOnWantedPort(): Promise<TestServer> {
  try {
    return await startTestServer({ env: { PORT: String(wantedPort) } });
  } catch (error) {
    if ((error as { code?: string }).code !== 'EADDRINUSE') throw error;
    return startTestServer();
  }
}

beforeAll(async () => {
  server = await startOnWantedPort();
  videoId = (await uploadVideo(server.url, await sampleVideoFile())).id;
  const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: videoId, prompt: 'Describe the audio', models: ['local-audio'], judge_model: 'none' } });
  jobId = created.body.job_id;
  await readEvents(`${server.url}/api/jobs/${jobId}/events`);
  // two finished jobs whose ids share a prefix, to make an ambiguous short id
  for (const id of twins) await server.application.store.createJob(makeJob(id, { status: 'completed', videoId }));
});

afterAll(() => server?.stop({ removeData: true }));

describe('the CLI finds the server from PORT', () => {
  const port = () => new URL(server.url).port;

  it('talks to http://127.0.0.1:$PORT when VIDCOMPARE_SERVER and --server are not set', async () => {
    const result = await runCli(['--json', 'videos'], { PORT: port() });
    expect(result.code, result.stderr).toBe(0);
    expect(parseJson<{ id: string }[]>(result).map((v) => v.id)).toEqual([videoId]);
  });

  it('reads PORT from ./.env too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-port-env-'));
    try {
      writeFileSync(path.join(dir, '.env'), `PORT=${port()}\n`);
      const result = await runCli(['--json', 'videos'], {}, { cwd: dir });
      expect(result.code, result.stderr).toBe(0);
      expect(parseJson<{ id: string }[]>(result).map((v) => v.id)).toEqual([videoId]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('VIDCOMPARE_SERVER and --server win over PORT', async () => {
    expect((await runCli(['videos'], { PORT: '9', VIDCOMPARE_SERVER: server.url })).code).toBe(0);
    expect((await runCli(['--server', server.url, 'videos'], { PORT: '9' })).code).toBe(0);
    const unreachable = await runCli(['videos'], { PORT: port(), VIDCOMPARE_SERVER: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/127\.0\.0\.1:9\b/);
  });
});

describe('short ids', () => {
  it('jobs show, export and watch accept the 8-character id the CLI prints', async () => {
    const short = jobId.slice(0, 8);
    const shown = parseJson<{ job_id: string }>(await cli('--json', 'jobs', 'show', short));
    expect(shown.job_id).toBe(jobId);
    const exported = await cli('export', short, '--format', 'json');
    expect(exported.code, exported.stderr).toBe(0);
    expect(JSON.parse(exported.stdout).job_id).toBe(jobId);
    const watched = await cli('watch', short);
    expect(watched.code, watched.stderr).toBe(0);
    expect(watched.stdout).toContain(short);
  });

  it('compare accepts a unique prefix of a video id', async () => {
    const result = await cli('--json', 'compare', '--video', videoId.slice(0, 5), '--prompt', 'Where are the cuts?', '--models', 'local-audio', '--judge', 'none');
    expect(result.code, result.stderr).toBe(0);
    expect(parseJson<{ request_data: { video_id: string } }>(result).request_data.video_id).toBe(videoId);
  });

  it('an ambiguous prefix exits 2 and lists the matches', async () => {
    for (const args of [['jobs', 'show', 'abc0'], ['export', 'abc00000'], ['jobs', 'delete', 'abc']]) {
      const result = await cli(...args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
      expect(result.stderr).toMatch(/ambiguous/);
      for (const id of twins) expect(result.stderr).toContain(id);
    }
    expect((await api(`${server.url}/api/jobs?limit=1000`)).body).toHaveLength(4);
  });

  it('a prefix that matches nothing is passed on, and the server says it is not found', async () => {
    const result = await cli('jobs', 'show', 'fffffff');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Job fffffff not found/);
  });

  it('jobs delete takes a unique prefix', async () => {
    const result = await cli('jobs', 'delete', jobId.slice(0, 8));
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(jobId);
    expect((await api(`${server.url}/api/jobs/${jobId}`)).status).toBe(404);
  });
});
