import { classifyPrompt, type CompareResponse } from '../domain/index.js';
import { renderHtmlReport } from './html-report.js';
import type { Leaderboard } from './leaderboard.js';
import { scoreFor } from './score-lookup.js';

export type ExportFormat = 'csv' | 'json' | 'html';

export interface ExportInput {
  job_id: string;
  created_at: string;
  comparisons: CompareResponse[];
  leaderboard: Leaderboard | null;
  /** video id → original file name */
  videoNames: Record<string, string>;
}

export interface ExportedReport {
  contentType: string;
  filename: string;
  body: string;
}

export const csvColumns = [
  'job_id',
  'video_id',
  'video_name',
  'prompt',
  'category',
  'model_id',
  'model_name',
  'display_name',
  'served_by',
  'status',
  'score',
  'reasoning',
  'strengths',
  'weaknesses',
  'not_checked',
  'latency_ms',
  'input_tokens',
  'output_tokens',
  'thinking_tokens',
  'cost_usd',
  'cached',
  'cached_at',
  'error',
  'judge_model',
  'evaluation_error',
  'response',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break,
 * with quotes doubled. Text that a spreadsheet would run as a formula
 * (=, +, @, or - not followed by a space), also after leading signs and
 * blanks ("- =HYPERLINK(" runs too), gets a leading apostrophe; markdown
 * bullets ("- item") are left alone.
 */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (/^(?:[=+@\t\r]|-(?!\s|$)|[-+\s]*[=+@])/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function toCsv(input: ExportInput): string {
  const lines = [csvColumns.join(',')];
  for (const comparison of input.comparisons) {
    const category = classifyPrompt(comparison.prompt);
    for (const result of comparison.results) {
      const score = scoreFor(comparison, result);
      const row: Record<(typeof csvColumns)[number], string | number | null> = {
        job_id: input.job_id,
        video_id: comparison.video_id,
        video_name: input.videoNames[comparison.video_id] ?? null,
        prompt: comparison.prompt,
        category,
        model_id: result.model_id,
        model_name: result.model_name,
        display_name: result.display_name,
        served_by: result.served_by,
        status: result.status,
        score: score?.score ?? null,
        reasoning: score?.reasoning ?? null,
        strengths: score ? score.strengths.join(' | ') : null,
        weaknesses: score ? score.weaknesses.join(' | ') : null,
        not_checked: score?.not_checked ? score.not_checked.join(' | ') : null,
        latency_ms: result.latency_ms,
        input_tokens: result.input_tokens,
        output_tokens: result.output_tokens,
        thinking_tokens: result.thinking_tokens,
        cost_usd: result.cost_usd,
        cached: result.cached ? 'true' : 'false',
        cached_at: result.cached_at ?? null,
        error: result.error,
        judge_model: comparison.judge_model,
        evaluation_error: comparison.evaluation_error,
        response: result.response,
      };
      lines.push(csvColumns.map((column) => csvField(row[column])).join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** keeps the download name to safe characters whatever the id holds */
function safeName(jobId: string): string {
  return jobId.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 80) || 'job';
}

/**
 * A job's comparisons as a downloadable report: CSV (one row per answer),
 * JSON (everything, with the leaderboard) or a self-contained HTML page in
 * which every model answer is escaped text, never markup.
 */
export function exportComparisons(format: ExportFormat, input: ExportInput): ExportedReport {
  const base = `vidcompare-${safeName(input.job_id)}`;
  switch (format) {
    case 'csv':
      return { contentType: 'text/csv; charset=utf-8', filename: `${base}.csv`, body: toCsv(input) };
    case 'json':
      return {
        contentType: 'application/json; charset=utf-8',
        filename: `${base}.json`,
        body: JSON.stringify(
          {
            job_id: input.job_id,
            created_at: input.created_at,
            videos: input.videoNames,
            leaderboard: input.leaderboard,
            comparisons: input.comparisons,
          },
          null,
          2,
        ),
      };
    case 'html':
      return { contentType: 'text/html; charset=utf-8', filename: `${base}.html`, body: renderHtmlReport(input) };
  }
}
