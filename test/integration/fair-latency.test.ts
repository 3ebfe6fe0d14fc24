import { afterEach, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

let server: TestServer | undefined;
let standIn: GeminiStandIn | undefined;

afterEach(async () => {
  await server?.stop({ removeData: true });
  await standIn?.close();
  server = undefined;
  standIn = undefined;
});

/**
 * The job engine's clock is a manual one: the stand-in moves it forward
 * while an upload is held (a slow upload) and while a call is answered (a
 * fast model), so the figures are exact and no wall-clock time is measured.
 */
describe('fair latency', () => {
  it('charges a slow upload to prepare_ms, once per video, and not to the latency of the models that share it', async () => {
    let clock = Date.parse('2026-12-01T12:00:00Z');
    const uploadMs = 30_000;
    const generateMs = 400;
    standIn = await startGeminiStandIn({
      processingPolls: 0,
      uploadGate: async () => {
        clock += uploadMs;
      },
      gate: async () => {
        clock += generateMs;
      },
    });
    server = await startTestServer({
      now: () => clock,
      // every video goes through the Files API (nothing inline)
      env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: standIn.url, VIDCOMPARE_GEMINI_INLINE_MAX_MB: '0' },
    });
    const video = await uploadVideo(server.url, await sampleVideoFile());
    const models = ['gemini-2.5-pro', 'gemini-2.5-flash'];
    const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'Describe the video', models, judge_model: 'none' } });
    await server.application.jobs.waitForFinish(created.body.job_id);
    const { body } = await api(`${server.url}/api/jobs/${created.body.job_id}`);
    const results = body.result.results;

    expect(standIn.stats.uploads).toBe(1);
    expect(results.map((r: any) => r.status)).toEqual(['succeeded', 'succeeded']);
    for (const result of results) {
      // both models waited for the one upload, before their calls
      expect(result.prepare_ms).toBeGreaterThanOrEqual(uploadMs);
      // the call alone: its own answer, at most also the other model's answer in flight at the same time
      expect(result.latency_ms).toBeGreaterThanOrEqual(generateMs);
      expect(result.latency_ms).toBeLessThanOrEqual(generateMs * models.length);
    }
  });
});
