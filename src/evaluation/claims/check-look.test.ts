import { describe, expect, it } from 'vitest';
import type { LookStats } from '../../domain/index.js';
import { mediaFactsFor } from '../../../test/calibration/fake-video.js';
import { checkLook } from './check-look.js';
import { claimContext } from './claim.js';

/** 18 s, three shots: a bright neutral one, a dark blue one, a warm (orange) mid one. */
const looks: LookStats[] = [
  { brightness: 158, contrast: 120, saturation: 12, cast_u: 1, cast_v: 1 },
  { brightness: 40, contrast: 60, saturation: 30, cast_u: 22, cast_v: -6 },
  { brightness: 120, contrast: 90, saturation: 40, cast_u: -18, cast_v: 16 },
];
const facts = { ...mediaFactsFor({ duration_s: 18, cuts_s: [6, 12], shot_looks: looks }), look: { brightness: 106, contrast: 90, saturation: 27, cast_u: 1.7, cast_v: 3.7 } };

const check = (text: string) => checkLook(claimContext(text, facts));
const verdicts = (text: string) => check(text).map((c) => [c.claim, c.verdict]);

describe('brightness and colour claims per shot', () => {
  it('a true comparison is supported; a false one is contradicted with both luma values', () => {
    expect(verdicts('The second shot is darker than the first.')).toEqual([['shot 2 (00:00:06.0–00:00:12.0) is darker than shot 1', 'supported']].map(([c, v]) => [expect.stringContaining('is darker than shot 1'), v]));
    const [wrong] = check('Shot 3 is darker than shot 1? No: shot 1 is darker than shot 2.').filter((c) => c.verdict === 'contradicted');
    expect(wrong.claim).toMatch(/shot 1 .* is darker than shot 2/);
    expect(wrong.truth).toBe('it is brighter: mean luma 0.62 vs 0.16');
  });

  it('without "than", a comparison is with the shot before (the first shot: the one after)', () => {
    expect(check('The second shot is brighter.')[0]).toMatchObject({ verdict: 'contradicted', truth: 'it is darker: mean luma 0.16 vs 0.62' });
    expect(check('The opening shot is brighter.')[0]).toMatchObject({ verdict: 'supported' });
    expect(check('Shot 2 is the darkest of them all.')[0]).toMatchObject({ claim: 'shot 2 is the darkest', verdict: 'supported' });
    expect(check('Shot 3 is the darkest.')[0]).toMatchObject({ verdict: 'contradicted' });
  });

  it('names a shot by number, ordinal or time span, and checks named colours by hue', () => {
    expect(verdicts('Shot 3 (00:12–00:18) is warm/orange.')).toEqual([[expect.stringMatching(/shot 3 .* is warm/), 'supported'], [expect.stringMatching(/is orange/), 'supported']]);
    expect(verdicts('00:06–00:12 is mostly blue.')).toEqual([[expect.stringMatching(/^shot 2 .* is blue/), 'supported']]);
    expect(verdicts('The last shot has a cool, blue tint.')).toEqual([[expect.stringMatching(/shot 3 .* is blue/), 'contradicted']]);
    const [green] = check('The final shot looks green.');
    expect(green).toMatchObject({ verdict: 'contradicted' });
    expect(green.truth).toMatch(/strong warm \(orange\)/);
  });

  it('a neutral shot called warm is contradicted; "neutral" holds where the chroma is near zero', () => {
    expect(verdicts('The first shot is warm.')).toEqual([[expect.any(String), 'contradicted']]);
    expect(verdicts('Shot 1 has a neutral white balance.')).toEqual([[expect.any(String), 'supported']]);
    expect(verdicts('Shot 2 (00:06–00:12) has neutral colour.')).toEqual([[expect.any(String), 'unchecked']]);
  });

  it('absolute exposure words with borderline left unchecked', () => {
    expect(verdicts('The opening shot is bright.')).toEqual([[expect.any(String), 'supported']]);
    expect(verdicts('Shot 2 is bright.')).toEqual([[expect.any(String), 'contradicted']]);
    expect(verdicts('Shot 2 (00:06–00:12): underexposed, lift the shadows.')).toEqual([[expect.any(String), 'supported']]);
    expect(verdicts('Shot 3 is dark.')).toEqual([[expect.any(String), 'contradicted']]);
    expect(verdicts('Shot 3 looks dim.')[0]).toEqual([expect.any(String), 'contradicted']);
    expect(check('The whole video is mostly dark.')[0]).toMatchObject({ claim: 'the video is dark', verdict: 'unchecked' });
  });

  it('is not fooled by colours of things, proposals, negations and transitions', () => {
    expect(check('Shot 1 shows bright green cells on a dark background.')).toEqual([]);
    expect(check('Make shot 2 brighter and warm it up; consider a blue grade for shot 3.')).toEqual([]);
    expect(check('Shot 2 is not bright.')).toEqual([]);
    expect(check('Cut at 00:06 (shot 1 → 2): colour slight blue → slight warm.')).toEqual([]);
    expect(check('The picture is bright.')).toEqual([]);
  });

  it('reads the look analyzer\'s own table rows', () => {
    const row = '| 2 | 00:06.0–00:12.0 | 40 | 60 | 30 | strong blue | very dark |';
    expect(verdicts(row)).toEqual([[expect.stringMatching(/shot 2 .* is blue/), 'supported'], [expect.stringMatching(/is very dark/), 'supported']]);
  });
});
