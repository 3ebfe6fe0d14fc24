import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, VideoProvider } from '../../src/providers/provider.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

/** Answers planted per model, about the generated 15 s video with cuts at 5 s and 10 s and silence from 5 s. */
const planted: Record<string, string> = {
  correct: '## Cuts\n\n- 00:05 hard cut to the second shot\n- 00:10 hard cut to the third shot\n\n## Audio\n\nA tone until 00:05, then silence from 00:05 to 00:15.',
  'wrong-cuts': '## Cuts\n\n- 00:03 hard cut to the second shot\n- 00:08 hard cut to the third shot\n\n## Audio\n\nA tone until 00:05, then silence to the end.',
  'past-end': '## Cuts\n\n- 00:05 cut\n- 00:10 cut\n- 00:42 cut to the closing titles\n- 01:10 final cut',
};

const plantedProvider: VideoProvider = {
  specificationVersion: 'v1',
  family: 'test',
  availability: () => ({ available: true }),
  generate: async (request: GenerateRequest) => ({
    text: planted[request.model.provider_model]!,
    usage: { input_tokens: 100, output_tokens: 50, thinking_tokens: null },
    warnings: [],
  }),
};

let server: TestServer;
let jobId: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-judging-'));
  const modelsFile = path.join(dir, 'models.json');
  writeFileSync(modelsFile, JSON.stringify({
    models: Object.keys(planted).map((key) => ({ id: `planted-${key}`, name: `Planted ${key}`, provider: 'test', provider_model: key, input_usd_per_mtok: 1, output_usd_per_mtok: 4 })),
  }));
  server = await startTestServer({ dataDir: dir, providers: [plantedProvider], env: { VIDCOMPARE_MODELS_FILE: modelsFile } });
  const video = await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'));
  const created = await api(`${server.url}/api/batch-compare-async`, {
    method: 'POST',
    json: { video_ids: [video.id], prompts: ['List every cut with its timestamp', 'Describe the audio'], models: Object.keys(planted).map((k) => `planted-${k}`), judge_model: 'local-judge' },
  });
  jobId = created.body.job_id;
  await server.application.jobs.waitForFinish(jobId);
});

afterAll(() => server.stop({ removeData: true }));

describe('local judge on a generated video with known truth', () => {
  it('ranks the correct answer above wrong cuts, and wrong cuts above times past the end', async () => {
    const view = await api(`${server.url}/api/jobs/${jobId}`);
    const cuts = view.body.result.comparisons[0];
    // the ranking is on the precise score; the integer users see may tie two close answers
    const score = (id: string) => cuts.evaluation.find((e: any) => e.model_id === id).score_exact;
    const shown = (id: string) => cuts.evaluation.find((e: any) => e.model_id === id).score;
    expect(score('planted-correct')).toBeGreaterThan(score('planted-wrong-cuts'));
    expect(score('planted-wrong-cuts')).toBeGreaterThan(score('planted-past-end'));
    expect(shown('planted-correct')).toBeGreaterThan(shown('planted-wrong-cuts'));
    expect(shown('planted-wrong-cuts')).toBeGreaterThanOrEqual(shown('planted-past-end'));
    const pastEnd = cuts.evaluation.find((e: any) => e.model_id === 'planted-past-end');
    expect(pastEnd.weaknesses.join(' ')).toMatch(/00:42/);
  });
});

describe('reports', () => {
  it('leaderboard per model, with wins, latency, tokens and cost', async () => {
    const res = await api(`${server.url}/api/jobs/${jobId}/leaderboard`);
    expect(res.status).toBe(200);
    expect(res.body.overall.map((r: any) => r.model_id)[0]).toBe('planted-correct');
    const correct = res.body.overall[0];
    expect(correct).toMatchObject({ comparisons: 2, errors: 0, input_tokens: 200 });
    expect(correct.cost_usd).toBeCloseTo((200 * 1 + 100 * 4) / 1e6, 10);
    expect(correct.wins).toBeGreaterThanOrEqual(1);
    expect(Object.keys(res.body.by_category).length).toBeGreaterThanOrEqual(1);
    const job = await api(`${server.url}/api/jobs/${jobId}`);
    expect(job.body.result.totals).toMatchObject({ input_tokens: 600, output_tokens: 300 });
    expect(job.body.result.totals.cost_usd).toBeCloseTo(3 * ((200 * 1 + 100 * 4) / 1e6), 10);
  });

  it('exports one row per video × prompt × model as CSV, JSON and a self-contained HTML report', async () => {
    const csv = await fetch(`${server.url}/api/jobs/${jobId}/export?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toMatch(/^job_id,video_id,/);
    // answers span several lines inside quoted fields; each record starts with the job id
    expect(lines.filter((line) => line.startsWith(`${jobId},`))).toHaveLength(2 * 3);
    const json = await api(`${server.url}/api/jobs/${jobId}/export?format=json`);
    expect(json.status).toBe(200);
    const exported = JSON.stringify(json.body);
    const exportedScores = [...exported.matchAll(/"score":(-?[\d.]+)/g)].map((m) => Number(m[1]));
    expect(exportedScores.length).toBeGreaterThan(0);
    expect(exportedScores.every(Number.isInteger), exportedScores.join(', ')).toBe(true);
    const html = await fetch(`${server.url}/api/jobs/${jobId}/export?format=html`);
    const page = await html.text();
    expect(page).toMatch(/<html/i);
    expect(page).toContain('Planted correct');
    expect(page).not.toMatch(/<script/i);
    expect((await api(`${server.url}/api/jobs/${jobId}/export?format=pdf`)).status).toBe(400);
  });
});
