import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  anthropicError,
  anthropicOverloaded,
  anthropicRateLimited,
  startAnthropicStandIn,
  userBlocks,
  type AnthropicStandIn,
  type AnthropicStandInOptions,
} from '../../../test/stand-ins/anthropic-stand-in.js';
import { unreadableSuccess } from '../../../test/stand-ins/json-api-stand-in.js';
import { startOpenAiStandIn } from '../../../test/stand-ins/openai-stand-in.js';
import { catalogueModelSchema } from '../../domain/index.js';
import { resolveMediaTools } from '../../videos/media-tools.js';
import { runFfmpegBinary, type FfmpegRunner } from '../frames/run-ffmpeg-binary.js';
import { createFrameSampler } from '../frames/sample-frames.js';
import { makeSampleVideoAsset } from '../frames/sample-video-asset.js';
import { createOpenAiProvider } from '../openai/create-openai-provider.js';
import type { GenerateRequest, VideoAsset } from '../provider.js';
import { isCancellation, ProviderError } from '../../core/provider-error.js';
import { createAnthropicProvider, type AnthropicProviderSettings } from './create-anthropic-provider.js';

const KEY = 'sk-ant-test-not-secret';
const tools = resolveMediaTools(process.env);
const model = catalogueModelSchema.parse({ id: 't-claude', name: 'Claude test', provider: 'anthropic', provider_model: 'claude-sonnet-4-5' });

let dir: string;
let video: VideoAsset;
let standIn: AnthropicStandIn | undefined;

// One rendered sample video, read-only, shared by this file's tests (rendering takes seconds).
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'anthropic-provider-'));
  video = await makeSampleVideoAsset(tools);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
// a developer's shell with keys exported: the adapter must use only what it is given
beforeEach(() => {
  vi.stubEnv('ANTHROPIC_API_KEY', 'sk-ant-from-the-shell');
  vi.stubEnv('ANTHROPIC_AUTH_TOKEN', '');
  vi.stubEnv('ANTHROPIC_BASE_URL', 'http://127.0.0.1:9');
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await standIn?.close();
  standIn = undefined;
});

async function start(options: AnthropicStandInOptions = {}): Promise<AnthropicStandIn> {
  standIn = await startAnthropicStandIn({ apiKey: KEY, ...options });
  return standIn;
}

function provider(s: AnthropicStandIn, extra: Partial<AnthropicProviderSettings> = {}) {
  return createAnthropicProvider({ apiKey: KEY, baseUrl: s.url, tools, frameSampler: createFrameSampler({ tools }), ...extra });
}

