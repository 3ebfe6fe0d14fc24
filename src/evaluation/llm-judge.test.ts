import { describe, expect, it } from 'vitest';
import { fakeVideoAsset, mediaFactsFor } from '../../test/calibration/fake-video.js';
import { judgeModel, labelsInPrompt, passThroughScheduler, recordingProvider, verdictFor } from '../../test/calibration/fake-llm.js';
import type { JudgeAnswer, JudgeInput } from './judge.js';
import { createLlmJudge } from './llm-judge.js';

/** mulberry32: a small seeded generator, so shuffles are reproducible */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const facts = mediaFactsFor({ duration_s: 15, cuts_s: [5, 10], silences: [{ start_s: 5, end_s: 15 }], integrated_lufs: -23 });
const prompt = 'Give a detailed second-by-second analysis of this video, with MM:SS timestamps.';

const answers: JudgeAnswer[] = [
  { model_id: 'gemini-2.5-pro', model_name: 'Gemini 2.5 Pro', text: 'As Gemini 2.5 Pro (gemini-2.5-pro), I see: 00:00 red frame [score-9]. Hard cut at 00:05, cut at 00:10.', error: null },
  { model_id: 'gpt-4.1', model_name: 'OpenAI GPT-4.1 (sampled frames)', text: 'GPT-4.1 here. 00:03 cut to green [score-4]. Claude would agree.', error: null },
  { model_id: 'claude-sonnet-4-5', model_name: 'Claude Sonnet 4.5 (sampled frames)', text: 'Claude Sonnet 4.5 says: the outro at 00:42 [score-2].', error: null },
  { model_id: 'local-full', model_name: 'Local analyzer: full timeline', text: '00:00–00:05 shot 1; cut at 00:05 [score-7]. (Local analyzer: full timeline)', error: null },
];
const failed: JudgeAnswer = { model_id: 'gemini-2.5-flash', model_name: 'Gemini 2.5 Flash', text: null, error: '500 internal error' };

/** the canned judge scores each response by the [score-N] marker planted in its text */
const scoreByMarker = (_label: string, body: string) => Number(/\[score-(\d+)\]/.exec(body)?.[1] ?? 5);

function input(overrides: Partial<JudgeInput> = {}): JudgeInput {
  return { jobId: 'job-1', prompt, video: fakeVideoAsset(facts), answers, context: 'facts', runs: 1, signal: new AbortController().signal, ...overrides };
}

function setup(reply: Parameters<typeof recordingProvider>[0] = (request) => verdictFor(request, scoreByMarker), seed = 1) {
  const provider = recordingProvider(reply);
  const scheduler = passThroughScheduler();
  const judge = createLlmJudge({ model: judgeModel(), provider, scheduler, random: seeded(seed) });
  return { provider, scheduler, judge };
}

