import { describe, expect, it } from 'vitest';
import { canonicalJson, responseCacheKey, type ResponseCacheKeyInput } from './response-cache.js';

const base: ResponseCacheKeyInput = {
  videoSha256: 'a'.repeat(64),
  provider: 'gemini',
  providerModel: 'gemini-2.5-flash',
  modelOptions: {},
  prompt: 'List every cut',
  params: { temperature: 0.2, thinkingConfig: { thinkingBudget: 0, includeThoughts: false } },
  adapterVersion: 'gemini-1',
};

describe('response cache key', () => {
  it('writes JSON with keys sorted at every depth, dropping undefined fields like JSON does', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: undefined }], c: null } })).toBe('{"a":{"c":null,"d":[1,{"f":2}]},"b":1}');
    expect(JSON.parse(canonicalJson({ z: 'é"\n', y: [undefined] }))).toEqual({ y: [null], z: 'é"\n' });
  });

  it('is the same for the same request whatever the order of its params', () => {
    const reordered = { ...base, params: { thinkingConfig: { includeThoughts: false, thinkingBudget: 0 }, temperature: 0.2 } };
    expect(responseCacheKey(reordered)).toBe(responseCacheKey(base));
    expect(responseCacheKey(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('changes with each part of what was asked', () => {
    const variants: Partial<ResponseCacheKeyInput>[] = [
      { videoSha256: 'b'.repeat(64) },
      { provider: 'openai' },
      { providerModel: 'gemini-2.5-pro' },
      { modelOptions: { base_url: 'http://127.0.0.1:11434/v1' } },
      { prompt: 'List every cut ' },
      { params: { ...base.params, temperature: 0.3 } },
      { params: { ...base.params, thinkingConfig: { thinkingBudget: 128, includeThoughts: false } } },
      { adapterVersion: 'gemini-2' },
    ];
    const keys = new Set([responseCacheKey(base), ...variants.map((variant) => responseCacheKey({ ...base, ...variant }))]);
    expect(keys.size).toBe(variants.length + 1);
  });
});
