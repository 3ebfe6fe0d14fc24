import { afterEach, describe, expect, it, vi } from 'vitest';
import { googleError, startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import { startAnthropicStandIn, type AnthropicStandIn } from '../stand-ins/anthropic-stand-in.js';
import type { ListFailure, StandInModel } from '../stand-ins/model-lists.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';
import { waitFor } from '../helpers/wait-for.js';

/** the server's clock reads 3 December 2026 (after the Claude Sonnet 4.5 and Gemini 2.5 shutdowns) and runs on from there */
const offset = Date.parse('2026-12-03T09:00:00Z') - Date.now();
const december3 = () => Date.now() + offset;

let server: TestServer | undefined;
let gemini: GeminiStandIn | undefined;
let anthropic: AnthropicStandIn | undefined;

afterEach(async () => {
  await server?.stop({ removeData: true });
  await gemini?.close();
  await anthropic?.close();
  server = gemini = anthropic = undefined;
  vi.restoreAllMocks();
});

/** What the stand-in's Gemini account offers: today's models, one the table does not know, an embedding model; no 2.5 Flash-Lite, no 3.1 Flash-Lite. */
const geminiOffer: StandInModel[] = [
  { id: 'gemini-3.1-pro-preview', display_name: 'Gemini 3.1 Pro Preview' },
  { id: 'gemini-3-flash-preview' },
  { id: 'gemini-3.8-flash' },
  { id: 'gemini-3.5-flash-lite' },
  { id: 'gemini-4-flash-preview', display_name: 'Gemini 4 Flash Preview' },
  { id: 'gemini-embedding-002', methods: ['embedContent', 'countTokens'] },
];

const detailsOf = async (url: string) => (await api(`${url}/api/models`)).body.details as any[];
const detail = (details: any[], id: string) => details.find((d) => d.id === id);

async function geminiServer(models: () => readonly StandInModel[] | ListFailure) {
  gemini = await startGeminiStandIn({ models, processingPolls: 0 });
  server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: gemini.url }, now: december3 });
  await waitFor(async () => detail(await detailsOf(server!.url), 'gemini-4-flash-preview') !== undefined);
  return server;
}

