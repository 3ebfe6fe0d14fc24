import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, VideoProvider } from '../../src/providers/provider.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

/** Each answer names itself every way it can (id, name, provider, vendor), and carries a quality marker the voter reads. */
const contestants = [
  { id: 'arena-alpha', name: 'Alpha Vision Pro', quality: 3 },
  { id: 'arena-beta', name: 'Beta Lens', quality: 2 },
  { id: 'arena-gamma', name: 'Gamma Eye', quality: 1 },
];

const selfNamingProvider: VideoProvider = {
  specificationVersion: 'v1',
  family: 'test',
  availability: () => ({ available: true }),
  generate: async (request: GenerateRequest) => {
    const me = contestants.find((c) => c.id === request.model.id)!;
    return {
      text: `As ${me.name} (${me.id}, a test model, not Gemini 2.5 Pro nor GPT-4.1 by OpenAI) I see a cut at 00:05. QUALITY-${me.quality}`,
      usage: { input_tokens: 10, output_tokens: 10, thinking_tokens: null },
      warnings: [],
    };
  },
};

let server: TestServer;
let catalogueTerms: string[];

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-arena-'));
  const modelsFile = path.join(dir, 'models.json');
  writeFileSync(modelsFile, JSON.stringify({ models: contestants.map((c) => ({ id: c.id, name: c.name, provider: 'test', provider_model: c.id })) }));
  server = await startTestServer({ dataDir: dir, providers: [selfNamingProvider], env: { VIDCOMPARE_MODELS_FILE: modelsFile } });
  const video = await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'));
  const created = await api(`${server.url}/api/batch-compare-async`, {
    method: 'POST',
    json: { video_ids: [video.id], prompts: ['List every cut with its timestamp', 'Suggest edits for pacing'], models: contestants.map((c) => c.id), judge_model: 'local-judge' },
  });
  expect(created.status).toBe(200);
  await server.application.jobs.waitForFinish(created.body.job_id);
  const models = await api(`${server.url}/api/models`);
  catalogueTerms = models.body.details.flatMap((d: any) => [d.id, d.name, d.provider]);
  expect(catalogueTerms).toContain('arena-alpha');
  expect(catalogueTerms).toContain('test');
});

afterAll(() => server.stop({ removeData: true }));

/** The side whose answer carries the higher quality marker. */
function better(pair: any): 'a' | 'b' {
  const quality = (text: string) => Number(/QUALITY-(\d)/.exec(text)![1]);
  return quality(pair.a.response) > quality(pair.b.response) ? 'a' : 'b';
}

