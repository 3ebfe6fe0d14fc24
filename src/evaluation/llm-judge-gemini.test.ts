import { afterEach, describe, expect, it } from 'vitest';
import { calibrationCases } from '../../test/calibration/cases.js';
import { fakeVideoAsset } from '../../test/calibration/fake-video.js';
import { startGeminiStandIn, type GeminiStandIn, type GenerateRequestBody } from '../../test/stand-ins/gemini-stand-in.js';
import { ModelsCatalogue } from '../config/models-catalogue.js';
import { defaultModels } from '../config/default-models.js';
import { silentLogger } from '../logging/logger.js';
import { createGeminiProvider } from '../providers/gemini/create-gemini-provider.js';
import { createScheduler } from '../scheduler/create-scheduler.js';
import type { ProviderFileRecord, ProviderFileStore } from '../store/store.js';
import { createLlmJudge } from './llm-judge.js';

function memoryFileStore(): ProviderFileStore {
  const files = new Map<string, ProviderFileRecord>();
  return {
    getProviderFile: async (provider, sha256) => files.get(`${provider}/${sha256}`),
    saveProviderFile: async (file) => void files.set(`${file.provider}/${file.sha256}`, file),
    deleteProviderFile: async (provider, sha256) => void files.delete(`${provider}/${sha256}`),
  };
}

/** A stand-in judge that reads the prompt like a careful reader: a response flagged past the end scores 2, one with all cuts matched 9. */
function groundedVerdict(body: GenerateRequestBody): string {
  const prompt = (body.contents ?? []).flatMap((c) => c.parts ?? []).map((p) => p.text ?? '').join('\n');
  const labels = [...prompt.matchAll(/<response id="([A-Z]+)">/g)].map((m) => m[1]);
  const findingOf = (label: string) => new RegExp(`^- Response ${label}: (.*)$`, 'm').exec(prompt)?.[1] ?? '';
  return JSON.stringify({
    evaluations: labels.map((label) => {
      const finding = findingOf(label);
      const score = /in a \d+ s video/.test(finding) ? 2 : /recall 100%/.test(finding) && /precision 100%/.test(finding) ? 9 : /none match/.test(finding) ? 4 : 3;
      return { response: label, score, reasoning: `Response ${label}: ${finding}`, strengths: [], weaknesses: [] };
    }),
    overall_summary: 'Grounded comparison.',
  });
}

describe('LLM judge through the Gemini adapter (wire-level stand-in)', () => {
  let standIn: GeminiStandIn | undefined;
  afterEach(async () => {
    await standIn?.close();
    standIn = undefined;
  });

  it('sends a blind, schema-constrained request and ranks the calibration answers', async () => {
    standIn = await startGeminiStandIn({ respond: groundedVerdict });
    const catalogue = new ModelsCatalogue(defaultModels);
    const model = catalogue.resolve('gemini-3-pro-preview')!;
    const provider = createGeminiProvider({ apiKey: 'test-key', baseUrl: standIn.url, files: memoryFileStore(), logger: silentLogger() });
    const scheduler = createScheduler({ retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 5 }, logger: silentLogger() });
    const judge = createLlmJudge({ model, provider, scheduler, random: () => 0.3 });
    const calibrationCase = calibrationCases[0];
    const answers = [
      { model_id: 'gemini-2.5-pro', model_name: 'Gemini 2.5 Pro', ...calibrationCase.answers.correct },
      { model_id: 'gpt-4.1', model_name: 'OpenAI GPT-4.1 (sampled frames)', ...calibrationCase.answers.wrong_cuts },
      { model_id: 'claude-sonnet-4-5', model_name: 'Claude Sonnet 4.5 (sampled frames)', ...calibrationCase.answers.past_end },
    ];

    const verdict = await judge.evaluate({
      jobId: 'job-wire',
      prompt: calibrationCase.prompt,
      video: fakeVideoAsset(calibrationCase.facts),
      answers,
      context: 'facts',
      runs: 1,
      signal: new AbortController().signal,
    });

    const call = standIn.requests.find((r) => r.kind === 'generateContent');
    expect(call?.path).toContain('gemini-3.1-pro-preview');
    const wire = JSON.stringify(call?.body);
    expect(wire).not.toMatch(/gemini|gpt|claude|openai|anthropic/i);
    const body = call?.body as GenerateRequestBody;
    expect(body.generationConfig?.responseMimeType).toBe('application/json');
    expect(body.generationConfig?.responseJsonSchema).toMatchObject({ required: ['evaluations', 'overall_summary'] });
    expect(JSON.stringify(body.systemInstruction)).toContain('impartial');
    expect(verdict.scores.map((s) => [s.model_name, s.score])).toEqual([
      ['gemini-2.5-pro', 9],
      ['gpt-4.1', 4],
      ['claude-sonnet-4-5', 2],
    ]);
    expect(verdict.scores[2].reasoning).toBe('Claude Sonnet 4.5 (sampled frames): cites 00:42, 01:10 in a 15 s video; claims cuts at 00:05.0, 00:10.0: 2 of 2 match the measured cuts (00:05.0, 00:10.0) (precision 100%), finds 2 of 2 measured cuts (recall 100%)');
    expect(verdict.usage?.input_tokens).toBeGreaterThan(0);
  });
});
