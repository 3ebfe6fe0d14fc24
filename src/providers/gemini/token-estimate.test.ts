import { describe, expect, it } from 'vitest';
import { estimateGeminiInputTokens, geminiGeneration } from './token-estimate.js';

const prompt = 'List every cut with its timestamp'; // 33 characters: 9 tokens
const minute = { duration_s: 60, has_audio: true };
const flash25 = { provider_model: 'gemini-2.5-flash' };
const flash3 = { provider_model: 'gemini-3-flash-preview' };

describe('Gemini input tokens', () => {
  it('2.x: 258 tokens per frame at 1 fps, 32 audio tokens per second, prompt at 4 characters a token', () => {
    expect(estimateGeminiInputTokens({ model: flash25, video: minute, prompt })).toStrictEqual({
      frames: 60, tokens_per_frame: 258, video_tokens: 15_480, audio_tokens: 1920, prompt_tokens: 9, input_tokens: 17_409,
    });
  });

  it('2.x at low resolution: 66 tokens per frame', () => {
    expect(estimateGeminiInputTokens({ model: flash25, video: minute, prompt, params: { mediaResolution: 'low' } }).input_tokens).toBe(60 * 66 + 1920 + 9);
  });

  it('3.x: 70 tokens per frame by default and at low/medium, 280 at high', () => {
    expect(estimateGeminiInputTokens({ model: flash3, video: minute, prompt }).input_tokens).toBe(60 * 70 + 1920 + 9);
    expect(estimateGeminiInputTokens({ model: flash3, video: minute, prompt, params: { mediaResolution: 'MEDIA_RESOLUTION_MEDIUM' } }).tokens_per_frame).toBe(70);
    expect(estimateGeminiInputTokens({ model: flash3, video: minute, prompt, params: { mediaResolution: 'high' } }).input_tokens).toBe(60 * 280 + 1920 + 9);
  });

  it('follows videoMetadata: only the clip between the offsets, at its fps', () => {
    const estimate = estimateGeminiInputTokens({ model: flash25, video: minute, prompt, params: { videoMetadata: { fps: 2, startOffset: 10, endOffset: '40s' } } });
    expect(estimate).toMatchObject({ frames: 60, video_tokens: 60 * 258, audio_tokens: 30 * 32 });
  });

  it('counts no audio tokens for a silent video, and only the prompt without a video', () => {
    expect(estimateGeminiInputTokens({ model: flash25, video: { duration_s: 60, has_audio: false }, prompt }).input_tokens).toBe(15_480 + 9);
    expect(estimateGeminiInputTokens({ model: flash25, video: undefined, prompt }).input_tokens).toBe(9);
  });

  it('tells the generations apart by the provider model name', () => {
    expect(['gemini-2.5-pro', 'gemini-2.0-flash', 'gemini-3-pro-preview', 'gemini-3.1-pro-preview', 'gemini-4-argon'].map(geminiGeneration)).toStrictEqual(['2', '2', '3', '3', '3']);
  });
});
