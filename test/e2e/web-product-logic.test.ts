import { describe, expect, it } from 'vitest';
import type { CompareResponse, ModelDetail } from '../../web/src/api/types.js';
import { groupModels, enableHint } from '../../web/src/compose/model-groups.js';
import { summarizePhases, formatElapsed } from '../../web/src/jobs/job-phases.js';
import { displayName, exactScore, rubricOf } from '../../web/src/results/answer-fields.js';
import { orderCards } from '../../web/src/results/card-order.js';
import { verdictLine } from '../../web/src/results/verdict.js';
import { citedMarkers, referenceMarkers, sentenceAround } from '../../web/src/timeline/timeline-events.js';

// The new UI logic, run by vitest in Node.

function result(model_id: string, response: string | null, extra: Record<string, unknown> = {}) {
  return { model_name: model_id.toUpperCase(), model_id, status: 'succeeded', response, error: null, latency_ms: 100, input_tokens: null, output_tokens: null, thinking_tokens: null, cost_usd: 0.01, served_by: null, attempts: 1, ...extra };
}

function comparison(results: ReturnType<typeof result>[], scores: [string, number][] | null): CompareResponse {
  return {
    item_index: 0, video_id: 'v', prompt: 'p', results,
    evaluation: scores && scores.map(([model_id, score]) => ({ model_id, model_name: model_id, score, reasoning: '', strengths: [], weaknesses: [] })),
    overall_summary: null, judge_model: 'local-judge', evaluation_error: null, evaluation_details: null,
    totals: { cost_usd: 0, input_tokens: 0, output_tokens: 0 },
  } as CompareResponse;
}

describe('verdict line', () => {
  it('names the best, then the next, and who cites times past the end', () => {
    const c = comparison([result('a', 'cut at 00:05'), result('b', 'cut at 00:40'), result('c', null, { error: 'boom', response: null })], [['a', 7], ['b', 8]]);
    expect(verdictLine(c, 15, false)).toBe('Best: B (8/10), then A (7/10); B cites times past the end; C failed');
  });
  it('prefers score_exact for the order and display_name for the names', () => {
    const c = comparison([result('a', 'x', { display_name: 'Model A' }), result('b', 'y', { display_name: 'Model B' })], [['a', 8], ['b', 8]]);
    Object.assign(c.evaluation![0]!, { score_exact: 7.6 });
    Object.assign(c.evaluation![1]!, { score_exact: 8.2 });
    expect(verdictLine(c, 15, false)).toBe('Best: Model B (8/10), then Model A (8/10)');
  });
  it('says what is missing when nothing is scored', () => {
    expect(verdictLine(comparison([result('a', 'x'), result('b', null)], null), 15, true)).toBe('Waiting for answers: 1 of 2 in');
    expect(verdictLine(comparison([result('a', 'x')], null), 15, false)).toBe('Not scored (no judge): 1 of 1 models answered');
  });
});

describe('card order', () => {
  it('sorts by score, latency or cost (missing last) and filters failures', () => {
    const c = comparison([result('a', 'x', { latency_ms: 300, cost_usd: null }), result('b', 'y', { latency_ms: 100, cost_usd: 0.5 }), result('c', null, { error: 'boom', latency_ms: null })], [['a', 9], ['b', 4]]);
    expect(orderCards(c, 'score', 'all').map((e) => e.result.model_id)).toEqual(['a', 'b', 'c']);
    expect(orderCards(c, 'latency', 'all').map((e) => e.result.model_id)).toEqual(['b', 'a', 'c']);
    // c costs $0.01, b $0.50, a's cost is unknown: last
    expect(orderCards(c, 'cost', 'all').map((e) => e.result.model_id)).toEqual(['c', 'b', 'a']);
    expect(orderCards(c, 'score', 'answered').map((e) => e.result.model_id)).toEqual(['a', 'b']);
    expect(orderCards(c, 'score', 'failed').map((e) => e.result.model_id)).toEqual(['c']);
  });

  it('keeps answers skipped by a budget apart from errors', () => {
    const c = comparison([result('a', 'x'), result('b', null, { status: 'skipped', error: 'skipped: budget reached', response: null }), result('c', null, { error: 'boom', response: null })], null);
    expect(orderCards(c, 'score', 'failed').map((e) => e.result.model_id)).toEqual(['c']);
    expect(verdictLine(c, 15, false)).toBe('Not scored (no judge): 1 of 3 models answered; C failed; B skipped (budget reached)');
  });
});