describe('live model discovery against the Gemini stand-in', () => {
  it('adds a model the table does not know (usable, cost null) and hides one the account stopped listing', async () => {
    const { url } = await geminiServer(() => geminiOffer);
    expect(gemini!.stats.listCalls).toBeGreaterThanOrEqual(1);
    const details = await detailsOf(url);
    expect(detail(details, 'gemini-4-flash-preview')).toMatchObject({
      provider: 'gemini', available: true, discovered: true, price_known: false, input_usd_per_mtok: null, output_usd_per_mtok: null,
    });
    expect(detail(details, 'gemini-embedding-002')).toBeUndefined();
    expect(detail(details, 'gemini-2.5-flash-lite')).toMatchObject({ available: false, reason: 'not offered by your Gemini account' });
    // announced for May 2027 and not offered either: both are said
    expect(detail(details, 'gemini-3.1-flash-lite').reason).toMatch(/^not offered by your Gemini account: Google shuts gemini-3\.1-flash-lite down on 2027-05-07/);
    expect(detail(details, 'gemini-3.8-flash')).toMatchObject({ available: true, discovered: false, price_known: true });

    const video = await uploadVideo(url, await sampleVideoFile());
    const compared = await api(`${url}/api/compare`, { method: 'POST', json: { video_id: video.id, prompt: 'What happens?', models: ['gemini-4-flash-preview'], judge_model: 'none' } });
    expect(compared.status).toBe(200);
    const [result] = compared.body.results;
    expect(result).toMatchObject({ model_id: 'gemini-4-flash-preview', status: 'succeeded', cost_usd: null, served_by: null });
    expect(result.input_tokens).toBeGreaterThan(0);
    expect(gemini!.stats.generateCalls['gemini-4-flash-preview']).toBe(1);

    const refused = await api(`${url}/api/compare`, { method: 'POST', json: { video_id: video.id, prompt: 'What happens?', models: ['gemini-2.5-flash-lite'], judge_model: 'none' } });
    expect(refused.status).toBe(400);
    expect(refused.body.detail).toMatch(/gemini-2\.5-flash-lite is not available: not offered by your Gemini account/);
    expect(gemini!.stats.generateCalls['gemini-2.5-flash-lite']).toBeUndefined();
  });

  it('an outage of the list keeps the last good list and says so; the next good list takes over', async () => {
    let offer: readonly StandInModel[] | ListFailure = geminiOffer;
    const { url } = await geminiServer(() => offer);
    offer = googleError(503, 'UNAVAILABLE', 'The service is currently unavailable.');
    const during = await api(`${url}/api/models/refresh`, { method: 'POST' });
    expect(during.status).toBe(200);
    const found = detail(during.body.details, 'gemini-4-flash-preview');
    expect(found.available).toBe(true);
    expect(found.reason).toMatch(/^the Gemini model list could not be refreshed \(.*The service is currently unavailable.*\); the list from 20\d\d-.* stays in use$/);
    expect(detail(during.body.details, 'gemini-2.5-flash-lite')).toMatchObject({ available: false, reason: 'not offered by your Gemini account' });
    // the local analyzers are static: no list, no reason
    expect(detail(during.body.details, 'local-full').reason).toBeUndefined();

    offer = geminiOffer.filter((m) => m.id !== 'gemini-4-flash-preview');
    const after = await api(`${url}/api/models/refresh`, { method: 'POST' });
    expect(detail(after.body.details, 'gemini-4-flash-preview')).toBeUndefined();
    expect(detail(after.body.details, 'gemini-3.8-flash').reason).toBeUndefined();
  });

  it('a retired id routes to its successor and says so: served_by, the notice, and no SDK warning', async () => {
    const warn = vi.spyOn(console, 'warn');
    const { url } = await geminiServer(() => geminiOffer);
    anthropic = await startAnthropicStandIn({ models: () => [{ id: 'claude-sonnet-5-5' }, { id: 'claude-sonnet-4-5', lifecycle: 'retired' }] });
    await server!.stop();
    server = await startTestServer({
      dataDir: server!.dataDir,
      env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: gemini!.url, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: anthropic.url },
      now: december3,
    });
    const refreshed = await api(`${server.url}/api/models/refresh`, { method: 'POST' });
    const details = refreshed.body.details;
    // billed as the model that answers
    expect(detail(details, 'gemini-2.5-pro')).toMatchObject({ available: true, retired_to: 'gemini-3.8-flash', input_usd_per_mtok: 0.75, output_usd_per_mtok: 3.75 });
    expect(detail(details, 'gemini-2.5-pro').notice).toBe('Google shut gemini-2.5-pro down on 2026-12-01; gemini-3.8-flash answers in its place');
    expect(detail(details, 'claude-sonnet-4-5')).toMatchObject({ available: true, retired_to: 'claude-sonnet-5-5' });
    expect(detail(details, 'claude-sonnet-4-5').notice).toMatch(/^Anthropic shut claude-sonnet-4-5 down on 2026-11-30/);
    // Anthropic's list names the retired id as a record: it is not offered as a model of its own
    expect(details.filter((d: any) => d.provider === 'anthropic' && d.discovered)).toEqual([]);

    const video = await uploadVideo(server.url, await sampleVideoFile());
    const compared = await api(`${server.url}/api/compare`, {
      method: 'POST',
      json: { video_id: video.id, prompt: 'What happens?', models: ['gemini-2.5-pro', 'claude-sonnet-4-5'], judge_model: 'none' },
    });
    expect(compared.status).toBe(200);
    const byId = Object.fromEntries(compared.body.results.map((r: any) => [r.model_id, r]));
    expect(byId['gemini-2.5-pro']).toMatchObject({ status: 'succeeded', served_by: 'gemini-3.8-flash' });
    expect(byId['claude-sonnet-4-5']).toMatchObject({ status: 'succeeded', served_by: 'claude-sonnet-5-5' });
    expect(byId['gemini-2.5-pro'].cost_usd).toBeGreaterThan(0);
    expect(gemini!.stats.generateCalls['gemini-3.8-flash']).toBe(1);
    expect(gemini!.stats.generateCalls['gemini-2.5-pro']).toBeUndefined();
    expect(anthropic.messageBodies().map((b) => b.model)).toEqual(['claude-sonnet-5-5']);
    expect(warn.mock.calls.map((args) => String(args[0])).filter((text) => /deprecated/i.test(text))).toEqual([]);

    // the export names the model that answered too
    const [job] = (await api(`${server.url}/api/jobs`)).body;
    const csv = await fetch(`${server.url}/api/jobs/${job.job_id}/export?format=csv`);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toMatch(/,gemini-2\.5-pro,Gemini 2\.5 Pro,gemini-3\.8-flash,succeeded,/);
  });

  it('start-up does not wait for the list: the server answers while Gemini has not, and follows when it does', async () => {
    let answer!: () => void;
    const held = new Promise<void>((resolve) => (answer = resolve));
    gemini = await startGeminiStandIn({ models: async () => { await held; return geminiOffer; } });
    server = await startTestServer({ env: { GEMINI_API_KEY: 'test-key', GOOGLE_GEMINI_BASE_URL: gemini.url }, now: december3 });
    await waitFor(() => gemini!.stats.listCalls === 1);
    const before = await detailsOf(server.url);
    expect(detail(before, 'gemini-4-flash-preview')).toBeUndefined();
    expect(detail(before, 'gemini-2.5-flash-lite')).toMatchObject({ available: true });
    answer();
    await waitFor(async () => detail(await detailsOf(server!.url), 'gemini-4-flash-preview') !== undefined);
    expect(detail(await detailsOf(server.url), 'gemini-2.5-flash-lite')).toMatchObject({ available: false });
  });

  it('junk keys and a dead endpoint: the server answers at once, the list fails fast and quietly, the table stays usable', async () => {
    server = await startTestServer({
      env: { GEMINI_API_KEY: 'junk', GOOGLE_GEMINI_BASE_URL: 'http://127.0.0.1:9', OPENAI_API_KEY: 'junk', OPENAI_BASE_URL: 'http://127.0.0.1:9/v1', ANTHROPIC_API_KEY: 'junk', ANTHROPIC_BASE_URL: 'http://127.0.0.1:9' },
      now: december3,
    });
    const first = await api(`${server.url}/api/models`);
    expect(first.status).toBe(200);
    const refreshed = await api(`${server.url}/api/models/refresh`, { method: 'POST' });
    for (const id of ['gemini-3.8-flash', 'gpt-4.1', 'claude-sonnet-5-5']) {
      const d = detail(refreshed.body.details, id);
      expect(d.available, id).toBe(true);
      expect(d.reason, id).toMatch(/model list could not be refreshed \(.+\); the built-in table stays in use$/);
    }
  });

  it('no key, no list call: a provider without a key is not asked', async () => {
    gemini = await startGeminiStandIn({ models: () => geminiOffer });
    server = await startTestServer({ env: { GOOGLE_GEMINI_BASE_URL: gemini.url }, now: december3 });
    await api(`${server.url}/api/models/refresh`, { method: 'POST' });
    expect(gemini.stats.listCalls).toBe(0);
    expect(detail(await detailsOf(server.url), 'gemini-3.8-flash')).toMatchObject({ available: false, reason: 'GEMINI_API_KEY not set' });
  });
});
