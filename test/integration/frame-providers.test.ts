import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAnthropicStandIn, type AnthropicStandIn } from '../stand-ins/anthropic-stand-in.js';
import { startOpenAiStandIn, userParts, type OpenAiStandIn } from '../stand-ins/openai-stand-in.js';
import { sampleVideoFile, uploadVideo } from '../helpers/sample-video-file.js';
import { api, startTestServer, type TestServer } from '../helpers/test-server.js';

let openai: OpenAiStandIn;
let anthropic: AnthropicStandIn;
let server: TestServer;

beforeAll(async () => {
  openai = await startOpenAiStandIn();
  anthropic = await startAnthropicStandIn();
  server = await startTestServer({
    env: { OPENAI_BASE_URL: openai.url, ANTHROPIC_API_KEY: 'test-key', ANTHROPIC_BASE_URL: anthropic.url },
  });
});

afterAll(async () => {
  await server.stop({ removeData: true });
  await openai.close();
  await anthropic.close();
});

describe('frame-sampling providers wired into the application', () => {
  it('GPT through an OpenAI-compatible server and Claude answer a comparison from sampled frames', async () => {
    const models = await api(`${server.url}/api/models`);
    const detail = (id: string) => models.body.details.find((d: any) => d.id === id);
    expect(detail('gpt-4.1')).toMatchObject({ available: true });
    expect(detail('claude-sonnet-4-5')).toMatchObject({ available: true });

    const video = await uploadVideo(server.url, await sampleVideoFile());
    const res = await api(`${server.url}/api/compare`, {
      method: 'POST',
      json: { video_id: video.id, prompt: 'What happens?', models: ['gpt-4.1', 'claude-sonnet-4-5'], judge_model: 'local-judge' },
    });
    expect(res.status).toBe(200);
    for (const result of res.body.results) {
      expect(result.status, result.error).toBe('succeeded');
      expect(result.input_tokens).toBeGreaterThan(0);
    }
    const images = userParts(openai.chatBodies()[0]!).filter((part) => part.type === 'image_url');
    expect(images.length).toBeGreaterThan(1);
    expect(res.body.evaluation).toHaveLength(2);
  });
});
