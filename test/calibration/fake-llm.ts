import type { CatalogueModel } from '../../src/domain/index.js';
import { catalogueModelSchema } from '../../src/domain/index.js';
import type { GenerateRequest, GenerateResult, VideoProvider } from '../../src/providers/provider.js';
import type { ScheduledCall, Scheduler } from '../../src/scheduler/scheduler.js';

/** A VideoProvider that records every request and answers from a script: the stand-in LLM judge. */
export interface RecordingProvider extends VideoProvider {
  readonly requests: GenerateRequest[];
}

/**
 * `reply` gets each request (and its 0-based index) and returns the text the
 * "model" answers with, or throws to simulate a provider failure.
 */
export function recordingProvider(reply: (request: GenerateRequest, index: number) => string): RecordingProvider {
  const requests: GenerateRequest[] = [];
  return {
    specificationVersion: 'v1',
    family: 'test',
    requests,
    availability: () => ({ available: true }),
    async generate(request: GenerateRequest): Promise<GenerateResult> {
      requests.push(request);
      const text = reply(request, requests.length - 1);
      return { text, usage: { input_tokens: 1000, output_tokens: 200, thinking_tokens: 50 }, warnings: [] };
    },
  };
}

/** A Scheduler that runs each call once, at once, and records what it was asked. */
export function passThroughScheduler(): Scheduler & { calls: ScheduledCall[] } {
  const calls: ScheduledCall[] = [];
  return {
    calls,
    async run<T>(call: ScheduledCall, fn: (signal: AbortSignal, attempt: number) => Promise<T>) {
      calls.push(call);
      if (call.signal.aborted) throw Object.assign(new Error('aborted'), { name: 'AbortError' });
      return { value: await fn(call.signal, 1), attempts: 1 };
    },
  };
}

/** A judge-capable catalogue model for tests. */
export function judgeModel(overrides: Partial<CatalogueModel> = {}): CatalogueModel {
  return catalogueModelSchema.parse({
    id: 'test-judge',
    name: 'Test judge',
    provider: 'test',
    provider_model: 'judge-1',
    can_judge: true,
    input_usd_per_mtok: 2,
    output_usd_per_mtok: 10,
    limits: { requests_per_minute: 100, concurrent: 2 },
    ...overrides,
  });
}

/** Reads the "Response X" labels a judge prompt presents, in order of appearance. */
export function labelsInPrompt(prompt: string): string[] {
  return [...prompt.matchAll(/<response id="([A-Z]+)">/g)].map((m) => m[1]);
}

/** A valid verdict for the labels in the request, scoring each with `scoreFor(label, body)`. */
export function verdictFor(request: GenerateRequest, scoreFor: (label: string, body: string) => number): string {
  const bodies = new Map([...request.prompt.matchAll(/<response id="([A-Z]+)">\n([\s\S]*?)\n<\/response>/g)].map((m) => [m[1], m[2]]));
  return JSON.stringify({
    evaluations: [...bodies].map(([label, body]) => ({
      response: label,
      score: scoreFor(label, body),
      reasoning: `Response ${label} was judged.`,
      strengths: [`strength of ${label}`],
      weaknesses: [],
    })),
    overall_summary: 'Response A and the others were compared.',
  });
}
