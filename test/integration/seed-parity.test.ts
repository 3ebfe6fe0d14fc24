import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectTimestamps, timestampsPython39Rejects } from '../helpers/api-timestamps.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { readEvents } from '../helpers/sse-client.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

/*
 * The seed's own clients (its Next.js page and its Python concurrent-jobs
 * client) run unchanged against this server: these are the places where they
 * differed, checked through real HTTP.
 */

const localAnalyzers = ['local-full', 'local-shots', 'local-audio', 'local-look'];
const seedGemini = ['gemini-3-pro-preview', 'gemini-3-flash-preview', 'gemini-2.5-pro', 'gemini-2.5-flash'];

let server: TestServer;
let videoId: string;
let uploaded: unknown;

beforeAll(async () => {
  server = await startTestServer();
  uploaded = await uploadVideo(server.url, await sampleVideoFile());
  videoId = (uploaded as { id: string }).id;
});

afterAll(() => server.stop({ removeData: true }));

describe('duplicates, prompts and model names as the seed had them', () => {
  let batch: any;
  const prompt = '  Where are the cuts?  \n';

  beforeAll(async () => {
    const res = await api(`${server.url}/api/batch-compare`, {
      method: 'POST',
      json: { video_ids: [videoId, videoId], prompts: [prompt, prompt], models: ['local-audio'], judge_model: 'none' },
    });
    expect(res.status).toBe(200);
    batch = res.body;
  });

  it('[V, V] × [x, x] makes 4 combinations and the totals count what was sent', () => {
    expect(batch.comparisons).toHaveLength(4);
    expect(batch).toMatchObject({ total_videos: 2, total_prompts: 2, total_combinations: 4 });
    expect(batch.comparisons.map((c: any) => c.video_id)).toEqual([videoId, videoId, videoId, videoId]);
  });

  it('keeps the prompt exactly as sent', () => {
    for (const comparison of batch.comparisons) expect(comparison.prompt).toBe(prompt);
  });

  it('model_name is the model id; the display name is in display_name', () => {
    const [result] = batch.comparisons[0].results;
    expect(result.model_name).toBe('local-audio');
    expect(result.model_id).toBe('local-audio');
    expect(result.display_name).toBe('Local analyzer: audio');
    expect(batch.leaderboard.overall[0]).toMatchObject({ model_id: 'local-audio', model_name: 'local-audio', display_name: 'Local analyzer: audio' });
  });

  it('evaluation entries name the model by id too', async () => {
    const res = await api(`${server.url}/api/compare`, { method: 'POST', json: { video_id: videoId, prompt: 'List the cuts', models: ['local-audio'], judge_model: 'local-judge' } });
    expect(res.status).toBe(200);
    expect(res.body.evaluation).toEqual([expect.objectContaining({ model_name: 'local-audio', model_id: 'local-audio', display_name: 'Local analyzer: audio' })]);
  });
});

describe('timestamps parse with Python 3.9 datetime.fromisoformat (+00:00, never Z)', () => {
  it('in video, job, list and SSE responses', async () => {
    const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: videoId, prompt: 'Describe the audio', models: ['local-audio'], judge_model: 'none' } });
    expect(created.status).toBe(200);
    const jobId = created.body.job_id as string;
    // the job's stream ends when the job has finished, so every timestamp is set afterwards
    const events = await readEvents(`${server.url}/api/jobs/${jobId}/events`);
    const allEvents = await readEvents(`${server.url}/api/events`, (event) => event.type === 'ready');

    const responses: Record<string, unknown> = {
      upload: uploaded,
      videos: (await api(`${server.url}/api/videos`)).body,
      metadata: (await api(`${server.url}/api/video/${videoId}/metadata`)).body,
      job: (await api(`${server.url}/api/jobs/${jobId}`)).body,
      jobs: (await api(`${server.url}/api/jobs`)).body,
      export: (await api(`${server.url}/api/jobs/${jobId}/export?format=json`)).body,
      job_events: events.map((e) => e.data),
      all_events: allEvents.map((e) => e.data),
    };
    const job = responses.job as { created_at: string; started_at: string; completed_at: string };
    expect([job.created_at, job.started_at, job.completed_at].every(Boolean)).toBe(true);
    for (const [name, body] of Object.entries(responses)) {
      expect(collectTimestamps(body).length, `${name} has timestamps`).toBeGreaterThan(0);
      expect(timestampsPython39Rejects(body), name).toEqual([]);
    }
  });
});

describe('models omitted, null or [] mean the default set', () => {
  const bodies: [string, Record<string, unknown>][] = [
    ['omitted', {}],
    ['null', { models: null }],
    ['[]', { models: [] }],
  ];

  for (const [name, extra] of bodies) {
    it(`${name}: the local analyzers without a Gemini key`, async () => {
      const res = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: videoId, prompt: 'hi', judge_model: 'none', ...extra } });
      expect(res.status).toBe(200);
      const job = (await api(`${server.url}/api/jobs/${res.body.job_id}`)).body;
      expect(job.request_data.models).toEqual(localAnalyzers);
      await api(`${server.url}/api/jobs/${res.body.job_id}`, { method: 'DELETE' });
    });
  }

  it("the seed's four Gemini models when a Gemini key is set", async () => {
    // the key is junk and the base URL has nobody listening: the job is only created, read and deleted
    const gemini = await startTestServer({ env: { GEMINI_API_KEY: 'junk', GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:9' } });
    try {
      const geminiVideo = (await uploadVideo(gemini.url, await sampleVideoFile())).id;
      for (const [, extra] of bodies) {
        const res = await api(`${gemini.url}/api/compare-async`, { method: 'POST', json: { video_id: geminiVideo, prompt: 'hi', judge_model: 'none', ...extra } });
        expect(res.status).toBe(200);
        const job = (await api(`${gemini.url}/api/jobs/${res.body.job_id}`)).body;
        expect(job.request_data.models).toEqual(seedGemini);
        expect((await api(`${gemini.url}/api/jobs/${res.body.job_id}`, { method: 'DELETE' })).status).toBe(200);
      }
    } finally {
      await gemini.stop({ removeData: true });
    }
  });
});
