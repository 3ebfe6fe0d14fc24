import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn, type GeminiStandInOptions } from '../../../test/stand-ins/gemini-stand-in.js';
import { catalogueModelSchema, type CatalogueModel } from '../../domain/index.js';
import type { ProviderFileRecord, ProviderFileStore } from '../../store/store.js';
import type { GenerateRequest, VideoAsset } from '../provider.js';
import { CancelledError, isCancellation, ProviderError } from '../../core/provider-error.js';
import { createGeminiProvider, type GeminiProviderSettings } from './create-gemini-provider.js';
import type { Clock } from '../../core/clock.js';

const MB = 1024 * 1024;
const KEY = 'test-key-not-secret';

function memoryFileStore(): ProviderFileStore & { records: Map<string, ProviderFileRecord> } {
  const records = new Map<string, ProviderFileRecord>();
  return {
    records,
    getProviderFile: async (provider, sha256) => records.get(`${provider}:${sha256}`),
    saveProviderFile: async (file) => void records.set(`${file.provider}:${file.sha256}`, file),
    deleteProviderFile: async (provider, sha256) => void records.delete(`${provider}:${sha256}`),
  };
}

/** A clock whose time the test moves and whose sleeps only yield a turn. */
function testClock(start = Date.now()): Clock & { advance(ms: number): void; sleeps: number } {
  let t = start;
  const clock = {
    sleeps: 0,
    now: () => t,
    advance: (ms: number) => void (t += ms),
    sleep: (_ms: number, signal?: AbortSignal) => {
      clock.sleeps += 1;
      if (signal?.aborted) return Promise.reject(new CancelledError());
      return new Promise<void>((resolve) => setImmediate(resolve));
    },
  };
  return clock;
}

const model = (providerModel = 'gemini-2.5-flash'): CatalogueModel =>
  catalogueModelSchema.parse({ id: `t-${providerModel}`, name: providerModel, provider: 'gemini', provider_model: providerModel });

let dir: string;
let standIn: GeminiStandIn | undefined;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gemini-provider-'));
});
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
  await rm(dir, { recursive: true, force: true });
});

async function start(options: GeminiStandInOptions = {}): Promise<GeminiStandIn> {
  standIn = await startGeminiStandIn({ apiKey: KEY, ...options });
  return standIn;
}

/** Writes `size` random bytes (in 1 MB pieces) and describes them as a stored video. */
async function makeVideo(size: number, name = 'clip.mp4'): Promise<VideoAsset> {
  const path = join(dir, name);
  const hash = createHash('sha256');
  const handle = await open(path, 'w');
  try {
    for (let written = 0; written < size; ) {
      const piece = randomBytes(Math.min(MB, size - written));
      hash.update(piece);
      await handle.write(piece);
      written += piece.length;
    }
  } finally {
    await handle.close();
  }
  const sha256 = hash.digest('hex');
  return {
    useFile: (use) => use(path),
    record: {
      id: sha256.slice(0, 12), filename: name, size, content_type: 'video/mp4', duration_s: 5, width: 64, height: 64, fps: 25,
      has_audio: false, video_codec: 'h264', audio_codec: null, sha256, created_at: new Date().toISOString(),
    },
    openStream: () => createReadStream(path),
    facts: () => Promise.reject(new Error('facts are not used by the Gemini adapter')),
  };
}

function provider(s: GeminiStandIn, extra: Partial<GeminiProviderSettings> & { files: ProviderFileStore }) {
  return createGeminiProvider({ apiKey: KEY, baseUrl: s.url, clock: testClock(), inlineMaxBytes: 1024, ...extra });
}

function request(video: VideoAsset | undefined, extra: Partial<GenerateRequest> = {}): GenerateRequest {
  return { model: model(), prompt: 'Describe the video second by second.', video, signal: new AbortController().signal, ...extra };
}

