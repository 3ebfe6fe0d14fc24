import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  openAiError,
  openAiRateLimited,
  startOpenAiStandIn,
  userParts,
  type OpenAiStandIn,
  type OpenAiStandInOptions,
} from '../../../test/stand-ins/openai-stand-in.js';
import { unreadableSuccess } from '../../../test/stand-ins/json-api-stand-in.js';
import { catalogueModelSchema, type CatalogueModelInput } from '../../domain/index.js';
import { resolveMediaTools } from '../../videos/media-tools.js';
import { runFfmpegBinary, type FfmpegRunner } from '../frames/run-ffmpeg-binary.js';
import { createFrameSampler } from '../frames/sample-frames.js';
import { makeSampleVideoAsset } from '../frames/sample-video-asset.js';
import type { GenerateRequest, VideoAsset } from '../provider.js';
import { isCancellation, ProviderError } from '../../core/provider-error.js';
import { createOpenAiProvider, type OpenAiProviderSettings } from './create-openai-provider.js';

const KEY = 'sk-test-not-secret';
const tools = resolveMediaTools(process.env);
const model = (extra: Partial<CatalogueModelInput> = {}) =>
  catalogueModelSchema.parse({ id: 't-gpt', name: 'GPT test', provider: 'openai', provider_model: 'gpt-4.1', ...extra });

let dir: string;
let video: VideoAsset;
let standIn: OpenAiStandIn | undefined;

// One rendered sample video, read-only, shared by this file's tests (rendering takes seconds).
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'openai-provider-'));
  video = await makeSampleVideoAsset(tools);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
// a developer's shell with keys exported: the adapter must use only what it is given
beforeEach(() => {
  vi.stubEnv('OPENAI_API_KEY', 'sk-from-the-shell');
  vi.stubEnv('OPENAI_BASE_URL', 'http://127.0.0.1:9/v1');
  vi.stubEnv('OPENROUTER_API_KEY', 'or-from-the-shell');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await standIn?.close();
  standIn = undefined;
});

async function start(options: OpenAiStandInOptions = {}): Promise<OpenAiStandIn> {
  standIn = await startOpenAiStandIn({ apiKey: KEY, ...options });
  return standIn;
}

function countingRunner(): FfmpegRunner & { calls: number } {
  const runner = Object.assign((...args: Parameters<FfmpegRunner>) => ((runner.calls += 1), runFfmpegBinary(...args)), { calls: 0 });
  return runner;
}

function provider(s: OpenAiStandIn, extra: Partial<OpenAiProviderSettings> = {}) {
  return createOpenAiProvider({ apiKey: KEY, baseUrl: s.url, tools, frameSampler: createFrameSampler({ tools }), ...extra });
}