describe('answer fields', () => {
  it('reads old and new shapes', () => {
    expect(displayName({ model_name: 'gemini-2.5-pro', model_id: 'gemini-2.5-pro', display_name: 'Gemini 2.5 Pro' })).toBe('Gemini 2.5 Pro');
    expect(displayName({ model_name: 'Gemini 2.5 Pro', model_id: 'gemini-2.5-pro' })).toBe('Gemini 2.5 Pro');
    expect(exactScore({ score: 8, score_exact: 7.75 })).toBe(7.75);
    expect(exactScore({ score: 8 })).toBe(8);
    expect(rubricOf({ rubric: [{ criterion: 'Grounded', points: 3, max: 4 }, 'junk', { name: 'Coverage' }] })).toEqual([
      { criterion: 'Grounded', points: 3, max: 4, note: undefined },
      { criterion: 'Coverage', points: undefined, max: undefined, note: undefined },
    ]);
  });
});

describe('model groups', () => {
  const model = (id: string, provider: string, available: boolean, reason?: string): ModelDetail => ({
    id, name: id, provider, role: 'answer', can_judge: false, available, ...(reason ? { reason } : {}), retired_to: null, input_usd_per_mtok: 0, output_usd_per_mtok: 0,
  });
  it('keeps providers with a runnable model, and folds the rest into one line each', () => {
    const groups = groupModels([
      model('g1', 'gemini', false, 'GEMINI_API_KEY not set'),
      model('l1', 'local', true),
      model('g2', 'gemini', false, 'GEMINI_API_KEY not set'),
      model('o1', 'openai', false, 'OPENAI_API_KEY not set'),
    ]);
    expect(groups.available.map((g) => g.provider)).toEqual(['local']);
    expect(groups.unavailable.map((g) => [g.name, g.hint, g.models.length])).toEqual([
      ['Gemini', 'add GEMINI_API_KEY to enable', 2],
      ['OpenAI', 'add OPENAI_API_KEY to enable', 1],
    ]);
    expect(enableHint('quota exhausted')).toBe('quota exhausted');
  });
});

describe('timeline events', () => {
  it('reads the measured events, and fades and loud segments when the server sends them', () => {
    const markers = referenceMarkers({ cuts_s: [5, 10], silences: [{ start_s: 6, end_s: 8 }], black_segments: [], loud_segments: [{ start_s: 1, end_s: 2 }] });
    expect(markers.map((m) => [m.kind, m.start_s])).toEqual([['loud', 1], ['cut', 5], ['silence', 6], ['cut', 10]]);
  });
  it('marks each cited time once, with its sentence, agreement and whether it is past the end', () => {
    const answer = 'Intro.\n- A hard cut at **00:05** opens the scene. Then at 00:30 a fade. Again 00:05.';
    const cited = citedMarkers(answer, referenceMarkers({ cuts_s: [5.2] }), 15);
    expect(cited).toEqual([
      { seconds: 5, sentence: 'A hard cut at 00:05 opens the scene.', matches: true, pastEnd: false },
      { seconds: 30, sentence: 'Then at 00:30 a fade.', matches: false, pastEnd: true },
    ]);
    expect(sentenceAround('one. two 00:03 three', 9)).toBe('two 00:03 three');
  });
});

describe('job phases', () => {
  const phase = (model_id: string | null, kind: string, since: string) => ({ job_id: 'j', item_index: 0, model_id, phase: kind, since }) as never;
  it('puts a wait that is not a model call first', () => {
    expect(summarizePhases({ a: phase('m1', 'calling_model', '2026-01-01T00:00:01Z'), b: phase('m2', 'measuring_video', '2026-01-01T00:00:02Z') })).toEqual({
      text: 'Measuring the video (cuts, silences, loudness), once per video', since: '2026-01-01T00:00:02Z', waiting: true,
    });
    expect(summarizePhases({ a: phase('m1', 'calling_model', '2026-01-01T00:00:01Z'), b: phase('m2', 'queued', '2026-01-01T00:00:02Z') })?.text).toBe(
      '1 model answering: m1; 1 queued at the rate limit',
    );
    expect(summarizePhases({ a: phase('gemini-2.5-pro', 'queued_at_provider_batch', '2026-01-01T00:00:03Z') })).toEqual({
      text: 'Queued at Gemini (batch): gemini-2.5-pro; batch answers can take minutes to hours', since: '2026-01-01T00:00:03Z', waiting: true,
    });
    expect(summarizePhases({})).toBeNull();
    expect(formatElapsed('2026-01-01T00:00:00Z', Date.parse('2026-01-01T00:01:05Z'))).toBe('1 min 5 s');
  });
});
