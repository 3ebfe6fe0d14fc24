import { describe, expect, it } from 'vitest';
import { fakeVideoAsset, mediaFactsFor } from '../../test/calibration/fake-video.js';
import { createLocalJudge } from './local-judge.js';
import type { JudgeAnswer, JudgeInput } from './judge.js';

const facts = mediaFactsFor({ duration_s: 15, cuts_s: [5, 10], silences: [{ start_s: 5, end_s: 15 }] });
const prompt = 'Analyse the transitions and pacing of this video: list every cut with its MM:SS timestamp.';

function input(answers: JudgeAnswer[], overrides: Partial<JudgeInput> = {}): JudgeInput {
  return { jobId: 'job-1', prompt, video: fakeVideoAsset(facts), answers, context: 'facts', runs: 1, signal: new AbortController().signal, ...overrides };
}

const good: JudgeAnswer = {
  model_id: 'model-good',
  model_name: 'Good model',
  text: '## Cuts\n- 00:05 — hard cut to shot 2\n- 00:10 — hard cut to shot 3\n\n## Rhythm\nThree even shots of 5 s each; the pacing is steady, speed up the middle.',
  error: null,
};
const pastEnd: JudgeAnswer = { model_id: 'model-late', model_name: 'Late model', text: 'Cut at 00:05, then the outro at 00:42.', error: null };
const failed: JudgeAnswer = { model_id: 'model-failed', model_name: 'Failed model', text: null, error: '429 quota exhausted' };
const blank: JudgeAnswer = { model_id: 'model-blank', model_name: 'Blank model', text: '  \n', error: null };

describe('local judge', () => {
  it('scores every answer in input order, 1 for errors and empty answers, with the reason', async () => {
    const verdict = await createLocalJudge().evaluate(input([failed, good, blank]));
    expect(verdict.scores.map((s) => s.model_name)).toEqual(['model-failed', 'model-good', 'model-blank']);
    expect(verdict.scores[0]).toMatchObject({ score: 1 });
    expect(verdict.scores[0].reasoning).toMatch(/error.*429 quota exhausted/);
    expect(verdict.scores[2]).toMatchObject({ score: 1 });
    expect(verdict.scores[2].reasoning).toMatch(/empty/);
    expect(verdict.scores[1].score).toBeGreaterThan(7);
    expect(verdict.scores[1].strengths.length).toBeGreaterThan(0);
  });

  it('caps an answer citing a time past the end and says why, in the summary too', async () => {
    const verdict = await createLocalJudge().evaluate(input([good, pastEnd]));
    const late = verdict.scores[1];
    expect(late.score).toBeLessThanOrEqual(3);
    expect(late.weaknesses).toContain('Cites 00:42 in a 15 s video');
    expect(verdict.overall_summary).toMatch(/^Best answer: Good model/);
    expect(verdict.overall_summary).toContain('Late model cites 00:42 in a 15 s video');
    expect(verdict.details).toMatchObject({ judge: 'local-judge', category: 'pacing', facts_source: 'measured' });
  });

  it('is deterministic', async () => {
    const judge = createLocalJudge();
    const first = await judge.evaluate(input([good, pastEnd, failed]));
    const second = await judge.evaluate(input([good, pastEnd, failed]));
    expect(second).toEqual(first);
  });

  it('still judges from the probed duration when measuring fails, and records why', async () => {
    const video = fakeVideoAsset(facts, { factsError: new Error('ffmpeg exited with code 1') });
    const verdict = await createLocalJudge().evaluate(input([good, pastEnd], { video }));
    expect(verdict.scores[1].score).toBeLessThanOrEqual(3);
    expect(verdict.details.facts_source).toBe('probe');
    expect(String(verdict.details.facts_error)).toContain('ffmpeg exited with code 1');
    expect(verdict.overall_summary).toContain('ffmpeg exited with code 1');
  });

  it('rejects with a cancellation when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(createLocalJudge().evaluate(input([good], { signal: controller.signal }))).rejects.toMatchObject({ name: 'CancelledError' });
  });

  it('names a tie at the top', async () => {
    const twin = { ...good, model_id: 'model-twin', model_name: 'Twin model' };
    const verdict = await createLocalJudge().evaluate(input([good, twin]));
    expect(verdict.overall_summary).toMatch(/Best answers \(tied at [\d.]+\/10\): Good model, Twin model/);
  });
});
