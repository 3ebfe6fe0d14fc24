import { describe, expect, it } from 'vitest';
import { videoRecord } from '../frames/__fixtures__/video-record.js';
import { anthropicImageTokens, estimateAnthropicInputTokens } from './token-estimate.js';

describe('Anthropic image tokens', () => {
  it('width × height / 750, after scaling down images over 1568 px or about 1600 tokens', () => {
    expect(anthropicImageTokens(768, 432)).toBe(443); // 331 776 / 750 = 442.4
    expect(anthropicImageTokens(1092, 1092)).toBe(1590); // the docs' largest square at full size
    expect(anthropicImageTokens(4000, 4000)).toBeLessThanOrEqual(1600);
    expect(anthropicImageTokens(4000, 4000)).toBeGreaterThan(1590);
  });

  it('a 60 s 720p video: 16 frames of 768×432', () => {
    const estimate = estimateAnthropicInputTokens({ video: videoRecord(1280, 720), prompt: 'x'.repeat(40) });
    expect(estimate).toMatchObject({ frames: 16, tokens_per_frame: 443, image_tokens: 16 * 443 });
    expect(estimate.input_tokens).toBe(estimate.image_tokens + estimate.text_tokens);
  });
});
