import { describe, expect, it } from 'vitest';
import { findTimestamps, promptTemplates } from '../../domain/index.js';
import { evenlyCutFacts, fifteenSecondFacts } from './__fixtures__/sample-facts.js';
import { localAnalyzerIds, type LocalAnalyzerId } from './local-analyzers.js';
import { writeLocalAnswer } from './write-local-answer.js';

const template = (id: string): string => {
  const found = promptTemplates.find((t) => t.id === id);
  if (!found) throw new Error(`no template ${id}`);
  return found.prompt;
};
const secondsCited = (text: string) => findTimestamps(text).map((mention) => mention.seconds);
/** The `## ` headings in order, skipping the closing limits section. */
const headings = (text: string) =>
  [...text.matchAll(/^## (.+)$/gm)].map((match) => match[1]).filter((title) => title !== 'Limits of this answer');

const prompts = [...promptTemplates.map((t) => t.prompt), 'What is this video about?'];

describe('writeLocalAnswer on a 15 s video cut at 5 s and 10 s, silent from 5 s', () => {
  const facts = fifteenSecondFacts();

  it.each(['shots', 'full'] as const)('%s names both cuts for pacing and editing prompts', (analyzer) => {
    for (const prompt of [template('transitions-pacing'), template('editing')]) {
      const text = writeLocalAnswer({ analyzer, facts, prompt });
      expect(text).toContain('00:05');
      expect(text).toContain('00:10');
      expect(secondsCited(text)).toEqual(expect.arrayContaining([5, 10]));
    }
  });

  it('the audio analyzer states the silence from 00:05', () => {
    const text = writeLocalAnswer({ analyzer: 'audio', facts, prompt: template('audio') });
    expect(text).toMatch(/Silence from 00:05\.0 to 00:15\.0/);
    expect(text).toContain('-20.3 LUFS');
    expect(text).toMatch(/too quiet/);
  });

  it('no answer cites a time past the end, and every answer says it is measurement-based', () => {
    for (const analyzer of localAnalyzerIds) {
      for (const prompt of prompts) {
        const text = writeLocalAnswer({ analyzer, facts, prompt });
        expect(text).toMatch(/measurement-based answer, not a language model/i);
        expect(text.indexOf('Measurement-based')).toBeLessThan(text.indexOf('## '));
        for (const seconds of secondsCited(text)) expect(seconds, `${analyzer}: ${prompt}`).toBeLessThanOrEqual(15);
      }
    }
  });

  it('is deterministic', () => {
    for (const analyzer of localAnalyzerIds) {
      const prompt = template('second-by-second');
      expect(writeLocalAnswer({ analyzer, facts, prompt })).toBe(writeLocalAnswer({ analyzer, facts: fifteenSecondFacts(), prompt }));
    }
  });

  it('says every trim target is already longer than the video', () => {
    const text = writeLocalAnswer({ analyzer: 'shots', facts, prompt: template('trim-versions') });
    for (const target of [15, 30, 60]) {
      expect(text).toContain(`already 00:15.0 long, no longer than the ${target}-second target`);
    }
  });

  it('handles a video with no audio track', () => {
    const silentFilm = fifteenSecondFacts({ has_audio: false, silences: [], loudness: null });
    const text = writeLocalAnswer({ analyzer: 'audio', facts: silentFilm, prompt: template('audio') });
    expect(text).toMatch(/no audio track, so there is no loudness to measure/);
    expect(text).not.toMatch(/LUFS \(streaming\)/);
  });
});

describe('trimmed versions of a longer video', () => {
  // 40 s in ten 4 s shots; black frames open the video and shot 5 is silent
  const facts = evenlyCutFacts(10, 4, {
    black_segments: [{ start_s: 0, end_s: 1 }],
    silences: [{ start_s: 16, end_s: 20 }],
  });
  const text = writeLocalAnswer({ analyzer: 'full', facts, prompt: template('trim-versions') });

  const versionTable = (target: number) => {
    const start = text.indexOf(`### ${target}-second version`);
    const end = text.indexOf('\n#', start + 1);
    return text.slice(start, end < 0 ? undefined : end);
  };
  const segments = (block: string) =>
    [...block.matchAll(/^\| \d+ \| (\S+) \| (\S+) \| ([\d.]+) \|/gm)].map((row) => ({
      in_s: findTimestamps(row[1])[0].seconds,
      out_s: findTimestamps(row[2])[0].seconds,
      length_s: Number(row[3]),
    }));

  it.each([15, 30])('builds a %i-second version from shots inside the video', (target) => {
    const rows = segments(versionTable(target));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row.in_s).toBeGreaterThanOrEqual(0);
      expect(row.out_s).toBeLessThanOrEqual(40);
      expect(row.out_s).toBeGreaterThan(row.in_s);
    }
    const total = rows.reduce((sum, row) => sum + row.length_s, 0);
    expect(total).toBeCloseTo(target, 1);
    // in time order, not overlapping, and leaving out the black opening and the silent shot
    rows.slice(1).forEach((row, i) => expect(row.in_s).toBeGreaterThanOrEqual(rows[i].out_s));
    expect(rows[0].in_s).toBe(1);
    for (const row of rows) expect(row.in_s >= 20 || row.out_s <= 16).toBe(true);
  });

  it('says what each segment keeps of its shot', () => {
    expect(versionTable(15)).toContain('shot 1 (the opening, the hook), without its black or frozen frames');
    expect(versionTable(30)).toContain('shot 9, cut short to fit');
  });

  it('says the video is already shorter than the 60-second target', () => {
    expect(versionTable(60)).toContain('already 00:40.0 long, no longer than the 60-second target');
    expect(segments(versionTable(60))).toEqual([]);
  });

  it('cuts a single continuous shot by time, never past its end', () => {
    const oneTake = evenlyCutFacts(1, 20);
    const answer = writeLocalAnswer({ analyzer: 'shots', facts: oneTake, prompt: template('trim-versions') });
    expect(answer).toContain('one continuous shot');
    expect(answer).toMatch(/\| 1 \| 00:00\.0 \| 00:15\.0 \| 15\.0 \|/);
    expect(answer).toContain('already 00:20.0 long, no longer than the 30-second target');
  });
});

