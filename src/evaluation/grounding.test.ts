import { describe, expect, it } from 'vitest';
import { checkGrounding, type GroundingFacts } from './grounding.js';

const facts: GroundingFacts = {
  duration_s: 15,
  cuts_s: [5, 10],
  silences: [{ start_s: 5, end_s: 15 }],
  loudness: { integrated_lufs: -23, true_peak_dbtp: -1, loudness_range_lu: 2 },
};

describe('checkGrounding', () => {
  it('flags a time past the end as a hard fault, in words', () => {
    const report = checkGrounding('The logo appears at 00:42.', facts);
    expect(report.hard_fault).toBe(true);
    expect(report.past_end).toEqual([{ text: '00:42', seconds: 42 }]);
    expect(report.findings).toContain('cites 00:42 in a 15 s video');
  });

  it('allows half a second past the end', () => {
    expect(checkGrounding('It ends at 15.4s.', facts).hard_fault).toBe(false);
    expect(checkGrounding('It ends at 15.6s.', facts).hard_fault).toBe(true);
  });

  it('measures claimed cuts against the measured cuts (precision and recall, ±0.5 s)', () => {
    const right = checkGrounding('Hard cut at 00:05.4 to green. Another cut at 00:10.', facts);
    expect(right.claimed_cuts).toEqual([5.4, 10]);
    expect(right.cut_precision).toBe(1);
    expect(right.cut_recall).toBe(1);

    const wrong = checkGrounding('Cut at 00:05.6 and a transition at 00:12.', facts);
    expect(wrong.matched_cuts).toEqual([]);
    expect(wrong.unmatched_cuts).toEqual([5.6, 12]);
    expect(wrong.cut_precision).toBe(0);
    expect(wrong.cut_recall).toBe(0);
    expect(wrong.findings.join(' ')).toMatch(/claims cuts at 00:05\.6, 00:12\.0: none match the measured cuts \(00:05\.0, 00:10\.0\)/);

    const half = checkGrounding('- 00:05 — cut to shot 2\n- 00:08 — cut to shot 3', facts);
    expect(half.cut_precision).toBe(0.5);
    expect(half.cut_recall).toBe(0.5);
    expect(half.missed_cuts).toEqual([10]);
  });

  it('reads a whole-second clock time as the second it names (00:04 matches a cut at 4.9 s)', () => {
    const report = checkGrounding('Cut at 00:04.', { ...facts, cuts_s: [4.9] });
    expect(report.cut_precision).toBe(1);
  });

  it('does not count timestamps outside cut sentences, the video edges, or proposed edits as cut claims', () => {
    const report = checkGrounding(
      'Shot 1 runs from 00:00 to 00:15. The voice starts at 00:03.\nTrim the opening shot to end at 00:02.\nYou could cut the intro at 00:07.',
      facts,
    );
    expect(report.claimed_cuts).toEqual([]);
    expect(report.timestamps_in_range).toBe(5);
  });

  it('treats lengths and aspect ratios as lengths, not positions', () => {
    const report = checkGrounding(
      'Make 15s/30s/60s versions; a 30 s version needs more footage. Export at 9:16 vertical. Each shot lasts about 5 s. Trim it to 60 s.',
      facts,
    );
    expect(report.hard_fault).toBe(false);
    expect(report.timestamps_cited).toBe(0);
  });

  it('counts seconds written as positions', () => {
    const report = checkGrounding('Silence from 5 s to 15 s; the cut at 10.0s is clean.', facts);
    expect(report.timestamps_cited).toBe(3);
    expect(report.claimed_cuts).toEqual([10]);
  });

  it('checks silence and loudness statements, ignoring loudness targets', () => {
    const good = checkGrounding('The audio goes silent at 00:05. Integrated loudness is -23.4 LUFS; normalise to -14 LUFS for YouTube.', facts);
    expect(good.unsupported_silence_claims).toEqual([]);
    expect(good.silence_claims).toBe(1);
    expect(good.loudness_claims).toEqual([{ claimed_lufs: -23.4, measured_lufs: -23, matches: true }]);

    const bad = checkGrounding('There is silence at 00:02. It measures -12 LUFS.', facts);
    expect(bad.unsupported_silence_claims).toEqual([2]);
    expect(bad.loudness_claims[0].matches).toBe(false);
  });

  it('skips cut checks when cuts were not measured', () => {
    const report = checkGrounding('Cut at 00:03.', { duration_s: 15, cuts_s: null, silences: null });
    expect(report.cut_precision).toBeNull();
    expect(report.missed_cuts).toBeNull();
    expect(report.claimed_cuts).toEqual([3]);
  });

  it('does not read the absence of a cut or silence, or a suggested cutaway, as a claim', () => {
    const report = checkGrounding(
      'Shot 1 runs 00:00–00:05; no cut within the opening 00:00–00:03.\nShot 2: cut away at 00:06–00:08 to a close-up.\nNo silences detected: there is sound throughout (00:00–00:15).',
      { ...facts, silences: [] },
    );
    expect(report.claimed_cuts).toEqual([5]);
    expect(report.silence_claims).toBe(0);
  });

  it('ties a time to "silent" only when it is near the word or continues its list', () => {
    const report = checkGrounding(
      'Shot 1, 00:00–00:12 (12 s): insert at 00:06–00:08 (silent here), 00:09.\nThe audio is silent 00:05–00:07, 00:08 and 00:09.',
      facts,
    );
    expect(report.unsupported_silence_claims).toEqual([]);
    expect(report.silence_claims).toBe(7);
  });
});