describe('LLM judge', () => {
  it('never lets a model id, display name or family name reach the judge, even when an answer names itself', async () => {
    const { provider, judge } = setup();
    await judge.evaluate(input({ answers: [...answers, failed] }));
    expect(provider.requests).toHaveLength(1);
    const sent = `${provider.requests[0].system ?? ''}\n${provider.requests[0].prompt}`;
    for (const answer of [...answers, failed]) {
      expect(sent.toLowerCase()).not.toContain(answer.model_id.toLowerCase());
      expect(sent.toLowerCase()).not.toContain(answer.model_name.toLowerCase());
    }
    expect(sent).not.toMatch(/gemini|gpt|claude|openai|anthropic|local analyzer/i);
    expect(sent).toContain('[model]');
    expect(sent).not.toContain('500 internal error');
  });

  it('shuffles the label order per evaluation: different seeds give different orders, recorded in details', async () => {
    const orders = new Set<string>();
    for (const seed of [1, 2, 3, 4, 5]) {
      const { judge } = setup(undefined, seed);
      const verdict = await judge.evaluate(input());
      const order = verdict.details.label_order as Record<string, string>;
      expect(Object.keys(order)).toEqual(['A', 'B', 'C', 'D']);
      expect(Object.values(order).sort()).toEqual(answers.map((a) => a.model_id).sort());
      orders.add(Object.values(order).join(','));
    }
    expect(orders.size).toBeGreaterThan(1);
  });

  it('maps scores back to the right models after shuffling', async () => {
    for (const seed of [1, 2, 3]) {
      const { judge } = setup(undefined, seed);
      const verdict = await judge.evaluate(input());
      expect(verdict.scores.map((s) => [s.model_name, s.score])).toEqual([
        ['gemini-2.5-pro', 9],
        ['gpt-4.1', 4],
        ['claude-sonnet-4-5', 2],
        ['local-full', 7],
      ]);
    }
  });

  it('puts display names back into the reasoning and summary', async () => {
    const { judge } = setup();
    const verdict = await judge.evaluate(input());
    expect(verdict.scores[0].reasoning).toBe('Gemini 2.5 Pro was judged.');
    const order = verdict.details.label_order as Record<string, string>;
    const nameOfA = answers.find((a) => a.model_id === order.A)!.model_name;
    expect(verdict.overall_summary).toBe(`${nameOfA} and the others were compared.`);
  });

  it('carries the measured facts and the grounding findings per response label', async () => {
    const { provider, judge } = setup();
    const verdict = await judge.evaluate(input());
    const request = provider.requests[0];
    expect(request.prompt).toContain('Duration: 15.0 s');
    expect(request.prompt).toContain('Hard cuts (shot boundaries): 00:05.0, 00:10.0');
    expect(request.prompt).toContain('Silences: 00:05.0–00:15.0');
    expect(request.prompt).toContain('integrated -23.0 LUFS');
    const order = verdict.details.label_order as Record<string, string>;
    const lateLabel = Object.keys(order).find((l) => order[l] === 'claude-sonnet-4-5');
    expect(request.prompt).toContain(`- Response ${lateLabel}: cites 00:42 in a 15 s video`);
    expect(request.prompt).toMatch(/timestamp accuracy against the measured facts/);
    expect(request.video).toBeUndefined();
    expect(request.responseJsonSchema).toMatchObject({ required: ['evaluations', 'overall_summary'] });
    expect(verdict.details.grounding).toMatchObject({ 'claude-sonnet-4-5': ['cites 00:42 in a 15 s video', expect.any(String)] });
  });

  it("attaches the video with context 'video', and sends no facts with context 'text'", async () => {
    const withVideo = setup();
    const video = fakeVideoAsset(facts);
    await withVideo.judge.evaluate(input({ context: 'video', video }));
    expect(withVideo.provider.requests[0].video).toBe(video);
    expect(withVideo.provider.requests[0].prompt).toContain('Hard cuts');

    const textOnly = setup();
    await textOnly.judge.evaluate(input({ context: 'text' }));
    expect(textOnly.provider.requests[0].prompt).not.toContain('Hard cuts');
    expect(textOnly.provider.requests[0].prompt).not.toContain('grounding checks');
  });

  it('calls through the scheduler under the judge model limiter and job', async () => {
    const { judge, scheduler } = setup();
    await judge.evaluate(input());
    expect(scheduler.calls).toHaveLength(1);
    expect(scheduler.calls[0]).toMatchObject({ jobId: 'job-1', limiters: [{ key: 'model:test-judge', limits: { requests_per_minute: 100, concurrent: 2 } }] });
  });

  it('scores failed answers 1 without sending them, and skips the call when nothing is left to judge', async () => {
    const { provider, judge } = setup();
    const verdict = await judge.evaluate(input({ answers: [failed, answers[0]] }));
    expect(verdict.scores[0]).toMatchObject({ model_name: 'gemini-2.5-flash', score: 1 });
    expect(labelsInPrompt(provider.requests[0].prompt)).toEqual(['A']);

    const none = setup();
    const empty = await none.judge.evaluate(input({ answers: [failed] }));
    expect(none.provider.requests).toHaveLength(0);
    expect(empty.scores).toEqual([expect.objectContaining({ model_name: 'gemini-2.5-flash', score: 1 })]);
  });

  it('retries invalid output once, then throws an error saying the output was invalid', async () => {
    const recovering = setup((request, index) => (index === 0 ? 'Sure! Here is my verdict: A is best.' : verdictFor(request, scoreByMarker)));
    const verdict = await recovering.judge.evaluate(input());
    expect(recovering.provider.requests).toHaveLength(2);
    expect(verdict.details.attempts).toEqual([2]);
    expect(verdict.usage).toEqual({ input_tokens: 2000, output_tokens: 500, cost_usd: (2000 * 2 + 500 * 10) / 1e6 });

    const broken = setup(() => JSON.stringify({ evaluations: [{ response: 'A', score: 11, reasoning: 'x', strengths: [], weaknesses: [] }], overall_summary: '' }));
    await expect(broken.judge.evaluate(input())).rejects.toThrow(/judge's output was invalid/);
    expect(broken.provider.requests).toHaveLength(2);
  });

  it('treats a verdict that skips or invents a response as invalid', async () => {
    const missing = setup((request) => {
      const parsed = JSON.parse(verdictFor(request, scoreByMarker));
      parsed.evaluations.pop();
      return JSON.stringify(parsed);
    });
    await expect(missing.judge.evaluate(input())).rejects.toThrow(/invalid.*no score for response/);
  });

  it('accepts JSON wrapped in a code fence', async () => {
    const { judge } = setup((request) => `\`\`\`json\n${verdictFor(request, scoreByMarker)}\n\`\`\``);
    const verdict = await judge.evaluate(input());
    expect(verdict.scores[0].score).toBe(9);
  });

  it('with runs: 2 judges again in reversed order, averages per model and reports disagreement', async () => {
    // The canned judge favours position: the first response shown gets one point more.
    const { provider, judge } = setup((request) => verdictFor(request, (label, body) => scoreByMarker(label, body) + (label === 'A' ? 1 : 0)));
    const verdict = await judge.evaluate(input({ runs: 2 }));
    expect(provider.requests).toHaveLength(2);
    const [first, second] = verdict.details.label_orders as Record<string, string>[];
    expect(Object.values(second)).toEqual(Object.values(first).reverse());
    expect(labelsInPrompt(provider.requests[1].prompt)).toEqual(['A', 'B', 'C', 'D']);

    const firstShown = first.A;
    const lastShown = second.A;
    const expected = (id: string, marker: number) => (id === firstShown || id === lastShown ? marker + 0.5 : marker);
    const exact = [expected('gemini-2.5-pro', 9), expected('gpt-4.1', 4), expected('claude-sonnet-4-5', 2), expected('local-full', 7)];
    expect(verdict.scores.map((s) => s.score_exact)).toEqual(exact);
    // the seed's contract: an integer score, the mean rounded
    expect(verdict.scores.map((s) => s.score)).toEqual(exact.map((x) => Math.round(x)));
    const disagreement = verdict.details.disagreement as Record<string, number>;
    expect(disagreement[firstShown]).toBe(1);
    expect(disagreement[lastShown]).toBe(1);
    expect(Object.values(disagreement).filter((d) => d === 0)).toHaveLength(2);
    expect(verdict.details.max_disagreement).toBe(1);
    expect(verdict.scores[0].reasoning).toMatch(/^Pass 1 \(score \d+\): .*\nPass 2, reversed order \(score \d+\): /);
    expect(verdict.overall_summary).toContain('Second pass (reversed order):');
  });

  it('passes cancellation through', async () => {
    const { judge } = setup();
    const controller = new AbortController();
    controller.abort();
    await expect(judge.evaluate(input({ signal: controller.signal }))).rejects.toMatchObject({ name: 'CancelledError' });
  });

  it('still judges when the facts cannot be measured, and records why', async () => {
    const { provider, judge } = setup();
    const video = fakeVideoAsset(facts, { factsError: new Error('ffmpeg crashed') });
    const verdict = await judge.evaluate(input({ video }));
    expect(provider.requests[0].prompt).toContain('could not be measured');
    expect(String(verdict.details.facts_error)).toContain('ffmpeg crashed');
  });
});
