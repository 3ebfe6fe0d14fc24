import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GenerateRequest, VideoProvider } from '../../src/providers/provider.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

/**
 * An answer about the audio of the generated 15 s video (tone until 5 s, then
 * silence) that also quotes a title: the judge reads on-screen text only for
 * text and caption questions, so the quote cannot be checked here.
 */
const answerText = '## Audio\n\n- A tone until 00:05, then silence from 00:05 to 00:15.\n- The title card reads "HELLO THERE" while the tone plays.';

const plantedProvider: VideoProvider = {
  specificationVersion: 'v1',
  family: 'test',
  availability: () => ({ available: true }),
  generate: async (_request: GenerateRequest) => ({ text: answerText, usage: { input_tokens: 10, output_tokens: 5, thinking_tokens: null }, warnings: [] }),
};

let server: TestServer;
let jobId: string;

beforeAll(async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'vidcompare-not-checked-'));
  const modelsFile = path.join(dir, 'models.json');
  writeFileSync(modelsFile, JSON.stringify({ models: [{ id: 'planted-quoter', name: 'Planted quoter', provider: 'test', provider_model: 'quoter', input_usd_per_mtok: 1, output_usd_per_mtok: 4 }] }));
  server = await startTestServer({ dataDir: dir, providers: [plantedProvider], env: { VIDCOMPARE_MODELS_FILE: modelsFile } });
  const video = await uploadVideo(server.url, await sampleVideoFile('cuts-and-silence'));
  const created = await api(`${server.url}/api/batch-compare-async`, {
    method: 'POST',
    json: { video_ids: [video.id], prompts: ['Describe the audio'], models: ['planted-quoter'], judge_model: 'local-judge' },
  });
  expect(created.status).toBe(200);
  jobId = created.body.job_id;
  await server.application.jobs.waitForFinish(jobId);
});

afterAll(() => server.stop({ removeData: true }));

describe('claims the judge cannot check, through the API', () => {
  it('the evaluation lists them per model, says so in the reasoning, and the export carries them', async () => {
    const view = await api(`${server.url}/api/jobs/${jobId}`);
    const [scored] = view.body.result.comparisons[0].evaluation;
    expect(scored.model_id).toBe('planted-quoter');
    expect(scored.not_checked).toEqual([expect.stringMatching(/^on-screen text "HELLO THERE" \(the on-screen text was not read/)]);
    expect(scored.reasoning).toMatch(/Not checked \(neutral for the score\): one claim/);
    expect(scored.weaknesses.join(' ')).not.toMatch(/HELLO THERE/);
    expect(scored.strengths.join(' ')).toMatch(/checkable claims match the measurement/);

    const csv = await (await fetch(`${server.url}/api/jobs/${jobId}/export?format=csv`)).text();
    expect(csv.split('\r\n')[0]).toMatch(/,weaknesses,not_checked,/);
    expect(csv).toMatch(/on-screen text ""HELLO THERE"" \(the on-screen text was not read/);
    const json = await api(`${server.url}/api/jobs/${jobId}/export?format=json`);
    expect(JSON.stringify(json.body)).toMatch(/"not_checked":\["on-screen text \\"HELLO THERE\\"/);
  });
});
