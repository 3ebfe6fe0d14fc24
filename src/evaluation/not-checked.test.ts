import { describe, expect, it } from 'vitest';
import { fakeVideoAsset, mediaFactsFor } from '../../test/calibration/fake-video.js';
import { createLocalJudge } from './local-judge.js';
import type { JudgeAnswer } from './judge.js';

/** two shots: a colourful, slightly blue one and a dark one */
const facts = mediaFactsFor({
  duration_s: 10,
  cuts_s: [5],
  shot_looks: [
    { brightness: 120, contrast: 130, saturation: 90, cast_u: 7, cast_v: 1 },
    { brightness: 30, contrast: 50, saturation: 10, cast_u: -4, cast_v: 1 },
  ],
});
const prompt = 'How is the colour grading? Any casts or exposure problems?';

const base = '## Look\n\n- Shot 2 (00:05–00:10) is much darker than shot 1: lift its mid-tones.\n- Hard cut at 00:05.';
const withUncheckable = `${base}\n- Shot 1 (00:00–00:05) has a neutral white balance.`;

async function judge(...texts: string[]) {
  const answers: JudgeAnswer[] = texts.map((text, i) => ({ model_id: `m${i}`, model_name: `M${i}`, text, error: null }));
  const verdict = await createLocalJudge().evaluate({ jobId: 'j', prompt, video: fakeVideoAsset(facts), answers, context: 'facts', runs: 1, signal: new AbortController().signal });
  return verdict.scores;
}

describe('claims the judge cannot check', () => {
  it('are listed as not checked, with why, and said in the reasoning', async () => {
    const [score] = await judge(withUncheckable);
    expect(score.not_checked).toHaveLength(1);
    expect(score.not_checked![0]).toMatch(/^shot 1 \(00:00\.0–00:05\.0\) has neutral colour \(.*colourful shot \(saturation 90\).*cannot be told apart\)$/);
    expect(score.reasoning).toMatch(/Not checked \(neutral for the score\): one claim the measurement cannot settle — shot 1/);
    expect(score.weaknesses.join(' ')).not.toMatch(/neutral/);
  });

  it('are neutral for the accuracy points', async () => {
    const [plain, extra] = await judge(base, withUncheckable);
    const accuracy = (s: typeof plain) => s.rubric!.find((l) => l.criterion === 'accuracy')!;
    expect(accuracy(extra).points).toBe(accuracy(plain).points);
    expect(accuracy(extra).note).toMatch(/2 checkable claims confirmed, 0 contradicted, 1 not checked/);
    expect(plain.not_checked).toEqual([]);
    expect(plain.strengths).toContain('Brightness and colour as measured: shot 2 (00:05.0–00:10.0) is darker than shot 1');
  });
});