function request(extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model: model(), prompt: 'Describe the video second by second.', video, signal: new AbortController().signal, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('OpenAI-compatible provider against the stand-in', () => {
  it('sends maxFrames labelled JPEG frames in time order, then the prompt, with the system message; reads usage', async () => {
    const s = await start();
    const result = await provider(s).generate(request({ system: 'You are a video editor.' }));

    const [body] = s.chatBodies();
    expect(body.model).toBe('gpt-4.1');
    expect(body.messages[0]).toEqual({ role: 'system', content: 'You are a video editor.' });
    const parts = userParts(body);
    expect(parts[0].text).toMatch(/^The video "cuts-and-silence\.mp4" \(15\.0 s, 640x360\) is shown as 16 frames/);
    expect(parts.at(-1)).toEqual({ type: 'text', text: 'Describe the video second by second.' });
    const frames = parts.slice(1, -1);
    expect(frames).toHaveLength(32);
    const seconds: number[] = [];
    for (let i = 0; i < frames.length; i += 2) {
      const label = /^Frame at (\d\d):(\d\d)\.(\d)$/.exec(frames[i].text ?? '');
      expect(label).not.toBeNull();
      seconds.push(Number(label![1]) * 60 + Number(label![2]) + Number(label![3]) / 10);
      const url = frames[i + 1].image_url?.url ?? '';
      expect(url.startsWith('data:image/jpeg;base64,')).toBe(true);
      const jpeg = Buffer.from(url.slice('data:image/jpeg;base64,'.length), 'base64');
      expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    }
    expect(seconds).toEqual([...seconds].sort((a, b) => a - b));
    expect(new Set(seconds).size).toBe(16);
    expect(seconds[0]).toBeGreaterThanOrEqual(0);
    expect(seconds.at(-1)).toBeLessThan(video.record.duration_s);

    expect(result.text).toContain('Saw 16 frames (Frame at 00:00.5 to Frame at 00:14.6)');
    expect(result.usage.thinking_tokens).toBe(5);
    expect(result.usage.output_tokens).toBe(Math.ceil(result.text.length / 4));
    expect(result.usage.input_tokens).toBeGreaterThan(16 * 85);
    expect(result.servedBy).toBeUndefined(); // "gpt-4.1-2025-04-14" is the same model
    expect(result.warnings).toEqual([]);
    expect(s.requests[0].headers.authorization).toBe(`Bearer ${KEY}`);
  });

  it('maps params: max_frames, temperature, max_tokens, max_completion_tokens, image_detail; unknown ones become warnings', async () => {
    const s = await start({ servedModel: () => 'gpt-4o-mini' });
    const result = await provider(s).generate(
      request({ params: { max_frames: 3, temperature: 0.2, max_completion_tokens: 900, image_detail: 'low', fps: 2, temperature_typo: 1 } }),
    );
    const [body] = s.chatBodies();
    expect(userParts(body).filter((part) => part.type === 'image_url').map((part) => part.image_url?.detail)).toEqual(['low', 'low', 'low']);
    expect(body.temperature).toBe(0.2);
    expect(body.max_completion_tokens).toBe(900);
    expect(body.max_tokens).toBeUndefined();
    expect(result.warnings).toEqual([
      'param "fps" is not supported by OpenAI-compatible models and was ignored',
      'param "temperature_typo" is not supported by OpenAI-compatible models and was ignored',
    ]);
    expect(result.servedBy).toBe('gpt-4o-mini');

    await provider(s).generate(request({ video: undefined, params: { max_tokens: 50, max_frames: 2 } }));
    expect(s.chatBodies()[1].max_tokens).toBe(50);
  });

  it('asks for JSON with response_format json_schema (strict off); a text-only call sends the prompt as a string', async () => {
    const s = await start();
    const schema = { title: 'Judge verdict', type: 'object', properties: { score: { type: 'number' } }, required: ['score'] };
    const result = await provider(s).generate(request({ video: undefined, responseJsonSchema: schema, prompt: 'Score it.' }));
    const [body] = s.chatBodies();
    expect(body.response_format).toEqual({ type: 'json_schema', json_schema: { name: 'Judge_verdict', schema, strict: false } });
    expect(body.messages).toEqual([{ role: 'user', content: 'Score it.' }]);
    expect(JSON.parse(result.text)).toEqual({ model: 'gpt-4.1', images: 0, prompt_length: 9 });
  });

  it('a 429 is retryable with retryAfterMs from retry-after, after one request (SDK retries off); retry-after-ms wins', async () => {
    const s = await start();
    s.failNext(openAiRateLimited(7), openAiError(429, 'slow down', 'requests', 'rate_limit_exceeded', { 'retry-after-ms': '1250', 'retry-after': '2' }));
    const openai = provider(s);
    const first = await failure(openai.generate(request({ video: undefined })));
    expect(first).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 7000, provider: 'openai' });
    expect(first.message).toContain('rate_limit_exceeded');
    expect(s.stats.calls).toBe(1);
    expect((await failure(openai.generate(request({ video: undefined })))).retryAfterMs).toBe(1250);
    expect(s.stats.calls).toBe(2);
  });

  it('5xx is retryable; 400, 401, 404 and 422 are not, and name the server and its message', async () => {
    const s = await start();
    s.failNext(
      openAiError(500, 'The server had an error', 'server_error'),
      openAiError(400, "Invalid 'messages[1].content[2].image_url'", 'invalid_request_error', 'invalid_image'),
      openAiError(404, 'The model `gpt-9` does not exist', 'invalid_request_error', 'model_not_found'),
      openAiError(422, 'Unprocessable', 'invalid_request_error'),
    );
    const openai = provider(s);
    const call = () => failure(openai.generate(request({ video: undefined })));
    expect(await call()).toMatchObject({ statusCode: 500, isRetryable: true });
    const bad = await call();
    expect(bad).toMatchObject({ statusCode: 400, isRetryable: false });
    expect(bad.message).toBe(`OpenAI-compatible API at ${new URL(s.url).host} 400 invalid_image: Invalid 'messages[1].content[2].image_url'`);
    expect(await call()).toMatchObject({ statusCode: 404, isRetryable: false });
    expect(await call()).toMatchObject({ statusCode: 422, isRetryable: false });
    const wrongKey = await failure(provider(s, { apiKey: 'sk-wrong' }).generate(request({ video: undefined })));
    expect(wrongKey).toMatchObject({ statusCode: 401, isRetryable: false });
  });

  it('a 200 with an HTML page or cut-off JSON is a retryable error, after one request each; the next call reads its answer', async () => {
    const s = await start();
    s.failNext(unreadableSuccess('html'), unreadableSuccess('truncated'));
    const openai = provider(s);
    for (const kind of ['html', 'truncated']) {
      const error = await failure(openai.generate(request({ video: undefined })));
      expect([kind, error.isRetryable, error.statusCode]).toEqual([kind, true, undefined]);
      expect(error.message).toMatch(/could not be read/);
    }
    expect(s.stats.calls).toBe(2);
    expect((await openai.generate(request({ video: undefined }))).text.length).toBeGreaterThan(0);
  });

  it('an unreachable server is a retryable connection error without status', async () => {
    const s = await start();
    const url = s.url;
    await s.close();
    standIn = undefined;
    const error = await failure(createOpenAiProvider({ apiKey: KEY, baseUrl: url, tools }).generate(request({ video: undefined })));
    expect(error).toMatchObject({ statusCode: undefined, isRetryable: true });
  });

  it('aborting a call in flight is a cancellation; the server sees the client leave', async () => {
    let arrived!: () => void;
    const atServer = new Promise<void>((resolve) => (arrived = resolve));
    const s = await start({ gate: () => (arrived(), new Promise<void>(() => undefined)) });
    const controller = new AbortController();
    const pending = provider(s).generate(request({ signal: controller.signal }));
    await atServer;
    controller.abort();
    const error = await pending.then(() => undefined, (caught: unknown) => caught);
    expect(isCancellation(error)).toBe(true);
    await vi.waitFor(() => expect(s.stats.clientGone).toBe(1));

    const deadline = new AbortController();
    deadline.abort(new DOMException('deadline', 'TimeoutError'));
    const timedOut = await failure(provider(s).generate(request({ signal: deadline.signal })));
    expect(timedOut.isRetryable).toBe(true);
  });

  it('content_filter and refusals are not retryable; a length stop with text is a warning, without text an error', async () => {
    const s = await start({
      finishReason: (call) => (['content_filter', 'length', 'length'][call.callIndex - 1] ?? 'stop'),
      respond: (_body, call) => (call.callIndex === 3 ? '' : 'partial answer'),
      intercept: (call) =>
        call.callIndex === 4
          ? { status: 200, body: { id: 'x', object: 'chat.completion', created: 0, model: 'gpt-4.1', choices: [{ index: 0, message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' }, finish_reason: 'stop' }] } }
          : undefined,
    });
    const openai = provider(s);
    const textOnly = () => openai.generate(request({ video: undefined }));
    expect(await failure(textOnly())).toMatchObject({ isRetryable: false });
    const cut = await textOnly();
    expect(cut.warnings).toEqual(['answer was cut off at the output token limit (finish_reason length)']);
    expect((await failure(textOnly())).message).toContain('output token limit before answering');
    const refused = await failure(textOnly());
    expect(refused).toMatchObject({ isRetryable: false });
    expect(refused.message).toContain('I cannot help with that.');
  });

  it('without a key it is unavailable and fails before any request; with a base URL a key is optional', async () => {
    const s = await start({ apiKey: undefined });
    const noKey = createOpenAiProvider({ tools });
    expect(noKey.availability(model())).toEqual({ available: false, reason: 'OPENAI_API_KEY not set' });
    expect(await failure(noKey.generate(request()))).toMatchObject({ statusCode: 401, isRetryable: false, message: 'OPENAI_API_KEY not set' });


    const local = createOpenAiProvider({ baseUrl: s.url, tools });
    expect(local.availability(model())).toEqual({ available: true });
    const answer = await local.generate(request({ video: undefined }));
    expect(answer.text).toContain('Analysis by gpt-4.1');
    expect(s.requests[0].headers.authorization).toBe('Bearer no-key-needed');
  });

  it('a catalogue model can name its own base URL and key variable, and is never sent the OpenAI key', async () => {
    const s = await start({ apiKey: 'or-key' });
    const routed = model({ options: { base_url: s.url, api_key_env: 'OPENROUTER_API_KEY' } });
    const withoutNamedKey = createOpenAiProvider({ tools });
    expect(withoutNamedKey.availability(routed)).toEqual({ available: true });
    expect(withoutNamedKey.availability(model({ options: { api_key_env: 'OPENROUTER_API_KEY' } }))).toEqual({ available: false, reason: 'OPENROUTER_API_KEY not set' });
    const openai = createOpenAiProvider({ tools, namedApiKeys: { OPENROUTER_API_KEY: 'or-key' } });
    await openai.generate(request({ model: routed, video: undefined }));
    expect(s.requests[0].headers.authorization).toBe('Bearer or-key');

    // the OpenAI key stays with OpenAI: a model on another server without its own key sends none
    const elsewhere = createOpenAiProvider({ apiKey: KEY, tools });
    await failure(elsewhere.generate(request({ model: model({ options: { base_url: s.url } }), video: undefined })));
    expect(s.requests[1].headers.authorization).toBe('Bearer no-key-needed');
  });

  it('frames are extracted once for repeated and concurrent calls on the same video', async () => {
    const s = await start();
    const runner = countingRunner();
    const sampler = createFrameSampler({ tools, runFfmpeg: runner });
    const openai = provider(s, { frameSampler: sampler });
    await Promise.all([openai.generate(request()), openai.generate(request())]);
    await openai.generate(request({ model: model({ id: 't-other', provider_model: 'gpt-4o' }) }));
    expect(runner.calls).toBe(1);
    expect(sampler.stats.extractions).toBe(1);
    expect(s.stats.calls).toBe(3);
  });

  it('a video ffmpeg cannot read, or that yields no frames, is a non-retryable error, with no request sent', async () => {
    const s = await start();
    const broken: VideoAsset = { ...video, useFile: (use) => use(join(dir, 'missing.mp4')), record: { ...video.record, sha256: 'e'.repeat(64) } };
    const error = await failure(provider(s).generate(request({ video: broken })));
    expect(error.isRetryable).toBe(false);
    expect(error.message).toMatch(/^Could not sample frames from the video/);
    const empty = { sample: async () => [], stats: { extractions: 0, hits: 0, joined: 0 } };
    expect(await failure(provider(s, { frameSampler: empty }).generate(request()))).toMatchObject({ isRetryable: false });
    expect(s.stats.calls).toBe(0);
  });
});
