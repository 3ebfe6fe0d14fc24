import { describe, expect, it } from 'vitest';
import type { CompareResponse } from '../domain/index.js';
import { csvField, exportComparisons, type ExportInput } from './export-report.js';
import { buildLeaderboard } from './leaderboard.js';

const hostile = 'Line one, with "quotes"\nLine two <script>alert(1)</script> <img src=x onerror=alert(2)>';

const comparison: CompareResponse = {
  item_index: 0,
  video_id: 'v1',
  prompt: 'Evaluate the audio, please: "loudness"',
  results: [
    {
      model_name: 'm1',
      model_id: 'm1',
      display_name: 'Model <b>One</b>',
      response: hostile,
      error: null,
      latency_ms: 1200,
      input_tokens: 10,
      output_tokens: 5,
      thinking_tokens: null,
      cost_usd: 0.002,
      served_by: null,
      cached: true,
      cached_at: '2026-12-01T10:00:00.000+00:00',
      status: 'succeeded',
      attempts: 1,
    },
    {
      model_name: 'm2',
      model_id: 'm2',
      display_name: 'Model Two',
      response: null,
      error: '=HYPERLINK("http://evil")',
      latency_ms: null,
      input_tokens: null,
      output_tokens: null,
      thinking_tokens: null,
      cost_usd: null,
      served_by: null,
      status: 'failed',
      attempts: 3,
    },
  ],
  evaluation: [
    { model_id: 'm1', model_name: 'm1', display_name: 'Model <b>One</b>', score: 8, reasoning: 'Good, "grounded"', strengths: ['timestamps', '<svg onload=alert(3)>'], weaknesses: [], not_checked: ['on-screen text "OPEN" (the text was not read)', 'shot 1 has neutral colour (colourful shot)'] },
    { model_id: 'm2', model_name: 'm2', display_name: 'Model Two', score: 1, reasoning: 'error', strengths: [], weaknesses: ['No answer'] },
  ],
  overall_summary: 'Model One wins <iframe src="x">',
  judge_model: 'local-judge',
  evaluation_error: null,
  evaluation_details: null,
  totals: { cost_usd: 0.002, input_tokens: 10, output_tokens: 5 },
};

const input: ExportInput = {
  job_id: 'job/../1',
  created_at: '2026-01-01T00:00:00.000Z',
  comparisons: [comparison],
  leaderboard: buildLeaderboard([comparison]),
  videoNames: { v1: 'clip <1>.mp4' },
};

/** a minimal RFC 4180 parser, to check the CSV reads back to the same values */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') row.push(field), (field = '');
    else if (c === '\r' && text[i + 1] === '\n') {
      row.push(field), rows.push(row), (row = []), (field = ''), i++;
    } else field += c;
  }
  return rows;
}

describe('exportComparisons', () => {
  it('CSV: one row per answer; quotes, commas and newlines survive a round trip', () => {
    const csv = exportComparisons('csv', input);
    expect(csv.contentType).toBe('text/csv; charset=utf-8');
    expect(csv.filename).toBe('vidcompare-job____1.csv');
    const [header, first, second] = parseCsv(csv.body);
    const col = (name: string) => header.indexOf(name);
    expect(first[col('response')]).toBe(hostile);
    expect(first[col('prompt')]).toBe('Evaluate the audio, please: "loudness"');
    expect(first[col('reasoning')]).toBe('Good, "grounded"');
    expect(first[col('score')]).toBe('8');
    expect(first[col('video_name')]).toBe('clip <1>.mp4');
    expect(first[col('category')]).toBe('audio');
    expect(second[col('error')]).toBe(`'=HYPERLINK("http://evil")`);
    expect(second[col('latency_ms')]).toBe('');
    expect([first[col('cached')], first[col('cached_at')], second[col('cached')], second[col('cached_at')]]).toEqual(['true', '2026-12-01T10:00:00.000+00:00', 'false', '']);
    expect(first[col('not_checked')]).toBe('on-screen text "OPEN" (the text was not read) | shot 1 has neutral colour (colourful shot)');
    expect(second[col('not_checked')]).toBe('');
  });

  it('csvField quotes only when needed and defuses formulas but not markdown bullets', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField('a\nb')).toBe('"a\nb"');
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('- a bullet')).toBe('- a bullet');
    expect(csvField(null)).toBe('');
    expect(csvField(-1.5)).toBe('-1.5');
  });

  it('JSON: the comparisons, leaderboard and video names as data', () => {
    const json = exportComparisons('json', input);
    expect(json.contentType).toBe('application/json; charset=utf-8');
    const parsed = JSON.parse(json.body);
    expect(parsed.comparisons[0].results[0].response).toBe(hostile);
    expect(parsed.leaderboard.overall[0].model_id).toBe('m1');
    expect(parsed.videos).toEqual({ v1: 'clip <1>.mp4' });
  });

  it('HTML: every piece of model text is escaped, no raw markup from answers', () => {
    const html = exportComparisons('html', input);
    expect(html.contentType).toBe('text/html; charset=utf-8');
    expect(html.body).not.toMatch(/<script/i);
    expect(html.body).not.toMatch(/<img/i);
    expect(html.body).not.toMatch(/<svg/i);
    expect(html.body).not.toMatch(/<iframe/i);
    expect(html.body).not.toContain('<b>One</b>');
    expect(html.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html.body).toContain('&lt;img src=x onerror=alert(2)&gt;');
    expect(html.body).toContain('clip &lt;1&gt;.mp4');
    expect(html.body.match(/\(cached\)/g)).toHaveLength(1);
    expect(html.body).toContain('<h4>Not checked (neutral for the score)</h4><ul><li>on-screen text &quot;OPEN&quot; (the text was not read)</li>');
    expect(html.body).toContain("Content-Security-Policy\" content=\"default-src 'none'");
  });
});
