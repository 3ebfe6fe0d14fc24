import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

let server: TestServer | undefined;
let standIn: GeminiStandIn | undefined;
const scratch: string[] = [];

afterEach(async () => {
  await server?.stop({ removeData: true });
  await standIn?.close();
  server = undefined;
  standIn = undefined;
  for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A Gemini model that takes one call at a time, so a hung call holding its place would block every other job. */
function oneAtATimeModelsFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-timeout-models-'));
  scratch.push(dir);
  const file = path.join(dir, 'models.json');
  const model = { id: 'gemini-one-slot', name: 'Gemini, one slot', provider: 'gemini', provider_model: 'gemini-2.5-flash', limits: { requests_per_minute: 100_000, concurrent: 1 } };
  writeFileSync(file, JSON.stringify({ models: [model] }));
  return file;
}

const promptOf = (body: { contents?: { parts?: { text?: string }[] }[] }) =>
  (body.contents ?? []).flatMap((c) => c.parts ?? []).map((p) => p.text ?? '').join('');

describe('provider calls that never answer', () => {
  it('time out after VIDCOMPARE_PROVIDER_TIMEOUT_S, retry, fail as timed out, and free the model’s place for other jobs', async () => {
    // accepts the call and never answers when the prompt says so
    standIn = await startGeminiStandIn({ gate: (call) => (promptOf(call.body).includes('HANG-FOREVER') ? new Promise<void>(() => undefined) : Promise.resolve()) });
    server = await startTestServer({
      env: {
        GEMINI_API_KEY: 'test-key',
        GOOGLE_GEMINI_BASE_URL: standIn.url,
        VIDCOMPARE_MODELS_FILE: oneAtATimeModelsFile(),
        VIDCOMPARE_PROVIDER_TIMEOUT_S: '2',
        VIDCOMPARE_RETRY_ATTEMPTS: '2',
        // inline: the attempts time the answer alone, not an upload
        VIDCOMPARE_GEMINI_INLINE_MAX_MB: '20',
      },
    });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const start = async (prompt: string) =>
      (await api(`${server!.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt, models: ['gemini-one-slot'], judge_model: 'none' } })).body.job_id as string;
    const hung = await start('please HANG-FOREVER');
    // the hung call holds the model's only place before the others ask for it
    await waitFor(() => standIn!.requests.some((r) => r.kind === 'generateContent'));
    const others = [await start('answer one'), await start('answer two')];

    for (const id of others) await server.application.jobs.waitForFinish(id);
    const otherViews = await Promise.all(others.map(async (id) => (await api(`${server!.url}/api/jobs/${id}`)).body));
    expect(otherViews.map((job) => [job.status, job.result.results[0].status])).toEqual([
      ['completed', 'succeeded'],
      ['completed', 'succeeded'],
    ]);

    await server.application.jobs.waitForFinish(hung);
    const hungView = (await api(`${server.url}/api/jobs/${hung}`)).body;
    expect(hungView.status).toBe('completed');
    const answer = hungView.result.results[0];
    expect(answer.status).toBe('failed');
    expect(answer.error).toMatch(/timed out/i);
    expect(answer.attempts).toBe(2);

    // the hung call went first and held the only place; the others ran when its attempt timed out
    const order = standIn.requests.filter((r) => r.kind === 'generateContent').map((r) => promptOf(r.body as never));
    expect(order[0]).toBe('please HANG-FOREVER');
    expect(order.filter((p) => p === 'please HANG-FOREVER')).toHaveLength(2);
    expect(order.indexOf('answer one')).toBeGreaterThan(0);
  });

  it('drops a request whose body stalls: Node’s requestTimeout is set (Fastify turns it off by default)', async () => {
    server = await startTestServer();
    expect(server.application.app.server.requestTimeout).toBe(15 * 60_000);
  });
});
