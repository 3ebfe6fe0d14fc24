import { describe, expect, it } from 'vitest';
import { formatCost, formatDuration, formatScore } from '../../src/cli/output/format.js';
import { Output, stripAnsi } from '../../src/cli/output/output.js';
import { LiveArea, renderBar } from '../../src/cli/output/progress-bar.js';
import { formatTable } from '../../src/cli/output/table.js';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { stream: { isTTY, columns: 100, write: (chunk: string) => chunks.push(chunk) > 0 }, text: () => chunks.join('') };
}

describe('output policy', () => {
  it('colours only on a terminal without NO_COLOR; never under --json', () => {
    expect(new Output({ json: false, stdout: sink(true).stream, env: {} }).color).toBe(true);
    expect(new Output({ json: false, stdout: sink(true).stream, env: { NO_COLOR: '1' } }).color).toBe(false);
    expect(new Output({ json: false, stdout: sink(false).stream, env: {} }).color).toBe(false);
    const json = new Output({ json: true, stdout: sink(true).stream, env: {} });
    expect(json.color).toBe(false);
    expect(json.interactive).toBe(false);
  });

  it('under --json keeps stdout for the JSON document and sends human lines to stderr', () => {
    const stdout = sink(false);
    const stderr = sink(false);
    const out = new Output({ json: true, stdout: stdout.stream, stderr: stderr.stream, env: {} });
    out.line('Job started');
    out.data({ ok: true });
    expect(JSON.parse(stdout.text())).toEqual({ ok: true });
    expect(stderr.text()).toBe('Job started\n');
  });

  it('writes errors as one line', () => {
    const stderr = sink(false);
    new Output({ json: false, stdout: sink(false).stream, stderr: stderr.stream, env: {} }).error('first\n  second\n');
    expect(stderr.text()).toBe('first second\n');
  });
});

describe('formatting', () => {
  it('aligns table columns, ignoring colour codes', () => {
    const table = formatTable([{ header: 'model' }, { header: 'score', align: 'right' }], [
      ['local-full', '\x1b[1m9.5/10\x1b[22m'],
      ['x', '10/10'],
    ]);
    expect(stripAnsi(table).split('\n')).toEqual(['model        score', '----------  ------', 'local-full  9.5/10', 'x            10/10']);
  });

  it('formats durations, costs and scores', () => {
    expect(formatDuration(850)).toBe('850 ms');
    expect(formatDuration(4200)).toBe('4.20 s');
    expect(formatDuration(125_000)).toBe('2m 05s');
    expect(formatDuration(null)).toBe('—');
    expect(formatCost(0)).toBe('$0');
    expect(formatCost(0.00123)).toBe('$0.00123');
    expect(formatCost(null)).toBe('—');
    expect(formatScore(9.4)).toBe('9/10'); // an integer 1-10, as the seed's contract says
    expect(formatScore(9)).toBe('9/10');
    expect(formatScore(10)).toBe('10/10');
  });

  it('renders bars clamped to 0..1', () => {
    expect(renderBar(0.5, 4, false)).toBe('[##--]');
    expect(renderBar(2, 2, false)).toBe('[##]');
    expect(renderBar(Number.NaN, 2, false)).toBe('[--]');
  });

  it('redraws a live area in place: the cursor goes back up over the lines drawn before', () => {
    const out = sink(true);
    const area = new LiveArea(out.stream, 0);
    area.update(['a', 'b']);
    area.update(['c']);
    area.finish();
    const text = out.text();
    expect(text.startsWith('\r\x1b[2Ka\n\r\x1b[2Kb\n')).toBe(true);
    expect(text).toContain('\x1b[2A\r\x1b[2Kc\n');
  });
});