describe('blind arena over real HTTP', () => {
  it('hands out pairs with no model identity anywhere, reveals on the vote, and refuses double votes and unknown pairs', async () => {
    const seenModelPairs: string[] = [];
    for (let round = 0; round < 6; round++) {
      const next = await api(`${server.url}/api/arena/next`);
      expect(next.status).toBe(200);
      expect(Object.keys(next.body).sort()).toEqual(['a', 'b', 'category', 'pair_id', 'prompt', 'video_id', 'votes_cast']);
      expect(next.body.votes_cast).toBe(round);
      const text = JSON.stringify(next.body).toLowerCase();
      for (const term of catalogueTerms) expect(text, `"${term}" leaked`).not.toContain(term.toLowerCase());
      expect(next.body.a.response).toMatch(/cut at 00:05/);

      const vote = await api(`${server.url}/api/arena/votes`, { method: 'POST', json: { pair_id: next.body.pair_id, winner: better(next.body) } });
      expect(vote.status).toBe(200);
      expect(contestants.map((c) => c.id)).toContain(vote.body.a_model);
      expect(contestants.map((c) => c.id)).toContain(vote.body.b_model);
      expect(vote.body.a_model).not.toBe(vote.body.b_model);
      expect(vote.body.a_model_name).toBe(contestants.find((c) => c.id === vote.body.a_model)!.name);
      seenModelPairs.push([vote.body.a_model, vote.body.b_model].sort().join(' vs '));

      const again = await api(`${server.url}/api/arena/votes`, { method: 'POST', json: { pair_id: next.body.pair_id, winner: 'tie' } });
      expect(again.status).toBe(409);
      expect(again.body.detail).toMatch(/already has a vote/);
    }
    // informative order: the three model pairs each get a vote before any gets a second
    expect(new Set(seenModelPairs.slice(0, 3)).size).toBe(3);
    expect(new Set(seenModelPairs.slice(3)).size).toBe(3);

    const none = await api(`${server.url}/api/arena/next`);
    expect(none.status).toBe(404);
    expect(none.body.detail).toMatch(/No pair/);
  });

  it('answers bad votes with a clear 4xx and changes nothing', async () => {
    const unknown = await api(`${server.url}/api/arena/votes`, { method: 'POST', json: { pair_id: 'no-such-pair', winner: 'a' } });
    expect(unknown.status).toBe(404);
    const badWinner = await api(`${server.url}/api/arena/votes`, { method: 'POST', json: { pair_id: 'x', winner: 'c' } });
    expect(badWinner.status).toBe(400);
    expect(badWinner.body.detail).toMatch(/winner must be one of a, b, tie, both_bad/);
    expect((await api(`${server.url}/api/arena/votes`, { method: 'POST', json: {} })).status).toBe(400);
    expect((await api(`${server.url}/api/arena/next?category=nonsense`)).status).toBe(400);
    expect((await api(`${server.url}/api/arena/votes`)).body.total).toBe(6);
  });

  it('lists and exports the votes as JSON and CSV', async () => {
    const json = await api(`${server.url}/api/arena/votes?limit=4`);
    expect(json.body.votes).toHaveLength(4);
    expect(json.body.votes[0]).toMatchObject({ winner: expect.stringMatching(/^(a|b)$/), model_a: expect.any(String), voted_at: expect.any(String) });
    const csv = await fetch(`${server.url}/api/arena/votes?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe('pair_id,voted_at,winner,model_a,model_b,job_id,item_index,video_id,category,prompt');
    expect(lines).toHaveLength(7);
  });

  it('rates the models from the votes, the judge or both, best first with intervals', async () => {
    const human = await api(`${server.url}/api/ratings?source=human`);
    expect(human.status).toBe(200);
    expect(human.body).toMatchObject({ method: 'bradley-terry', source: 'human', resamples: 500 });
    expect(human.body.models.map((m: any) => m.model_id)).toEqual(['arena-alpha', 'arena-beta', 'arena-gamma']);
    const alpha = human.body.models[0];
    expect(alpha).toMatchObject({ model_name: 'Alpha Vision Pro', games: 4, wins: 4, ties: 0, losses: 0 });
    expect(alpha.ci_low).toBeLessThanOrEqual(alpha.rating);
    expect(alpha.ci_high).toBeGreaterThanOrEqual(alpha.rating);
    const mean = human.body.models.reduce((sum: number, m: any) => sum + m.rating, 0) / 3;
    expect(mean).toBeCloseTo(1000, 0);

    const judge = await api(`${server.url}/api/ratings?source=judge`);
    expect(judge.body.models.reduce((sum: number, m: any) => sum + m.games, 0)).toBe(2 * 3 * 2);
    const all = await api(`${server.url}/api/ratings?source=all`);
    expect(all.body.models.reduce((sum: number, m: any) => sum + m.games, 0)).toBe(2 * 3 * 2 + 6 * 2);
    const editing = await api(`${server.url}/api/ratings?source=human&category=editing`);
    expect(editing.body.models.reduce((sum: number, m: any) => sum + m.games, 0)).toBe(3 * 2);
    expect((await api(`${server.url}/api/ratings?source=crowd`)).status).toBe(400);
  });

  it('says how far each judge agrees with the human votes', async () => {
    const agreement = await api(`${server.url}/api/ratings/agreement`);
    expect(agreement.status).toBe(200);
    expect(agreement.body.judges).toHaveLength(1);
    const [local] = agreement.body.judges;
    expect(local).toMatchObject({ judge_model: 'local-judge', n: 6 });
    expect(local.agreement).toBeGreaterThanOrEqual(0);
    expect(local.agreement).toBeLessThanOrEqual(1);
  });
});
