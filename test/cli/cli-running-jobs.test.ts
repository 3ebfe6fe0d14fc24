import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatedProvider } from '../helpers/gated-provider.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { writeTestModelsFile } from '../helpers/test-models.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { parseJson, runCli, startCli } from './cli-process.js';

// model calls wait until the test releases them, so "running" is a state the test controls
const gate = new GatedProvider();
let server: TestServer;
let videoId: string;
const env = () => ({ VIDCOMPARE_SERVER: server.url });

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-cli-gated-'));
  server = await startTestServer({ dataDir: dir, providers: [gate], env: { VIDCOMPARE_MODELS_FILE: writeTestModelsFile(dir, 2) } });
  videoId = (await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'))).id;
});

afterAll(async () => {
  gate.release();
  await server?.stop({ removeData: true });
});

describe('vidcompare CLI with jobs that are still running', () => {
  it('cancelling a running job: jobs cancel exits 0, the compare following it and a watch of every running job exit 1', async () => {
    const compare = startCli(['compare', '--video', videoId, '--prompt', 'Describe the cuts', '--models', 'test-1,test-2', '--judge', 'none'], env());
    await compare.waitForStdout(/Job \S+ started/);
    const jobId = /Job (\S+) started/.exec(compare.stdout())![1]!;
    await gate.waitForInFlight(2);

    const running = parseJson<any[]>(await runCli(['--json', 'jobs', '--status', 'running'], env()));
    expect(running.map((job) => job.job_id)).toEqual([jobId]);

    const watch = startCli(['watch'], env());
    await watch.waitForStdout(`job ${jobId.slice(0, 8)}: running`);

    const cancel = await runCli(['jobs', 'cancel', jobId], env());
    expect(cancel.code, cancel.stderr).toBe(0);
    expect(cancel.stdout).toContain('Job cancelled');

    const followed = await compare.done;
    expect(followed.code).toBe(1);
    expect(followed.stderr.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`Job ${jobId} cancelled`))]);

    const watched = await watch.done;
    expect(watched.code).toBe(1);
    expect(watched.stdout).toMatch(new RegExp(`${jobId}\\s+single\\s+cancelled`));
    expect(watched.stderr).toMatch(/1 of 1 jobs did not complete/);
  });

  it('watch ID follows a running job until it completes (exit 0)', async () => {
    const { body } = await api(`${server.url}/api/batch-compare-async`, {
      method: 'POST',
      json: { video_ids: [videoId], prompts: ['one', 'two'], models: ['test-1', 'test-2'], judge_model: 'none' },
    });
    const jobId: string = body.job_id;
    await gate.waitForInFlight(2);
    const watch = startCli(['watch', jobId], env());
    await watch.waitForStdout(`job ${jobId.slice(0, 8)}: running`);
    gate.release();
    await gate.waitForInFlight(2);
    gate.release();
    const result = await watch.done;
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`${jobId}\\s+batch\\s+completed`));
  });
});
