import { describe, expect, it } from 'vitest';
import { videoRecord } from '../frames/__fixtures__/video-record.js';
import { planFrames } from '../frames/frame-plan.js';
import { estimateOpenAiInputTokens, openAiImageTokens } from './token-estimate.js';

describe('OpenAI image tokens', () => {
  it('matches the vision guide: 85 + 170 per 512 px tile at high detail, 85 at low', () => {
    expect(openAiImageTokens(1024, 1024, 'high')).toBe(765); // 768×768: 4 tiles
    expect(openAiImageTokens(2048, 4096, 'high')).toBe(1105); // 1024×2048 then 768×1536: 6 tiles
    expect(openAiImageTokens(768, 432, 'auto')).toBe(425); // 2 tiles
    expect(openAiImageTokens(4000, 3000, 'low')).toBe(85);
  });
});

describe('frames the adapters send', () => {
  it('16 frames scaled to at most 768 px wide with even sides, as ffmpeg scales them', () => {
    expect(planFrames(videoRecord(1280, 720), undefined)).toMatchObject({ count: 16, width: 768, height: 432 });
    expect(planFrames(videoRecord(640, 360), undefined)).toMatchObject({ width: 640, height: 360 });
    expect(planFrames(videoRecord(1080, 1920), { max_frames: 4 })).toMatchObject({ count: 4, width: 768, height: 1366 });
    expect(planFrames(videoRecord(1280, 720, 0), undefined).count).toBe(1);
  });

  it('a 60 s 720p video on an OpenAI model: 16 × 425 image tokens plus the words around them', () => {
    const estimate = estimateOpenAiInputTokens({ video: videoRecord(1280, 720), prompt: 'x'.repeat(40) });
    expect(estimate.image_tokens).toBe(16 * 425);
    expect(estimate.text_tokens).toBe(planFrames(videoRecord(1280, 720), undefined).text_tokens + 10);
    expect(estimate.input_tokens).toBe(estimate.image_tokens + estimate.text_tokens);
    expect(estimateOpenAiInputTokens({ video: videoRecord(1280, 720), prompt: '', params: { image_detail: 'low', max_frames: 8 } }).image_tokens).toBe(8 * 85);
  });
});
