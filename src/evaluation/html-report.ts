import type { CompareResponse, ModelResult, ScoredModel } from '../domain/index.js';
import type { ExportInput } from './export-report.js';
import type { LeaderboardRow } from './leaderboard.js';
import { scoreFor } from './score-lookup.js';

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const e = (value: string | number | null | undefined): string => (value === null || value === undefined ? '—' : escapeHtml(String(value)));
const money = (value: number | null) => (value === null ? '—' : `$${value.toFixed(4)}`);

const style = `
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:70rem;padding:0 1rem;color:#1d2127}
table{border-collapse:collapse;margin:.5rem 0 1rem;width:100%}th,td{border:1px solid #ccd;padding:.3rem .5rem;text-align:left;vertical-align:top}
th{background:#eef1f5}td.num{text-align:right;font-variant-numeric:tabular-nums}
section{border-top:2px solid #ccd;margin-top:2rem}pre{white-space:pre-wrap;background:#f6f8fa;padding:.75rem;border-radius:4px}
.error{color:#a01818}details{margin:.5rem 0}summary{cursor:pointer;font-weight:600}`;

function leaderboardTable(rows: LeaderboardRow[]): string {
  const body = rows
    .map(
      (r) =>
        `<tr><td>${e(r.display_name)}<br><small>${e(r.model_id)}</small></td><td class="num">${e(r.mean_score)}</td><td class="num">${r.wins}</td><td class="num">${r.comparisons}</td>` +
        `<td class="num">${e(r.mean_latency_ms)}</td><td class="num">${r.input_tokens}</td><td class="num">${r.output_tokens}</td><td class="num">${money(r.cost_usd)}</td><td class="num">${r.errors}</td></tr>`,
    )
    .join('\n');
  return `<table><thead><tr><th>Model</th><th>Mean score</th><th>Wins</th><th>Comparisons</th><th>Mean latency (ms)</th><th>Input tokens</th><th>Output tokens</th><th>Cost</th><th>Errors</th></tr></thead><tbody>${body}</tbody></table>`;
}

function list(title: string, items: string[]): string {
  return items.length === 0 ? '' : `<h4>${title}</h4><ul>${items.map((i) => `<li>${e(i)}</li>`).join('')}</ul>`;
}

function answer(result: ModelResult, score: ScoredModel | undefined): string {
  const servedBy = result.served_by ? ` (answered by ${e(result.served_by)})` : '';
  const heading = `${e(result.display_name)}${servedBy} — ${score ? `${e(score.score)}/10` : 'not scored'}`;
  const judged = score ? `<p>${e(score.reasoning)}</p>${list('Strengths', score.strengths)}${list('Weaknesses', score.weaknesses)}${list('Not checked (neutral for the score)', score.not_checked ?? [])}` : '';
  const body = result.error !== null ? `<p class="error">Error: ${e(result.error)}</p>` : `<pre>${e(result.response ?? '')}</pre>`;
  return `<details><summary>${heading}</summary>${judged}${body}</details>`;
}

function comparisonSection(comparison: CompareResponse, index: number, videoName: string): string {
  const scoreOf = (r: ModelResult) => scoreFor(comparison, r);
  const rows = comparison.results
    .map(
      (r) =>
        `<tr><td>${e(r.display_name)}${r.cached ? ` <small title="reused from the response cache: made ${e(r.cached_at)}, no provider call">(cached)</small>` : ''}</td><td class="num">${e(scoreOf(r)?.score)}</td><td class="num">${e(r.latency_ms)}</td><td class="num">${e(r.input_tokens)}</td>` +
        `<td class="num">${e(r.output_tokens)}</td><td class="num">${money(r.cost_usd)}</td><td class="error">${r.error !== null ? e(r.error) : ''}</td></tr>`,
    )
    .join('\n');
  const judge = comparison.evaluation_error
    ? `<p class="error">Evaluation failed: ${e(comparison.evaluation_error)}</p>`
    : comparison.overall_summary
      ? `<p><strong>Judge ${e(comparison.judge_model)}:</strong> ${e(comparison.overall_summary)}</p>`
      : '<p>Not judged.</p>';
  return (
    `<section><h2>${index + 1}. ${e(videoName)}</h2><p><strong>Prompt:</strong> ${e(comparison.prompt)}</p>${judge}` +
    `<table><thead><tr><th>Model</th><th>Score</th><th>Latency (ms)</th><th>Input tokens</th><th>Output tokens</th><th>Cost</th><th>Error</th></tr></thead><tbody>${rows}</tbody></table>` +
    comparison.results.map((r) => answer(r, scoreOf(r))).join('\n') +
    '</section>'
  );
}

/**
 * A self-contained HTML report. Model answers are untrusted, so every piece
 * of text is escaped and shown as preformatted text; a Content-Security-Policy
 * forbids scripts and remote content should anything slip through.
 */
export function renderHtmlReport(input: ExportInput): string {
  const leaderboard = input.leaderboard
    ? `<h2>Leaderboard</h2>${leaderboardTable(input.leaderboard.overall)}` +
      Object.entries(input.leaderboard.by_category)
        .map(([category, rows]) => `<details><summary>${e(category)}</summary>${leaderboardTable(rows)}</details>`)
        .join('\n')
    : '';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>vidcompare report ${e(input.job_id)}</title><style>${style}</style></head>
<body><h1>vidcompare report</h1>
<p>Job <code>${e(input.job_id)}</code>, created ${e(input.created_at)}, ${input.comparisons.length} comparison(s).</p>
${leaderboard}
${input.comparisons.map((c, i) => comparisonSection(c, i, input.videoNames[c.video_id] ?? c.video_id)).join('\n')}
</body></html>
`;
}
