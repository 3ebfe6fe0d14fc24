import { describe, expect, it } from 'vitest';
import type { CompareResponse } from '../domain/index.js';
import { buildLeaderboard } from '../evaluation/leaderboard.js';
import { addLeaderboardStatistics } from './leaderboard-statistics.js';

/** One judged comparison per entry of `scores` (model id → score). */
function comparisons(scores: Record<string, number>[]): CompareResponse[] {
  return scores.map((byModel, item_index) => ({
    item_index,
    video_id: 'v',
    prompt: 'List every cut',
    results: Object.keys(byModel).map((model_id) => ({
      model_name: model_id, model_id, display_name: model_id, status: 'succeeded', response: 'x', error: null, latency_ms: 10, input_tokens: 1, output_tokens: 1, thinking_tokens: null, cost_usd: 0, served_by: null, attempts: 1,
    })),
    evaluation: Object.entries(byModel).map(([model_id, score]) => ({ model_id, model_name: model_id, display_name: model_id, score, reasoning: '', strengths: [], weaknesses: [] })),
    overall_summary: null,
    judge_model: 'local-judge',
    evaluation_error: null,
    evaluation_details: null,
    totals: { cost_usd: 0, input_tokens: 0, output_tokens: 0 },
  }));
}

const statsOf = (items: CompareResponse[]) => addLeaderboardStatistics(buildLeaderboard(items), items);

describe('leaderboard statistics', () => {
  it('puts a 95 % bootstrap interval around every mean score', () => {
    const items = comparisons(Array.from({ length: 12 }, (_, i) => ({ steady: 7, noisy: i % 2 === 0 ? 3 : 9 })));
    const { overall, by_category } = statsOf(items);
    const steady = overall.find((r) => r.model_id === 'steady')!;
    const noisy = overall.find((r) => r.model_id === 'noisy')!;
    expect([steady.mean_score_ci_low, steady.mean_score_ci_high]).toEqual([7, 7]);
    expect(noisy.mean_score_ci_low!).toBeLessThan(noisy.mean_score!);
    expect(noisy.mean_score_ci_high!).toBeGreaterThan(noisy.mean_score!);
    expect(Object.values(by_category)[0][0].mean_score_ci_low).not.toBeUndefined();
  });

  it('marks the top two significantly different only when the paired bootstrap says so', () => {
    const clearly = statsOf(comparisons(Array.from({ length: 10 }, (_, i) => ({ best: 8 + (i % 2), second: 6 + (i % 2), third: 2 }))));
    expect(clearly.top_two).toMatchObject({ models: ['best', 'second'], paired_items: 10, mean_difference: 2, significant: true });
    expect(clearly.top_two!.p_value).toBeLessThan(0.05);

    // ahead on average by 0.2, but each item goes either way
    const barely = statsOf(comparisons(Array.from({ length: 10 }, (_, i) => ({ best: i % 2 === 0 ? 9 : 5, second: i % 2 === 0 ? 5 : 8.6 }))));
    expect(barely.top_two).toMatchObject({ models: ['best', 'second'], significant: false });
    expect(barely.top_two!.p_value).toBeGreaterThan(0.05);
    expect(barely.top_two!.ci_low).toBeLessThan(0);
  });
});
