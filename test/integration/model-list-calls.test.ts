import { afterEach, describe, expect, it } from 'vitest';
import { listAnthropicModels } from '../../src/providers/anthropic/list-anthropic-models.js';
import { listGeminiModels } from '../../src/providers/gemini/list-gemini-models.js';
import { listOpenAiModels } from '../../src/providers/openai/list-openai-models.js';
import { startAnthropicStandIn, type AnthropicStandIn } from '../stand-ins/anthropic-stand-in.js';
import { startGeminiStandIn, type GeminiStandIn } from '../stand-ins/gemini-stand-in.js';
import type { StandInModel } from '../stand-ins/model-lists.js';
import { startOpenAiStandIn, type OpenAiStandIn } from '../stand-ins/openai-stand-in.js';

let closers: { close(): Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(closers.map((c) => c.close()));
  closers = [];
});
const signal = () => AbortSignal.timeout(10_000);
/** more than one page of the providers' largest page size, so the SDKs must follow the page tokens */
const many = (prefix: string): StandInModel[] => Array.from({ length: 1203 }, (_, i) => ({ id: `${prefix}-${String(i).padStart(4, '0')}` }));

describe('the list calls through the real SDKs', () => {
  it('Gemini: every page, only models that answer with generateContent in text', async () => {
    const gemini: GeminiStandIn = await startGeminiStandIn({
      apiKey: 'key',
      models: () => [
        ...many('gemini-x'),
        { id: 'gemini-embedding-002', methods: ['embedContent'] },
        { id: 'gemini-3.1-flash-tts-preview' },
        { id: 'gemini-3-pro-image' },
        { id: 'gemini-2.5-flash-native-audio-preview-12-2025' },
        { id: 'gemini-3.8-flash', display_name: 'Gemini 3.8 Flash' },
      ],
    });
    closers.push(gemini);
    const listed = await listGeminiModels({ apiKey: 'key', baseUrl: gemini.url, timeoutMs: 10_000 }, signal());
    expect(listed).toHaveLength(1204);
    expect(listed.at(-1)).toEqual({ id: 'gemini-3.8-flash', display_name: 'Gemini 3.8 Flash' });
    expect(listed.map((m) => m.id)).not.toContain('gemini-embedding-002');
    expect(gemini.stats.listCalls).toBe(2);
    await expect(listGeminiModels({ apiKey: 'wrong', baseUrl: gemini.url, timeoutMs: 10_000 }, signal())).rejects.toThrow(/API key not valid/);
  });

  it('OpenAI-compatible: GET /v1/models, without speech, image and embedding models', async () => {
    const openai: OpenAiStandIn = await startOpenAiStandIn({
      models: () => [{ id: 'gpt-4.1' }, { id: 'llava:13b' }, { id: 'text-embedding-3-large' }, { id: 'whisper-1' }, { id: 'gpt-image-1' }, { id: 'tts-1' }],
    });
    closers.push(openai);
    const listed = await listOpenAiModels({ baseUrl: openai.url, timeoutMs: 10_000 }, signal());
    expect(listed.map((m) => m.id)).toEqual(['gpt-4.1', 'llava:13b']);
    // list calls stay out of the chat-call counters a test reads
    expect(openai.stats.calls).toBe(0);
    expect(openai.stats.listCalls).toBe(1);
  });

  it('Anthropic: every page; retired models left out, deprecated ones with their retirement date', async () => {
    const anthropic: AnthropicStandIn = await startAnthropicStandIn({
      apiKey: 'key',
      models: () => [
        ...many('claude-x'),
        { id: 'claude-opus-4-5', lifecycle: 'deprecated', retires_at: '2027-01-22T00:00:00Z' },
        { id: 'claude-sonnet-4-5', lifecycle: 'retired' },
      ],
    });
    closers.push(anthropic);
    const listed = await listAnthropicModels({ apiKey: 'key', baseUrl: anthropic.url, timeoutMs: 10_000 }, signal());
    expect(listed).toHaveLength(1204);
    expect(listed.find((m) => m.id === 'claude-opus-4-5')?.notice).toBe('Anthropic deprecated claude-opus-4-5; it retires on 2027-01-22');
    expect(listed.map((m) => m.id)).not.toContain('claude-sonnet-4-5');
    expect(anthropic.stats.listCalls).toBe(2);
  });

  it('a dead endpoint fails at once, with no retries', async () => {
    await expect(listOpenAiModels({ apiKey: 'junk', baseUrl: 'http://127.0.0.1:9/v1', timeoutMs: 10_000 }, signal())).rejects.toThrow();
    await expect(listGeminiModels({ apiKey: 'junk', baseUrl: 'http://127.0.0.1:9', timeoutMs: 10_000 }, signal())).rejects.toThrow();
    await expect(listAnthropicModels({ apiKey: 'junk', baseUrl: 'http://127.0.0.1:9', timeoutMs: 10_000 }, signal())).rejects.toThrow();
  });
});
