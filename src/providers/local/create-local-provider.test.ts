import { describe, expect, it } from 'vitest';
import { catalogueModelSchema, type MediaFacts, type VideoRecord } from '../../domain/index.js';
import { CancelledError, ProviderError } from '../../core/provider-error.js';
import type { GenerateRequest, VideoAsset } from '../provider.js';
import { fifteenSecondFacts } from './__fixtures__/sample-facts.js';
import { createLocalProvider } from './create-local-provider.js';

const record: VideoRecord = {
  id: 'v1',
  filename: 'sample.mp4',
  size: 1000,
  content_type: 'video/mp4',
  duration_s: 15,
  width: 1280,
  height: 720,
  fps: 25,
  has_audio: true,
  video_codec: 'h264',
  audio_codec: 'aac',
  sha256: 'abc',
  created_at: '2025-01-01T00:00:00.000Z',
};

function videoWith(facts: () => Promise<MediaFacts>): VideoAsset {
  return {
    record,
    useFile: (use) => use('/nonexistent/sample.mp4'),
    openStream: () => {
      throw new Error('local analyzers must not read the video bytes');
    },
    facts,
  };
}

function request(overrides: Partial<GenerateRequest> & { analyzer?: string } = {}): GenerateRequest {
  const { analyzer = 'shots', ...rest } = overrides;
  return {
    model: catalogueModelSchema.parse({ id: `local-${analyzer}`, name: analyzer, provider: 'local', provider_model: analyzer }),
    prompt: 'List every cut with its timestamp',
    video: videoWith(async () => fifteenSecondFacts()),
    signal: new AbortController().signal,
    ...rest,
  };
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: unknown) => error,
  );
}

describe('createLocalProvider', () => {
  const provider = createLocalProvider();

  it('is the always-available local family', () => {
    expect(provider.family).toBe('local');
    expect(provider.specificationVersion).toBe('v1');
    expect(provider.availability(request().model)).toEqual({ available: true });
  });

  it('answers in markdown from the facts, with no token usage and no warnings', async () => {
    for (const analyzer of ['full', 'shots', 'audio', 'look']) {
      const result = await provider.generate(request({ analyzer }));
      expect(result.text).toMatch(/^# Local analyzer/);
      expect(result.text).toContain('00:05.0');
      expect(result.usage).toEqual({ input_tokens: null, output_tokens: null, thinking_tokens: null });
      expect(result.warnings).toEqual([]);
    }
  });

  it('warns that it ignores params, system instructions and JSON schemas', async () => {
    const result = await provider.generate(
      request({ params: { fps: 2, media_resolution: 'low' }, system: 'Be brief', responseJsonSchema: { type: 'object' } }),
    );
    expect(result.warnings).toHaveLength(3);
    expect(result.warnings[0]).toContain('fps, media_resolution');
  });

  it('rejects an unknown analyzer without retry', async () => {
    const error = await rejection(provider.generate(request({ analyzer: 'judge' })));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(false);
    expect((error as ProviderError).message).toContain('full, shots, audio, look');
  });

  it('rejects a request without a video, without retry', async () => {
    const error = await rejection(provider.generate(request({ video: undefined })));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(false);
  });

  it('turns a failed measurement into a non-retryable ProviderError that keeps the cause', async () => {
    const cause = new Error('ffmpeg exited with code 1');
    const error = await rejection(provider.generate(request({ video: videoWith(() => Promise.reject(cause)) })));
    expect(error).toBeInstanceOf(ProviderError);
    expect((error as ProviderError).isRetryable).toBe(false);
    expect((error as ProviderError).cause).toBe(cause);
  });

  it('throws CancelledError when the signal is already aborted, without measuring', async () => {
    const controller = new AbortController();
    controller.abort();
    let measured = 0;
    const video = videoWith(async () => {
      measured += 1;
      return fifteenSecondFacts();
    });
    const error = await rejection(provider.generate(request({ signal: controller.signal, video })));
    expect(error).toBeInstanceOf(CancelledError);
    expect(measured).toBe(0);
  });

  it('stops waiting for the facts as soon as the request is cancelled', async () => {
    const controller = new AbortController();
    let started!: () => void;
    const measuring = new Promise<void>((resolve) => (started = resolve));
    const video = videoWith(() => {
      started();
      return new Promise<MediaFacts>(() => {}); // a measurement that never finishes
    });
    const pending = rejection(provider.generate(request({ signal: controller.signal, video })));
    await measuring;
    controller.abort();
    expect(await pending).toBeInstanceOf(CancelledError);
  });
});