function request(extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model, prompt: 'Suggest edits for a 30 s cut.', video, signal: new AbortController().signal, ...extra };
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(() => undefined, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('Anthropic provider against the stand-in', () => {
  it('sends each frame as a "Frame at" text block and a base64 JPEG image block, then the prompt; system and max_tokens; reads usage', async () => {
    const s = await start();
    const result = await provider(s).generate(request({ system: 'You are a video editor.', params: { max_frames: 6 } }));

    const [body] = s.messageBodies();
    expect(body.model).toBe('claude-sonnet-4-5');
    expect(body.system).toBe('You are a video editor.');
    expect(body.max_tokens).toBe(4096);
    expect(body.tools).toBeUndefined();
    const blocks = userBlocks(body);
    expect(blocks[0].text).toMatch(/is shown as 6 frames sampled evenly/);
    expect(blocks.at(-1)).toEqual({ type: 'text', text: 'Suggest edits for a 30 s cut.' });
    const frames = blocks.slice(1, -1);
    expect(frames.map((block) => block.type)).toEqual(Array.from({ length: 6 }, () => ['text', 'image']).flat());
    const labels = frames.filter((block) => block.type === 'text').map((block) => block.text);
    expect(labels).toEqual(['Frame at 00:01', 'Frame at 00:03', 'Frame at 00:06', 'Frame at 00:08', 'Frame at 00:11', 'Frame at 00:13']);
    for (const image of frames.filter((block) => block.type === 'image')) {
      expect(image.source).toMatchObject({ type: 'base64', media_type: 'image/jpeg' });
      const jpeg = Buffer.from(image.source?.data ?? '', 'base64');
      expect([jpeg[0], jpeg[1]]).toEqual([0xff, 0xd8]);
    }
    expect(s.requests[0].headers['x-api-key'] ?? s.requests[0].headers.authorization).toMatch(new RegExp(`^(Bearer )?${KEY}$`));
    expect(s.requests[0].headers['anthropic-version']).toBeTruthy();

    expect(result.text).toContain('Saw 6 frames (Frame at 00:01 to Frame at 00:13)');
    expect(result.usage).toEqual({ input_tokens: expect.any(Number), output_tokens: Math.ceil(result.text.length / 4), thinking_tokens: null });
    expect(result.usage.input_tokens).toBeGreaterThan(6 * 400);
    expect(result.warnings).toEqual([]);
    expect(result.servedBy).toBeUndefined();
  });

  it('maps max_tokens and temperature; unknown params become warnings', async () => {
    const s = await start();
    const result = await provider(s).generate(request({ video: undefined, params: { max_tokens: 800, temperature: 0.3, top_k: 5, max_frames: 4 } }));
    const [body] = s.messageBodies();
    expect(body.max_tokens).toBe(800);
    expect(body.temperature).toBe(0.3);
    expect(body.messages).toEqual([{ role: 'user', content: [{ type: 'text', text: 'Suggest edits for a 30 s cut.' }] }]);
    expect(result.warnings).toEqual(['max_frames ignored: this call has no video', 'param "top_k" is not supported by Anthropic models and was ignored']);
  });

  it('structured output: asks in the prompt and forces the submit tool; the tool input comes back as JSON text', async () => {
    const s = await start({ respondTool: () => ({ score: 8, reasoning: 'grounded' }) });
    const schema = { type: 'object', properties: { score: { type: 'number' }, reasoning: { type: 'string' } }, required: ['score'] };
    const result = await provider(s).generate(request({ video: undefined, prompt: 'Judge these answers.', responseJsonSchema: schema }));
    const [body] = s.messageBodies();
    expect(body.tools).toEqual([{ name: 'submit', description: expect.any(String), input_schema: schema }]);
    expect(body.tool_choice).toEqual({ type: 'tool', name: 'submit' });
    const prompt = userBlocks(body).at(-1)?.text ?? '';
    expect(prompt.startsWith('Judge these answers.\n\nAnswer with JSON')).toBe(true);
    expect(prompt).toContain(JSON.stringify(schema));
    expect(JSON.parse(result.text)).toEqual({ score: 8, reasoning: 'grounded' });
  });

  it('a schema that is not an object is wrapped for the tool and unwrapped in the answer', async () => {
    const s = await start({ respondTool: () => ({ value: [1, 2, 3] }) });
    const schema = { type: 'array', items: { type: 'number' } };
    const result = await provider(s).generate(request({ video: undefined, responseJsonSchema: schema }));
    expect(s.messageBodies()[0].tools?.[0].input_schema).toEqual({ type: 'object', properties: { value: schema }, required: ['value'] });
    expect(JSON.parse(result.text)).toEqual([1, 2, 3]);
  });

  it('a 200 with an HTML page or cut-off JSON is a retryable error, after one request each; the next call reads its answer', async () => {
    const s = await start();
    s.failNext(unreadableSuccess('html'), unreadableSuccess('truncated', { id: 'msg_1', type: 'message', content: [] }));
    const claude = provider(s);
    for (const kind of ['html', 'truncated']) {
      const error = await failure(claude.generate(request({ video: undefined })));
      expect([kind, error.isRetryable, error.statusCode]).toEqual([kind, true, undefined]);
      expect(error.message).toMatch(/^Anthropic API returned a response that could not be read/);
    }
    expect(s.stats.calls).toBe(2);
    expect((await claude.generate(request({ video: undefined }))).text.length).toBeGreaterThan(0);
  });

  it('429 and 529 are retryable with retry-after honoured, after one request each; 500 too; 400, 401, 403, 404 are not', async () => {
    const s = await start();
    s.failNext(
      anthropicRateLimited(3),
      anthropicOverloaded(),
      anthropicError(500, 'api_error', 'Internal server error'),
      anthropicError(400, 'invalid_request_error', 'messages.0.content.1.image.source.base64: invalid image'),
      anthropicError(403, 'permission_error', 'Your API key does not have permission'),
      anthropicError(404, 'not_found_error', 'model: claude-nope'),
    );
    const claude = provider(s);
    const call = () => failure(claude.generate(request({ video: undefined })));
    const limited = await call();
    expect(limited).toMatchObject({ statusCode: 429, isRetryable: true, retryAfterMs: 3000, provider: 'anthropic' });
    expect(limited.message).toBe('Anthropic API 429 rate_limit_error: Number of requests has exceeded your per-minute rate limit.');
    expect(s.stats.calls).toBe(1);
    expect(await call()).toMatchObject({ statusCode: 529, isRetryable: true, message: 'Anthropic API 529 overloaded_error: Overloaded' });
    expect(await call()).toMatchObject({ statusCode: 500, isRetryable: true });
    expect(await call()).toMatchObject({ statusCode: 400, isRetryable: false });
    expect(await call()).toMatchObject({ statusCode: 403, isRetryable: false });
    expect(await call()).toMatchObject({ statusCode: 404, isRetryable: false });
    expect(s.stats.calls).toBe(6);
    expect(await failure(provider(s, { apiKey: 'wrong' }).generate(request({ video: undefined })))).toMatchObject({ statusCode: 401, isRetryable: false });
  });

  it('a refusal is not retryable; a max_tokens stop with text is a warning; text instead of the tool is a warning', async () => {
    const s = await start({ stopReason: (call) => (['refusal', 'max_tokens'][call.callIndex - 1] ?? 'end_turn') });
    const claude = provider(s);
    expect(await failure(claude.generate(request({ video: undefined })))).toMatchObject({ isRetryable: false });
    expect((await claude.generate(request({ video: undefined }))).warnings).toEqual(['answer was cut off at the token limit (stop_reason max_tokens)']);

    s.failNext({
      status: 200,
      body: { id: 'm', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5-20250929', content: [{ type: 'text', text: '{"score": 5}' }], stop_reason: 'end_turn', stop_sequence: null, usage: { input_tokens: 10, output_tokens: 4 } },
    });
    const texted = await claude.generate(request({ video: undefined, responseJsonSchema: { type: 'object' } }));
    expect(texted.text).toBe('{"score": 5}');
    expect(texted.warnings).toEqual(['the model answered in text instead of calling the submit tool']);
  });

  it('aborting a call in flight is a cancellation; the server sees the client leave', async () => {
    let arrived!: () => void;
    const atServer = new Promise<void>((resolve) => (arrived = resolve));
    const s = await start({ gate: () => (arrived(), new Promise<void>(() => undefined)) });
    const controller = new AbortController();
    const pending = provider(s).generate(request({ signal: controller.signal }));
    await atServer;
    controller.abort();
    expect(isCancellation(await pending.then(() => undefined, (caught: unknown) => caught))).toBe(true);
    await vi.waitFor(() => expect(s.stats.clientGone).toBe(1));
  });

  it('without a key it is unavailable and fails before any request', async () => {
    const s = await start();
    const claude = createAnthropicProvider({ baseUrl: s.url, tools });
    expect(claude.availability(model)).toEqual({ available: false, reason: 'ANTHROPIC_API_KEY not set' });
    expect(await failure(claude.generate(request()))).toMatchObject({ statusCode: 401, isRetryable: false, message: 'ANTHROPIC_API_KEY not set' });
    expect(s.requests).toHaveLength(0);
    const keyed = createAnthropicProvider({ apiKey: KEY, baseUrl: s.url, tools });
    expect(keyed.availability(model)).toEqual({ available: true });
    expect((await keyed.generate(request({ video: undefined }))).text).toContain('Analysis by claude-sonnet-4-5');
  });

  it('one frame extraction serves both providers and every model', async () => {
    const s = await start();
    const openAiStandIn = await startOpenAiStandIn();
    try {
      const runner = Object.assign((...args: Parameters<FfmpegRunner>) => ((runner.calls += 1), runFfmpegBinary(...args)), { calls: 0 });
      const sampler = createFrameSampler({ tools, runFfmpeg: runner });
      const claude = provider(s, { frameSampler: sampler });
      const openai = createOpenAiProvider({ baseUrl: openAiStandIn.url, tools, frameSampler: sampler });
      const gpt = catalogueModelSchema.parse({ id: 't-gpt', name: 'GPT', provider: 'openai', provider_model: 'gpt-4.1' });
      await Promise.all([claude.generate(request()), openai.generate(request({ model: gpt })), claude.generate(request())]);
      expect(runner.calls).toBe(1);
      expect(s.stats.calls).toBe(2);
      expect(openAiStandIn.stats.calls).toBe(1);
    } finally {
      await openAiStandIn.close();
    }
  });
});
