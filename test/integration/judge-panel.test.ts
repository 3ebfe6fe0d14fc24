import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, VideoProvider } from '../../src/providers/provider.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * Contestants answer with a quality marker. Two LLM judges of the 'test'
 * family read the blind prompt: `judge-fair` scores by the marker;
 * `judge-first` prefers whatever it reads first (pure position bias), so its
 * order flips when the positions are reversed.
 */
const provider: VideoProvider = {
  specificationVersion: 'v1',
  family: 'test',
  availability: () => ({ available: true }),
  generate: async (request: GenerateRequest) => {
    const usage = { input_tokens: 100, output_tokens: 20, thinking_tokens: null };
    if (!request.responseJsonSchema) {
      const quality = Number(request.model.provider_model.slice(-1));
      return { text: `A cut at 00:05. QUALITY-${quality}`, usage, warnings: [] };
    }
    const responses = [...request.prompt.matchAll(/<response id="([A-Z]+)">([\s\S]*?)<\/response>/g)].map((m) => ({ label: m[1]!, quality: Number(/QUALITY-(\d)/.exec(m[2]!)![1]) }));
    const fair = request.model.id === 'judge-fair';
    const evaluations = responses.map((r, position) => ({
      response: r.label,
      score: fair ? 2 + 2 * r.quality : 9 - 2 * position,
      reasoning: fair ? `Quality ${r.quality}.` : `Read it in position ${position + 1}.`,
      strengths: [],
      weaknesses: [],
    }));
    return { text: JSON.stringify({ evaluations, overall_summary: fair ? 'By quality.' : 'By position.' }), usage, warnings: [] };
  },
};

let server: TestServer;
let video: { id: string };

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-panel-'));
  const modelsFile = path.join(dir, 'models.json');
  const contestant = (q: number) => ({ id: `contest-${q}`, name: `Contestant ${q}`, provider: 'test', provider_model: `contest-${q}` });
  const judge = (id: string) => ({ id, name: id, provider: 'test', provider_model: id, can_judge: true });
  writeFileSync(modelsFile, JSON.stringify({ models: [contestant(1), contestant(2), contestant(3), judge('judge-fair'), judge('judge-first')] }));
  server = await startTestServer({ dataDir: dir, providers: [provider], env: { VIDCOMPARE_MODELS_FILE: modelsFile } });
  video = await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'));
});

afterAll(() => server.stop({ removeData: true }));

async function judged(body: Record<string, unknown>): Promise<any> {
  const created = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'List the cuts', models: ['contest-1', 'contest-2', 'contest-3'], judge_context: 'text', ...body } });
  expect(created.status, JSON.stringify(created.body)).toBe(200);
  await server.application.jobs.waitForFinish(created.body.job_id);
  return (await api(`${server.url}/api/jobs/${created.body.job_id}`)).body.result;
}

describe('judge panel', () => {
  it('two judges: each one\'s scores, their mean as the verdict, their agreement, the flip rate and the same-family conflict', async () => {
    const result = await judged({ judge_models: ['judge-fair', 'judge-first'], judge_runs: 2 });
    expect(result.judges.map((j: any) => [j.judge_model, j.status])).toEqual([['judge-fair', 'succeeded'], ['judge-first', 'succeeded']]);
    const scoreBy = (judge: any, model: string) => judge.evaluation.find((e: any) => e.model_id === model).score;
    const [fair, first] = result.judges;
    expect([1, 2, 3].map((q) => scoreBy(fair, `contest-${q}`))).toEqual([4, 6, 8]);
    // position bias averaged over both orders: every answer ends with the same mean
    expect(new Set([1, 2, 3].map((q) => scoreBy(first, `contest-${q}`))).size).toBe(1);
    expect(fair.flip_rate).toBe(0);
    expect(first.flip_rate).toBe(1);

    for (const entry of result.evaluation) {
      const own = result.judges.map((j: any) => j.evaluation.find((e: any) => e.model_id === entry.model_id).score);
      expect(entry.score_exact).toBeCloseTo((own[0] + own[1]) / 2, 2);
      expect(entry.score).toBe(Math.round(entry.score_exact));
    }
    // 3 pairs per judge; the position-biased judge flips all 3, the fair one none
    expect(result.flip_rate).toBe(0.5);
    expect(result.judge_agreement.kendall_w).toBeGreaterThanOrEqual(0);
    expect(result.judge_agreement.kendall_w).toBeLessThan(1);
    expect(result.judge_agreement.max_spread).toBeGreaterThan(0);
    expect(result.judge_conflicts).toEqual([
      { judge_model: 'judge-fair', family: 'test', models: ['contest-1', 'contest-2', 'contest-3'] },
      { judge_model: 'judge-first', family: 'test', models: ['contest-1', 'contest-2', 'contest-3'] },
    ]);
  });

  it('one judge with judge_runs 2 reports its flip rate; the local judge is no family conflict', async () => {
    const single = await judged({ judge_model: 'judge-first', judge_runs: 2 });
    expect(single.judges).toBeNull();
    expect(single.flip_rate).toBe(1);
    const local = await judged({ judge_model: 'local-judge' });
    expect(local.judge_conflicts).toEqual([]);
  });

  it('refuses a bad panel with a clear 400', async () => {
    const both = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'x', models: ['contest-1'], judge_model: 'judge-fair', judge_models: ['judge-first'] } });
    expect(both.status).toBe(400);
    expect(both.body.detail).toMatch(/not both/);
    const cannot = await api(`${server.url}/api/compare-async`, { method: 'POST', json: { video_id: video.id, prompt: 'x', models: ['contest-1'], judge_models: ['judge-fair', 'contest-2'] } });
    expect(cannot.status).toBe(400);
    expect(cannot.body.detail).toMatch(/judge_models: contest-2 cannot act as a judge/);
  });
});
