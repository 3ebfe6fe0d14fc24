import { describe, expect, it } from 'vitest';
import type { CompareResponse, ModelResult } from '../domain/index.js';
import { buildLeaderboard } from './leaderboard.js';

function result(model_id: string, overrides: Partial<ModelResult> = {}): ModelResult {
  return {
    model_name: model_id,
    model_id,
    display_name: `Name of ${model_id}`,
    response: 'answer',
    error: null,
    latency_ms: 1000,
    input_tokens: 100,
    output_tokens: 10,
    thinking_tokens: null,
    cost_usd: 0.01,
    served_by: null,
    status: 'succeeded',
    attempts: 1,
    ...overrides,
  };
}

function comparison(prompt: string, results: ModelResult[], scores: Record<string, number> | null): CompareResponse {
  return {
    item_index: 0,
    video_id: 'v1',
    prompt,
    results,
    evaluation: scores && Object.entries(scores).map(([model_id, score]) => ({ model_id, model_name: model_id, display_name: `Name of ${model_id}`, score, reasoning: '', strengths: [], weaknesses: [] })),
    overall_summary: scores ? 'summary' : null,
    judge_model: scores ? 'local-judge' : null,
    evaluation_error: null,
    evaluation_details: null,
    totals: { cost_usd: 0, input_tokens: 0, output_tokens: 0 },
  };
}

const audio = 'Evaluate the audio of this video: loudness and silences.';
const pacing = 'Analyse the transitions and pacing of this video.';

describe('buildLeaderboard', () => {
  const comparisons = [
    comparison(audio, [result('a', { latency_ms: 1000 }), result('b', { latency_ms: 3000 })], { a: 8, b: 6 }),
    comparison(pacing, [result('a', { latency_ms: 2000, thinking_tokens: 5 }), result('b', { latency_ms: 1000 })], { a: 7, b: 7 }),
    comparison(pacing, [result('a', { latency_ms: null, error: 'timeout', response: null, cost_usd: null }), result('b')], { a: 1, b: 9 }),
    comparison(audio, [result('a'), result('b')], null),
  ];
  const board = buildLeaderboard(comparisons);

  it('computes mean score, outright wins and ties apart, latency, tokens, cost and errors per model', () => {
    const [first, second] = board.overall;
    expect(first).toEqual({
      model_id: 'b',
      model_name: 'b',
      display_name: 'Name of b',
      comparisons: 4,
      mean_score: 7.33,
      wins: 1,
      ties: 1,
      mean_latency_ms: 1500,
      input_tokens: 400,
      output_tokens: 40,
      cost_usd: 0.04,
      errors: 0,
    });
    expect(second).toEqual({
      model_id: 'a',
      model_name: 'a',
      display_name: 'Name of a',
      comparisons: 4,
      mean_score: 5.33,
      wins: 1,
      ties: 1,
      mean_latency_ms: 1333,
      input_tokens: 400,
      output_tokens: 45,
      cost_usd: 0.03,
      errors: 1,
    });
  });

  it('splits by prompt category', () => {
    expect(Object.keys(board.by_category).sort()).toEqual(['audio', 'pacing']);
    expect(board.by_category.audio.map((r) => [r.model_id, r.mean_score, r.wins, r.comparisons])).toEqual([
      ['a', 8, 1, 2],
      ['b', 6, 0, 2],
    ]);
    expect(board.by_category.pacing.map((r) => [r.model_id, r.mean_score, r.wins, r.errors])).toEqual([
      ['b', 8, 1, 0],
      ['a', 4, 0, 1],
    ]);
  });

  it('counts 12 three-way ties as 12 ties each and no win, and ranks by the precise score', () => {
    const tied = Array.from({ length: 12 }, () => comparison(audio, [result('a'), result('b'), result('c')], { a: 10, b: 10, c: 10 }));
    const rows = buildLeaderboard(tied).overall;
    expect(rows.map((r) => [r.wins, r.ties])).toEqual([[0, 12], [0, 12], [0, 12]]);
    const exact = comparison(audio, [result('a'), result('b')], { a: 9, b: 9 });
    exact.evaluation = exact.evaluation!.map((s) => ({ ...s, score_exact: s.model_id === 'a' ? 9.2 : 8.6 }));
    expect(buildLeaderboard([exact]).overall.map((r) => [r.model_id, r.mean_score, r.wins, r.ties])).toEqual([['a', 9.2, 1, 0], ['b', 8.6, 0, 0]]);
  });

  it('puts never-judged models last with a null mean, and is empty for no comparisons', () => {
    const unjudged = buildLeaderboard([comparison(audio, [result('z')], null), comparison(audio, [result('y')], { y: 2 })]);
    expect(unjudged.overall.map((r) => [r.model_id, r.mean_score, r.wins])).toEqual([
      ['y', 2, 1],
      ['z', null, 0],
    ]);
    expect(buildLeaderboard([])).toEqual({ overall: [], by_category: {} });
  });
});