describe('shaping by prompt category', () => {
  const facts = fifteenSecondFacts();
  const first = (analyzer: LocalAnalyzerId, prompt: string) => headings(writeLocalAnswer({ analyzer, facts, prompt }))[0];

  it('puts the sections the prompt asks for first, for every measuring analyzer', () => {
    for (const analyzer of localAnalyzerIds.filter((id) => id !== 'text')) {
      expect(first(analyzer, template('audio'))).toBe('Loudness');
      expect(first(analyzer, template('colour-grading'))).toBe('Overall look');
      expect(first(analyzer, template('editing'))).toBe('Hook (the opening seconds)');
      expect(first(analyzer, template('transitions-pacing'))).toBe('Scene changes and shot list');
      expect(first(analyzer, template('trim-versions'))).toBe('Shorter versions');
      expect(first(analyzer, template('captions'))).toBe('Caption slots');
      expect(first(analyzer, template('b-roll'))).toBe('B-roll and cutaways');
      expect(first(analyzer, template('thumbnail'))).toBe('Thumbnail candidates');
      expect(first(analyzer, template('second-by-second'))).toBe('Timeline');
      expect(first(analyzer, 'What is this video about?')).toBe('Timeline');
    }
  });

  it('the OCR analyzer answers text and general questions, and nothing it did not read', () => {
    expect(first('text', template('captions'))).toBe('Caption slots');
    expect(first('text', template('second-by-second'))).toBe('Timeline');
    for (const id of ['audio', 'colour-grading', 'editing', 'transitions-pacing', 'b-roll']) {
      const sections = headings(writeLocalAnswer({ analyzer: 'text', facts, prompt: template(id) }));
      expect(sections, id).not.toContain('Loudness');
      expect(sections, id).not.toContain('Overall look');
      expect(sections, id).not.toContain('Scene changes and shot list');
    }
  });

  it('follows with the analyzer specialty, each section once', () => {
    const text = writeLocalAnswer({ analyzer: 'shots', facts, prompt: template('audio') });
    expect(headings(text)).toEqual(['Loudness', 'Loudest moment and clipping', 'Silences', 'Scene changes and shot list', 'Pacing', 'Black, fades and still picture']);
    const look = writeLocalAnswer({ analyzer: 'look', facts, prompt: template('colour-grading') });
    expect(headings(look)).toEqual(['Overall look', 'Exposure and colour shot by shot', 'Shot-to-shot consistency']);
  });

  it('changes the text, and the closing limits, with the category', () => {
    const texts = promptTemplates.map((t) => writeLocalAnswer({ analyzer: 'full', facts, prompt: t.prompt }));
    expect(new Set(texts).size).toBe(texts.length);
    expect(texts[promptTemplates.findIndex((t) => t.id === 'captions')]).toMatch(/cannot read on-screen text/);
    expect(texts[promptTemplates.findIndex((t) => t.id === 'thumbnail')]).toMatch(/cannot see faces/);
  });

  it('gives thumbnail candidates mid-shot and half a second clear of the cuts, best exposed first', () => {
    const text = writeLocalAnswer({ analyzer: 'look', facts, prompt: template('thumbnail') });
    expect(text).toMatch(/1\. \*\*00:02\.3\*\*/); // middle of 00:00.0–00:04.5
    expect(text).toMatch(/2\. \*\*00:12\.8\*\*/); // middle of 00:10.5–00:15.0
    expect(text).not.toMatch(/\*\*00:07\.5\*\*/); // dark, flat, grey shot 2 is not offered
  });

  it('gives cutaway times inside long shots for B-roll', () => {
    const text = writeLocalAnswer({ analyzer: 'shots', facts: evenlyCutFacts(2, 12), prompt: template('b-roll') });
    expect(text).toMatch(/Shot 1, 00:00\.0–00:12\.0 \(12\.0 s\): cut away at 00:02\.5–00:05\.5; 00:06\.5–00:09\.5/);
    expect(text).toMatch(/Shot 2, 00:12\.0–00:24\.0/);
  });

  it('gives caption slots at shot starts, with the silent ones marked', () => {
    const text = writeLocalAnswer({ analyzer: 'audio', facts, prompt: template('captions') });
    expect(text).toMatch(/\| 1 \| 00:00\.0 \| 00:05\.0 \| 5\.0 \| sound \|/);
    expect(text).toMatch(/\| 2 \| 00:05\.0 \| 00:10\.0 \| 5\.0 \| silent \|/);
    expect(text).toMatch(/Speech-free spans.*00:05\.0–00:15\.0/);
  });

  it('suggests trims for editing prompts: black frames, frozen picture and dead air', () => {
    const facts = fifteenSecondFacts({
      black_segments: [{ start_s: 0, end_s: 0.8 }],
      frozen_segments: [{ start_s: 7, end_s: 8.5 }],
    });
    const text = writeLocalAnswer({ analyzer: 'full', facts, prompt: template('editing') });
    expect(text).toContain('Cut the black frames 00:00.0–00:00.8');
    expect(text).toContain('Cut or cover the frozen picture 00:07.0–00:08.5');
    expect(text).toContain('end the video at 00:05.0');
    expect(text).toContain('Opens on black until 00:00.8');
  });
});