describe('Gemini provider against the stand-in', () => {
  it('uploads once, polls PROCESSING until ACTIVE, answers with usage, and reuses the file across calls and restarts', async () => {
    const s = await start({ processingPolls: 2 });
    const files = memoryFileStore();
    const video = await makeVideo(64 * 1024);
    const gemini = provider(s, { files });

    const first = await gemini.generate(request(video));
    expect(first.text).toContain('## Analysis by gemini-2.5-flash');
    expect(first.text).not.toContain('thinking about it');
    expect(first.text).toContain(`Prompt length: ${'Describe the video second by second.'.length} characters`);
    expect(first.usage.input_tokens).toBe(Math.ceil('Describe the video second by second.'.length / 4) + 1000);
    expect(first.usage.output_tokens).toBe(Math.ceil(first.text.length / 4));
    expect(first.usage.thinking_tokens).toBe(7);
    expect(first.warnings).toEqual([]);
    expect(s.stats.uploads).toBe(1);
    expect(s.stats.fileGets).toBe(3); // PROCESSING, PROCESSING, ACTIVE
    const stored = [...files.records.values()][0];
    const remote = s.files.get(stored.name);
    expect(remote?.sha256).toBe(video.record.sha256);
    expect(stored.expires_at).toBe(new Date(remote!.expirationTimeMs).toISOString());

    for (const id of ['gemini-2.5-flash', 'gemini-2.5-pro', 'gemini-3-flash-preview']) {
      await gemini.generate(request(video, { model: model(id) }));
    }
    const restarted = provider(s, { files });
    const afterRestart = await restarted.generate(request(video, { model: model('gemini-2.5-pro') }));
    expect(afterRestart.text).toContain('gemini-2.5-pro');
    expect(s.stats.uploads).toBe(1);
    expect(s.stats.bytesUploaded).toBe(64 * 1024);
    expect(s.stats.generateCalls).toEqual({ 'gemini-2.5-flash': 2, 'gemini-2.5-pro': 2, 'gemini-3-flash-preview': 1 });
    const lastBody = s.requests.filter((r) => r.kind === 'generateContent').at(-1)?.body as { contents: { parts: object[] }[] };
    expect(lastBody.contents[0].parts[0]).toEqual({ fileData: { fileUri: stored.uri, mimeType: 'video/mp4' } });
  });

  it('shares one upload between concurrent calls for the same video', async () => {
    const s = await start({ processingPolls: 3 });
    const gemini = provider(s, { files: memoryFileStore() });
    const video = await makeVideo(32 * 1024);
    const results = await Promise.all(Array.from({ length: 5 }, () => gemini.generate(request(video))));
    expect(results.every((r) => r.text.includes('Analysis by'))).toBe(true);
    expect(s.stats.uploads).toBe(1);
    expect(s.requests.filter((r) => r.kind === 'upload-start')).toHaveLength(1);
    expect(s.totalGenerateCalls()).toBe(5);
  });

  it('uploads again when the stored file is about to expire', async () => {
    const clock = testClock();
    const s = await start({ now: clock.now, fileTtlMs: 48 * 3600_000 });
    const files = memoryFileStore();
    const gemini = provider(s, { files, clock });
    const video = await makeVideo(16 * 1024);
    await gemini.generate(request(video));
    const firstName = [...files.records.values()][0].name;

    clock.advance(46.5 * 3600_000); // 1.5 h left: still reused
    await gemini.generate(request(video));
    expect(s.stats.uploads).toBe(1);

    clock.advance(3600_000); // 0.5 h left, inside the 1 h margin
    await gemini.generate(request(video));
    expect(s.stats.uploads).toBe(2);
    expect([...files.records.values()][0].name).not.toBe(firstName);
  });

  it('re-uploads and retries once when the file is gone at generate time', async () => {
    const s = await start();
    const files = memoryFileStore();
    const gemini = provider(s, { files });
    const video = await makeVideo(16 * 1024);
    await gemini.generate(request(video));
    const gone = [...files.records.values()][0].name;
    s.makeGone(gone);

    const result = await gemini.generate(request(video));
    expect(result.text).toContain('Analysis by');
    expect(s.stats.uploads).toBe(2);
    expect(s.totalGenerateCalls()).toBe(3); // ok, 403 gone, ok after re-upload
    expect([...files.records.values()][0].name).not.toBe(gone);
  });

  it('sends small videos inline without any upload', async () => {
    const s = await start();
    const gemini = createGeminiProvider({ apiKey: KEY, baseUrl: s.url, files: memoryFileStore() });
    const video = await makeVideo(2048);
    const result = await gemini.generate(request(video));
    expect(result.text).toContain('inline video');
    expect(s.stats.uploads).toBe(0);
    expect(s.stats.inlineBytes).toBe(2048);
    const body = s.requests.find((r) => r.kind === 'generateContent')?.body as { contents: { parts: { inlineData?: { data: string } }[] }[] };
    expect(Buffer.from(body.contents[0].parts[0].inlineData!.data, 'base64').length).toBe(2048);
  });

  it('never sends a video over 20 MB inline, even when inlineMaxBytes asks for more', async () => {
    const s = await start();
    const video = await makeVideo(21 * MB);
    const gemini = createGeminiProvider({ apiKey: KEY, baseUrl: s.url, files: memoryFileStore(), inlineMaxBytes: 100 * MB, clock: testClock() });
    await gemini.generate(request(video));
    expect(s.stats.inlineBytes).toBe(0);
    expect(s.stats.uploads).toBe(1);
    expect(s.stats.bytesUploaded).toBe(21 * MB);
    expect(s.requests.filter((r) => r.kind === 'upload-chunk')).toHaveLength(3); // 8 MB chunks
    expect([...s.files.values()][0].sha256).toBe(video.record.sha256);
  });

  it('passes params through and warns about unknown ones', async () => {
    const s = await start({ respond: (body) => JSON.stringify({ echoed: Object.keys(body.generationConfig ?? {}).sort() }) });
    const gemini = provider(s, { files: memoryFileStore() });
    const video = await makeVideo(4096);
    const schema = { type: 'object', properties: { echoed: { type: 'array' } } };
    const result = await gemini.generate(request(video, {
      system: 'You are a video editor.',
      responseJsonSchema: schema,
      params: {
        videoMetadata: { fps: 2, startOffset: 1, endOffset: '4s' },
        mediaResolution: 'low',
        thinkingConfig: { thinkingBudget: 128 },
        temperature: 0.2,
        frobnicate: true,
      },
    }));
    expect(result.warnings).toEqual(['param "frobnicate" is not supported by Gemini models and was ignored']);
    const body = s.requests.find((r) => r.kind === 'generateContent')?.body as {
      contents: { parts: Record<string, unknown>[] }[];
      systemInstruction: { parts: { text: string }[] };
      generationConfig: Record<string, unknown>;
    };
    expect(body.contents[0].parts[0].videoMetadata).toEqual({ fps: 2, startOffset: '1s', endOffset: '4s' });
    expect(body.contents[0].parts[1]).toEqual({ text: 'Describe the video second by second.' });
    expect(body.systemInstruction.parts[0].text).toBe('You are a video editor.');
    expect(body.generationConfig).toMatchObject({
      mediaResolution: 'MEDIA_RESOLUTION_LOW',
      thinkingConfig: { thinkingBudget: 128 },
      temperature: 0.2,
      responseMimeType: 'application/json',
      responseJsonSchema: schema,
    });
    expect(JSON.parse(result.text).echoed).toContain('responseJsonSchema');
  });

  describe('with keys and a base URL exported in the shell', () => {
    beforeEach(() => {
      vi.stubEnv('GEMINI_API_KEY', 'junk-from-the-shell');
      vi.stubEnv('GOOGLE_API_KEY', 'junk-from-the-shell');
      vi.stubEnv('GOOGLE_GEMINI_BASE_URL', 'http://127.0.0.1:9');
    });
    afterEach(() => {
      vi.unstubAllEnvs();
    });

    it('reaches the configured base URL, not the SDK\'s GOOGLE_GEMINI_BASE_URL', async () => {
      const s = await start();
      const gemini = createGeminiProvider({ apiKey: KEY, baseUrl: s.url, files: memoryFileStore(), inlineMaxBytes: 1024, clock: testClock() });
      const result = await gemini.generate(request(await makeVideo(8192)));
      expect(result.text).toContain('Analysis by');
      expect(s.stats.uploads).toBe(1);
    });

    it('is unavailable without a configured key, and never sends one from the shell', async () => {
      const gemini = createGeminiProvider({ files: memoryFileStore() });
      expect(gemini.availability(model())).toEqual({ available: false, reason: 'GEMINI_API_KEY not set' });
      const error = await gemini.generate(request(undefined)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProviderError);
      expect((error as ProviderError).isRetryable).toBe(false);
    });
  });

  it('stops polling when the only caller is cancelled, and stores nothing', async () => {
    const s = await start({ processingPolls: 1000 });
    const files = memoryFileStore();
    const controller = new AbortController();
    const clock = testClock();
    const sleep = clock.sleep;
    clock.sleep = (ms, signal) => {
      if (clock.sleeps === 3) controller.abort();
      return sleep(ms, signal);
    };
    const gemini = provider(s, { files, clock });
    const error = await gemini.generate(request(await makeVideo(8192), { signal: controller.signal })).catch((e: unknown) => e);
    expect(isCancellation(error)).toBe(true);
    const getsAtCancel = s.stats.fileGets;
    // another request on the same stand-in proves the server is idle: no poll sneaked in after the abort
    await gemini.generate(request(undefined));
    expect(s.stats.fileGets).toBe(getsAtCancel);
    expect(getsAtCancel).toBeLessThanOrEqual(3);
    expect(files.records.size).toBe(0);
  });

  it('fails without retry when the video cannot be processed', async () => {
    const s = await start({ failProcessing: () => 'Video codec not supported' });
    const gemini = provider(s, { files: memoryFileStore() });
    const error = await gemini.generate(request(await makeVideo(8192))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(false);
    expect((error as Error).message).toContain('Video codec not supported');
    expect(s.totalGenerateCalls()).toBe(0);
  });
});
