import { describe, expect, it } from 'vitest';
import { ModelsCatalogue } from '../config/models-catalogue.js';
import { defaultModels } from '../config/default-models.js';
import type { JobRequest } from '../domain/index.js';
import { videoRecord } from '../providers/frames/__fixtures__/video-record.js';
import { estimateJob } from './budget-estimate.js';

const catalogue = new ModelsCatalogue(defaultModels);
const minute = videoRecord(1280, 720, 60, true);
const prompt = 'List every cut with its timestamp'; // 33 characters: 9 tokens
const fourGemini = ['gemini-3.1-pro-preview', 'gemini-3-flash-preview', 'gemini-3.8-flash', 'gemini-2.5-flash-lite'];

function request(overrides: Partial<JobRequest> = {}): JobRequest {
  return { video_ids: ['v'], prompts: [prompt], models: fourGemini, judge_model: null, params: {}, combination_concurrency: 1, judge_context: 'facts', judge_runs: 1, ...overrides };
}

const estimate = (req: JobRequest, averages = new Map<string, number>()) => estimateJob(req, { catalogue, videos: new Map([['v', minute]]), averages });

describe('job estimates', () => {
  it('a 60 s video with sound on 4 Gemini models equals the hand-computed figure', () => {
    // 3.x: 60 frames × 70 + 60 s × 32 + 9 = 6129 input tokens; 2.x: 60 × 258 + 1920 + 9 = 17 409; 1000 output tokens each (no history)
    // gemini-3.1-pro-preview ($2 / $12):     6129 × 2 + 1000 × 12 = 24 258 µ$
    // gemini-3-flash-preview ($0.5 / $3):    6129 × 0.5 + 1000 × 3 = 6064.5 µ$
    // gemini-3.8-flash ($0.75 / $3.75):      6129 × 0.75 + 1000 × 3.75 = 8346.75 µ$
    // gemini-2.5-flash-lite ($0.1 / $0.4):   17 409 × 0.1 + 1000 × 0.4 = 2140.9 µ$
    const result = estimate(request());
    expect(result.calls).toBe(4);
    expect(result.per_model.map((m) => [m.model_id, m.calls, m.input_tokens, m.output_tokens])).toStrictEqual([
      ['gemini-3.1-pro-preview', 1, 6129, 1000],
      ['gemini-3-flash-preview', 1, 6129, 1000],
      ['gemini-3.8-flash', 1, 6129, 1000],
      ['gemini-2.5-flash-lite', 1, 17_409, 1000],
    ]);
    expect(result.per_model.map((m) => m.cost_usd)).toEqual([0.024258, 0.0060645, 0.00834675, 0.0021409].map((v) => expect.closeTo(v, 12)));
    expect(result.total_usd).toBeCloseTo(0.04081015, 12);
    expect(result.per_model.every((m) => m.output_basis === 'default' && m.role === 'answer')).toBe(true);
  });

  it('uses each model\'s recent average output, and scales with videos × prompts', () => {
    const result = estimate(request({ models: ['gemini-2.5-flash-lite'], prompts: [prompt, prompt, prompt] }), new Map([['gemini-2.5-flash-lite', 400]]));
    expect(result.per_model).toStrictEqual([
      { model_id: 'gemini-2.5-flash-lite', role: 'answer', calls: 3, input_tokens: 3 * 17_409, output_tokens: 1200, cost_usd: expect.closeTo(3 * (17_409 * 0.1 + 400 * 0.4) / 1e6, 12), output_basis: 'recent_average' },
    ]);
  });

  it('counts judge calls as their own line: instructions, prompt and the answers in, 800 out, per run', () => {
    const result = estimate(request({ models: ['gemini-2.5-flash-lite'], judge_model: 'gemini-2.5-flash-lite', judge_runs: 2 }));
    const judge = result.per_model.find((m) => m.role === 'judge')!;
    expect(judge).toMatchObject({ model_id: 'gemini-2.5-flash-lite', calls: 2, input_tokens: 2 * (1500 + 9 + 1000), output_tokens: 1600 });
    expect(result.calls).toBe(3);
  });

  it('local models cost nothing; an unknown price gives cost_usd null and stays out of the total', () => {
    const priced = new ModelsCatalogue([...defaultModels, { id: 'mystery', name: 'Mystery', provider: 'openai', provider_model: 'mystery' }]);
    const result = estimateJob(request({ models: ['local-full', 'mystery', 'gemini-2.5-flash-lite'], judge_model: 'local-judge' }), { catalogue: priced, videos: new Map([['v', minute]]), averages: new Map() });
    expect(result.per_model.find((m) => m.model_id === 'local-full')).toMatchObject({ input_tokens: 0, output_tokens: 0, cost_usd: 0 });
    expect(result.per_model.find((m) => m.model_id === 'mystery')!.cost_usd).toBeNull();
    expect(result.unpriced_models).toStrictEqual(['mystery']);
    expect(result.total_usd).toBeCloseTo(0.0021409, 12);
    expect(result.per_model.some((m) => m.role === 'judge')).toBe(false);
  });
});
