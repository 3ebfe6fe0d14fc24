import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn, type GenerateCallInfo } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { api } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

interface HeldCall {
  key: string;
  release(): void;
  answered: boolean;
}

const models = ['gemini-2.5-pro', 'gemini-2.5-flash', 'gemini-3-flash-preview', 'gemini-2.5-flash-lite'];
const prompts = ['Prompt one: list the cuts', 'Prompt two: describe the audio', 'Prompt three: suggest trims'];

describe('kill -9 in the middle of a batch', () => {
  let standIn: GeminiStandIn;
  let dataDir: string;
  const held: HeldCall[] = [];
  let autoRelease = false;

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'vidcompare-crash-'));
    standIn = await startGeminiStandIn({
      gate: (call: GenerateCallInfo) =>
        new Promise<void>((resolve) => {
          const prompt = call.body.contents?.flatMap((c) => c.parts ?? []).find((p) => p.text)?.text ?? '';
          const entry: HeldCall = { key: `${call.model}|${prompt}`, answered: false, release: () => { entry.answered = true; resolve(); } };
          held.push(entry);
          if (autoRelease) entry.release();
        }),
    });
  });

  afterAll(async () => {
    await standIn.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('resumes after restart and computes every model answer exactly once', async () => {
    const env = { VIDCOMPARE_DATA_DIR: dataDir, GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url };
    let server: ServerProcess = await startServerProcess(env);
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const created = await api(`${server.url}/api/batch-compare-async`, {
      method: 'POST',
      json: { video_ids: [video.id], prompts, models, judge_model: 'none' },
    });
    expect(created.status).toBe(200);
    const jobId = created.body.job_id;

    // combination 1: all four answer
    await waitFor(() => held.length === 4);
    held.forEach((h) => h.release());
    // combination 2: two answer, two are still in flight when the server dies
    await waitFor(() => held.length === 8);
    held.slice(4, 6).forEach((h) => h.release());
    await waitFor(async () => (await api(`${server.url}/api/jobs/${jobId}`)).body.units_done === 6);
    server.child.kill('SIGKILL');
    await server.exited;
    const inFlightAtKill = held.filter((h) => !h.answered).map((h) => h.key);
    expect(inFlightAtKill).toHaveLength(2);

    autoRelease = true;
    server = await startServerProcess(env);
    try {
      await waitFor(async () => (await api(`${server.url}/api/jobs/${jobId}`)).body.status === 'completed', 60_000);
      const view = await api(`${server.url}/api/jobs/${jobId}`);
      const results = view.body.result.comparisons.flatMap((c: any) => c.results);
      expect(results).toHaveLength(12);
      expect(results.every((r: any) => r.status === 'succeeded')).toBe(true);

      const answeredPerKey = new Map<string, number>();
      for (const call of held.filter((h) => h.answered)) answeredPerKey.set(call.key, (answeredPerKey.get(call.key) ?? 0) + 1);
      expect(answeredPerKey.size).toBe(12);
      expect([...answeredPerKey.values()].every((n) => n === 1)).toBe(true);
      // only the two calls that were in flight at the kill were made twice
      expect(held).toHaveLength(14);
      for (const key of inFlightAtKill) expect(held.filter((h) => h.key === key)).toHaveLength(2);
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
