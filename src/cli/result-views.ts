import type { CompareResponse, Leaderboard, ModelResult } from './api-types.js';
import { formatCost, formatCount, formatDuration, formatScore, missing, truncate } from './output/format.js';
import type { Output } from './output/output.js';
import { formatTable } from './output/table.js';

function scoreFor(comparison: CompareResponse, result: ModelResult): number | undefined {
  return comparison.evaluation?.find((s) => s.model_id === result.model_id)?.score;
}

function tokens(result: ModelResult): string {
  if (result.input_tokens === null && result.output_tokens === null) return missing;
  const out = (result.output_tokens ?? 0) + (result.thinking_tokens ?? 0);
  return `${formatCount(result.input_tokens ?? 0)} / ${formatCount(out)}`;
}

/** One row per model: status, score, latency, tokens (in / out), cost. */
export function comparisonTable(comparison: CompareResponse, out: Output): string {
  const { style } = out;
  const ranked = comparison.results
    .map((result, order) => ({ result, order, score: scoreFor(comparison, result) }))
    .sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.order - b.order);
  const rows = ranked.map(({ result, score }) => {
    const status = result.status === 'succeeded' ? `${style.green('ok')}${result.cached ? style.dim(' (cached)') : ''}` : result.status === 'failed' ? style.red('failed') : style.dim(result.status);
    return [result.model_id, status, score === undefined ? missing : style.bold(formatScore(score)), formatDuration(result.latency_ms), tokens(result), formatCost(result.cost_usd)];
  });
  return formatTable(
    [{ header: 'model' }, { header: 'status' }, { header: 'score', align: 'right' }, { header: 'latency', align: 'right' }, { header: 'tokens in/out', align: 'right' }, { header: 'cost', align: 'right' }],
    rows,
  );
}

/** The table, the judge's summary, failed answers' errors and the totals of one comparison. */
export function comparisonReport(comparison: CompareResponse, out: Output, options: { answers?: boolean } = {}): string[] {
  const lines = [comparisonTable(comparison, out), ''];
  for (const result of comparison.results) {
    if (result.error) lines.push(out.style.red(`${result.model_id}: ${truncate(result.error, 300)}`));
  }
  if (comparison.evaluation) {
    lines.push(`${out.style.bold('Judge')} (${comparison.judge_model ?? 'unknown'}): ${comparison.overall_summary ?? ''}`.trimEnd());
  } else if (comparison.evaluation_error) {
    lines.push(out.style.red(`Judge (${comparison.judge_model ?? 'unknown'}) failed: ${comparison.evaluation_error}`));
  } else if (!comparison.judge_model) {
    lines.push(out.style.dim('Not judged (judge: none).'));
  }
  const t = comparison.totals;
  lines.push(out.style.dim(`Total: ${formatCount(t.input_tokens)} input / ${formatCount(t.output_tokens)} output tokens, ${formatCost(t.cost_usd)}`));
  if (options.answers) {
    for (const result of comparison.results) {
      const score = comparison.evaluation?.find((s) => s.model_id === result.model_id);
      lines.push('', out.style.bold(`── ${result.display_name} (${result.model_id}) ──`));
      if (score) {
        lines.push(`score ${formatScore(score.score)}: ${score.reasoning}`);
        if (score.strengths.length) lines.push(`+ ${score.strengths.join('; ')}`);
        if (score.weaknesses.length) lines.push(`- ${score.weaknesses.join('; ')}`);
      }
      lines.push('', result.response ?? out.style.dim(result.error ? `(no answer: ${result.error})` : '(no answer)'));
    }
  }
  return lines;
}

/** The batch leaderboard, best mean score first. */
export function leaderboardTable(leaderboard: Leaderboard, out: Output): string {
  const rows = leaderboard.overall
    .slice()
    .sort((a, b) => (b.mean_score ?? -1) - (a.mean_score ?? -1) || b.wins - a.wins)
    .map((row, index) => [
      String(index + 1),
      row.model_id,
      row.mean_score === null ? missing : out.style.bold(row.mean_score.toFixed(2)),
      String(row.wins),
      String(row.ties ?? 0),
      String(row.comparisons),
      formatDuration(row.mean_latency_ms),
      `${formatCount(row.input_tokens)} / ${formatCount(row.output_tokens)}`,
      formatCost(row.cost_usd),
      row.errors ? out.style.red(String(row.errors)) : '0',
    ]);
  return formatTable(
    [
      { header: '#', align: 'right' },
      { header: 'model' },
      { header: 'mean score', align: 'right' },
      { header: 'wins', align: 'right' },
      { header: 'ties', align: 'right' },
      { header: 'comparisons', align: 'right' },
      { header: 'mean latency', align: 'right' },
      { header: 'tokens in/out', align: 'right' },
      { header: 'cost', align: 'right' },
      { header: 'errors', align: 'right' },
    ],
    rows,
  );
}

/**
 * Scores per combination: one row per video × prompt, one column per model.
 * `names` maps video ids and prompts to short labels.
 */
export function scoreMatrix(
  comparisons: CompareResponse[],
  out: Output,
  labels: { video?: (id: string) => string; prompt?: (prompt: string) => string } = {},
  maxRows = 20,
): string {
  const models = [...new Set(comparisons.flatMap((c) => c.results.map((r) => r.model_id)))];
  const shown = comparisons.slice(0, maxRows);
  const rows = shown.map((comparison) => [
    truncate(labels.video?.(comparison.video_id) ?? comparison.video_id, 30),
    truncate(labels.prompt?.(comparison.prompt) ?? comparison.prompt, 30),
    ...models.map((model) => {
      const result = comparison.results.find((r) => r.model_id === model);
      if (!result) return '';
      if (result.status === 'failed') return out.style.red('error');
      const score = scoreFor(comparison, result);
      return score === undefined ? missing : formatScore(score);
    }),
  ]);
  const table = formatTable([{ header: 'video' }, { header: 'prompt' }, ...models.map((m) => ({ header: m, align: 'right' as const }))], rows);
  return comparisons.length > shown.length ? `${table}\n${out.style.dim(`… and ${comparisons.length - shown.length} more combinations (see "vidcompare export")`)}` : table;
}
