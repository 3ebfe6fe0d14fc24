import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startGeminiStandIn, type GeminiStandIn } from '../../../test/stand-ins/gemini-stand-in.js';
import { catalogueModelSchema } from '../../domain/index.js';
import type { ProviderFileRecord, ProviderFileStore } from '../../store/store.js';
import { ProviderBatchError } from '../provider-batch.js';
import { ProviderError } from '../../core/provider-error.js';
import type { GenerateResult, VideoAsset } from '../provider.js';
import { createGeminiBatchApi } from './batch-api.js';

const KEY = 'test-key-not-secret';
const model = catalogueModelSchema.parse({ id: 'gemini-2.5-flash', name: 'Gemini 2.5 Flash', provider: 'gemini', provider_model: 'gemini-2.5-flash' });

function memoryFileStore(): ProviderFileStore {
  const records = new Map<string, ProviderFileRecord>();
  return {
    getProviderFile: async (provider, sha256) => records.get(`${provider}:${sha256}`),
    saveProviderFile: async (file) => void records.set(`${file.provider}:${file.sha256}`, file),
    deleteProviderFile: async (provider, sha256) => void records.delete(`${provider}:${sha256}`),
  };
}

let dir: string;
let standIn: GeminiStandIn;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'gemini-batch-'));
  standIn = await startGeminiStandIn({ apiKey: KEY, holdBatches: true, processingPolls: 0 });
});
afterEach(async () => {
  await standIn.close();
  await rm(dir, { recursive: true, force: true });
});

async function makeVideo(): Promise<VideoAsset> {
  const path = join(dir, 'clip.mp4');
  const bytes = randomBytes(4096);
  await writeFile(path, bytes);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return {
    useFile: (use) => use(path),
    record: {
      id: 'v1', filename: 'clip.mp4', size: bytes.length, content_type: 'video/mp4', duration_s: 5, width: 64, height: 64, fps: 25,
      has_audio: false, video_codec: 'h264', audio_codec: null, sha256, created_at: new Date().toISOString(),
    },
    openStream: () => createReadStream(path),
    facts: () => Promise.reject(new Error('not used')),
  };
}

const signal = () => new AbortController().signal;

describe('Gemini batch API through @google/genai against the stand-in', () => {
  it('uploads the video once, submits one keyed request per unit, and reads the answers back by key', async () => {
    const api = createGeminiBatchApi({ apiKey: KEY, baseUrl: standIn.url, files: memoryFileStore(), pollIntervalMs: 1 });
    const video = await makeVideo();
    const name = await api.submit(
      model,
      [
        { key: '0', prompt: 'List the cuts', video, params: { mediaResolution: 'low' } },
        { key: '1', prompt: 'Describe the audio track', video, params: {} },
      ],
      { displayName: 'vidcompare test', signal: signal() },
    );
    expect(name).toMatch(/^batches\//);
    expect(standIn.stats.uploads).toBe(1);
    const sent = standIn.batches.get(name)!;
    expect(sent.model).toBe('gemini-2.5-flash');
    expect(sent.displayName).toBe('vidcompare test');
    expect(sent.requests.map((r) => r.metadata)).toEqual([{ key: '0' }, { key: '1' }]);
    const parts = sent.requests[0]!.request.contents![0]!.parts!;
    expect(parts[0]!.fileData!.fileUri).toBe([...standIn.files.values()][0]!.uri);
    expect(parts[1]!.text).toBe('List the cuts');
    expect(sent.requests[0]!.request.generationConfig).toMatchObject({ mediaResolution: 'MEDIA_RESOLUTION_LOW' });

    expect((await api.status(name, model, ['0', '1'], signal())).state).toBe('pending');
    standIn.finishBatch(name, { requestErrors: { '1': 'Request contains an invalid argument.' } });
    const done = await api.status(name, model, ['0', '1'], signal());
    expect(done.state).toBe('succeeded');
    const first = done.results.get('0') as GenerateResult;
    expect(first.text).toContain('Prompt length: 13 characters');
    expect(first.usage).toEqual({ input_tokens: Math.ceil(13 / 4) + 1000, output_tokens: expect.any(Number), thinking_tokens: 7 });
    const second = done.results.get('1');
    expect(second).toBeInstanceOf(ProviderError);
    expect((second as ProviderError).message).toContain('Request contains an invalid argument.');
  });

  it('a failed batch gives every request Gemini\'s reason, typed and not retryable; an expired one says it expired', async () => {
    const api = createGeminiBatchApi({ apiKey: KEY, baseUrl: standIn.url, files: memoryFileStore() });
    const video = await makeVideo();
    const failed = await api.submit(model, [{ key: '0', prompt: 'A', video, params: {} }], { displayName: 'f', signal: signal() });
    standIn.finishBatch(failed, { state: 'BATCH_STATE_FAILED', error: 'Quota for batch requests exhausted' });
    const outcome = (await api.status(failed, model, ['0'], signal())).results.get('0');
    expect(outcome).toBeInstanceOf(ProviderBatchError);
    expect(outcome).toMatchObject({ batchState: 'failed', isRetryable: false });
    expect((outcome as Error).message).toContain('Quota for batch requests exhausted');

    const expired = await api.submit(model, [{ key: '0', prompt: 'A', video, params: {} }], { displayName: 'e', signal: signal() });
    standIn.finishBatch(expired, { state: 'BATCH_STATE_EXPIRED' });
    const status = await api.status(expired, model, ['0'], signal());
    expect(status.state).toBe('expired');
    expect((status.results.get('0') as Error).message).toMatch(/expired/);
  });

  it('cancels the batch at Gemini', async () => {
    const api = createGeminiBatchApi({ apiKey: KEY, baseUrl: standIn.url, files: memoryFileStore() });
    const name = await api.submit(model, [{ key: '0', prompt: 'A', video: await makeVideo(), params: {} }], { displayName: 'c', signal: signal() });
    await api.cancel(name, signal());
    expect(standIn.batchStats.cancels).toBe(1);
    expect((await api.status(name, model, ['0'], signal())).state).toBe('cancelled');
  });
});
