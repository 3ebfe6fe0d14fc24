import type { Root } from 'hast';
import { describe, expect, it } from 'vitest';
import { parseBudget, summarizeEstimate } from '../../web/src/compose/cost-estimate.js';
import { batchPrompts } from '../../web/src/compose/batch-prompts.js';
import { splitMarkdownTables, splitRow } from '../../web/src/results/markdown-tables.js';
import { findClockTimestamps, rehypeTimestamps } from '../../web/src/results/timestamps.js';
import { NewestResponses, upsertJob } from '../../web/src/jobs/job-views.js';
import { isTokenRequired, markTokenRequired, setToken } from '../../web/src/api/auth-token.js';
import type { JobView } from '../../web/src/api/types.js';

// The web UI's pure logic, run by vitest in Node (the vitest config only collects src/ and test/).

describe('findClockTimestamps', () => {
  it('reads MM:SS, H:MM:SS and MM:SS.s, and skips impossible clocks', () => {
    const found = findClockTimestamps('cut at 00:05, 1:02:03 and 00:10.5; not 12:75; range 00:01-00:02');
    expect(found.map((f) => [f.text, f.seconds])).toEqual([
      ['00:05', 5],
      ['1:02:03', 3723],
      ['00:10.5', 10.5],
      ['00:01', 1],
      ['00:02', 2],
    ]);
  });
});

describe('rehypeTimestamps', () => {
  it('wraps timestamps in text, but not inside code', () => {
    const tree: Root = {
      type: 'root',
      children: [
        { type: 'element', tagName: 'p', properties: {}, children: [{ type: 'text', value: 'at 00:04 a cut' }] },
        { type: 'element', tagName: 'code', properties: {}, children: [{ type: 'text', value: '00:09' }] },
      ],
    };
    rehypeTimestamps()(tree);
    const paragraph = tree.children[0] as any;
    expect(paragraph.children.map((c: any) => c.type === 'text' ? c.value : `<${c.tagName} ${c.properties.dataSeconds}>`)).toEqual(['at ', '<time 4>', ' a cut']);
    expect((tree.children[1] as any).children).toEqual([{ type: 'text', value: '00:09' }]);
  });
});

describe('splitMarkdownTables', () => {
  it('finds pipe tables with their alignment, between prose', () => {
    const segments = splitMarkdownTables('Intro\n\n| Shot | In |\n| --- | ---: |\n| 1 | 00:00 |\n| 2 | 00:04 |\n\nAfter');
    expect(segments.map((s) => s.kind)).toEqual(['markdown', 'table', 'markdown']);
    const table = segments[1] as Extract<(typeof segments)[number], { kind: 'table' }>;
    expect(table.header).toEqual(['Shot', 'In']);
    expect(table.align).toEqual([null, 'right']);
    expect(table.rows).toEqual([['1', '00:00'], ['2', '00:04']]);
  });

  it('leaves pipes inside fenced code alone and keeps escaped pipes', () => {
    expect(splitMarkdownTables('```\n| a | b |\n| --- | --- |\n```').map((s) => s.kind)).toEqual(['markdown']);
    expect(splitRow('| a \\| b | c |')).toEqual(['a | b', 'c']);
  });
});

describe('summarizeEstimate and parseBudget', () => {
  it('adds up the server estimate\'s lines, and names the unpriced ones and those with a default output length', () => {
    const summary = summarizeEstimate({
      calls: 3,
      total_usd: 0.02,
      unpriced_models: ['mystery'],
      per_model: [
        { model_id: 'gemini-2.5-flash', role: 'answer', calls: 2, input_tokens: 1000, output_tokens: 800, cost_usd: 0.015, output_basis: 'recent_average' },
        { model_id: 'mystery', role: 'answer', calls: 1, input_tokens: 500, output_tokens: 1000, cost_usd: null, output_basis: 'default' },
      ],
    });
    expect(summary).toEqual({ calls: 3, inputTokens: 1500, outputTokens: 1800, usd: 0.02, unpriced: ['mystery'], defaultOutput: ['mystery'] });
  });

  it('reads a budget in USD, refusing zero, negatives and words', () => {
    expect(['2.50', '$3', ' 0.1 ', '', '0', '-1', 'ten'].map(parseBudget)).toEqual([2.5, 3, 0.1, undefined, undefined, undefined, undefined]);
  });
});

describe('batchPrompts', () => {
  it('takes the chosen templates then each line of free text, without duplicates', () => {
    const templates = [{ id: 't1', name: 'T1', category: 'editing' as const, prompt: 'Edit it' }, { id: 't2', name: 'T2', category: 'audio' as const, prompt: 'Audio?' }];
    expect(batchPrompts(templates, ['t2'], ' Where is the music?\n\nAudio?\n')).toEqual(['Audio?', 'Where is the music?']);
  });
});

describe('job views fetched out of order', () => {
  const view = (status: JobView['status'], progress: number): JobView => ({ job_id: 'j1', status, progress, created_at: '2026-12-03T10:00:00.000+00:00' }) as JobView;

  it('never lets a view fetched before a job finished bring back "running"', () => {
    const finished = upsertJob([], view('completed', 100));
    expect(upsertJob(finished, view('running', 40))).toEqual(finished);
    expect(upsertJob(upsertJob([], view('running', 40)), view('completed', 100))[0]!.status).toBe('completed');
  });

  it('applies only the newest fetch of a job, whatever order the responses come back in', () => {
    const responses = new NewestResponses();
    const onStart = responses.begin('j1');
    const onCreated = responses.begin('j1');
    const onFinished = responses.begin('j1');
    const other = responses.begin('j2');
    expect(onFinished()).toBe(true);
    expect(onStart()).toBe(false);
    expect(onCreated()).toBe(false);
    expect(other()).toBe(true);
    // in order, every response is applied
    const first = responses.begin('j3');
    const second = responses.begin('j3');
    expect([first(), second()]).toEqual([true, true]);
  });
});

describe('the access token dialog', () => {
  it('asks again only for a 401 to the token in use, not for one answering a call made before the token was typed', () => {
    expect(isTokenRequired()).toBe(false);
    markTokenRequired(null);
    expect(isTokenRequired()).toBe(true);
    setToken('typed-in');
    expect(isTokenRequired()).toBe(false);
    // a call sent before the token was set comes back 401 after it was saved
    markTokenRequired(null);
    expect(isTokenRequired()).toBe(false);
    // the token in use is refused: ask again
    markTokenRequired('typed-in');
    expect(isTokenRequired()).toBe(true);
    setToken(null);
  });
});
