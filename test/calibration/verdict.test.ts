import { beforeAll, describe, expect, it } from 'vitest';
import { promptTemplates, type MediaFacts } from '../../src/domain/index.js';
import { createLocalJudge } from '../../src/evaluation/local-judge.js';
import type { JudgeAnswer } from '../../src/evaluation/judge.js';
import { localAnalyzerIds, writeLocalAnswer } from '../../src/providers/local/index.js';
import { calibrationVideos, measuredCalibrationVideo, truthOf, type CalibrationVideo } from './calibration-videos.js';
import { fakeVideoAsset } from './fake-video.js';
import { plantAnswers } from './planted-answers.js';
import { accuracyBy, runPlantedCalibration } from './planted-calibration.js';

const template = (id: string) => promptTemplates.find((t) => t.id === id)!.prompt;
const video = (id: string) => calibrationVideos.find((v) => v.id === id)!;

/** The demo's first sample: 15 s, cuts at 5 s and 10 s, a tone for 5 s then digital silence. */
const demoLike: CalibrationVideo = {
  id: 'demo-cuts-and-silence',
  description: 'the demo sample at calibration size',
  width: 192, height: 108,
  shots: [{ look: 'bars', duration_s: 5 }, { look: 'fractal', duration_s: 5 }, { look: 'cells', duration_s: 5 }],
  sound: [{ kind: 'tone', duration_s: 5, hz: 440 }, { kind: 'silence', duration_s: 10 }],
};

const facts = new Map<string, MediaFacts>();
beforeAll(async () => {
  for (const v of [...calibrationVideos, demoLike]) facts.set(v.id, (await measuredCalibrationVideo(v)).facts);
}, 120_000);

async function judgeLocalAnswers(videoId: string, prompt: string) {
  const f = facts.get(videoId)!;
  const answers: JudgeAnswer[] = localAnalyzerIds.map((id) => ({ model_id: `local-${id}`, model_name: `local-${id}`, text: writeLocalAnswer({ analyzer: id, facts: f, prompt }), error: null }));
  const verdict = await createLocalJudge().evaluate({ jobId: 'j', prompt, video: fakeVideoAsset(f), answers, context: 'facts', runs: 1, signal: new AbortController().signal });
  return verdict.scores;
}

function rankedFirst(scores: { model_name: string; score: number; score_exact?: number }[]): string {
  const sorted = [...scores].sort((a, b) => (b.score_exact ?? b.score) - (a.score_exact ?? a.score));
  expect(sorted[0].score_exact, 'a strict first place').toBeGreaterThan(sorted[1].score_exact!);
  return sorted[0].model_name;
}

describe('the verdict ranks the specialist first on its own question', () => {
  it('the demo audio prompt: local-audio first', async () => {
    expect(rankedFirst(await judgeLocalAnswers(demoLike.id, template('audio')))).toBe('local-audio');
  });

  it('"List every cut": local-shots first', async () => {
    expect(rankedFirst(await judgeLocalAnswers(demoLike.id, 'List every cut in this video with its timestamp.'))).toBe('local-shots');
    expect(rankedFirst(await judgeLocalAnswers('static-cards', 'List every cut in this video with its timestamp.'))).toBe('local-shots');
  });

  it('colour grading: local-look first', async () => {
    expect(rankedFirst(await judgeLocalAnswers(demoLike.id, template('colour-grading')))).toBe('local-look');
  });

  it('scores are integers 1–10 whose rubric points add up to score_exact, and the reasoning states the weights', async () => {
    for (const score of await judgeLocalAnswers('fades-clipping', template('audio'))) {
      expect(Number.isInteger(score.score)).toBe(true);
      expect(score.score).toBe(Math.round(score.score_exact!));
      expect(score.rubric!.reduce((sum, line) => sum + line.points, 0)).toBeCloseTo(score.score_exact!, 5);
      expect(score.reasoning).toMatch(/Weighted for a audio question: accuracy of checkable claims 40%/);
      for (const line of score.rubric!.filter((l) => l.criterion !== 'base' && l.criterion !== 'adjustment')) {
        if (line.points < line.weight - 0.05) expect(score.weaknesses.length, `${score.model_name} loses points on ${line.criterion}`).toBeGreaterThan(0);
      }
    }
  });
});

describe('claims checked against the measurement', () => {
  it('a video with no audio track: no phantom silence, the length line is not an event', async () => {
    for (const template of promptTemplates) {
      for (const score of await judgeLocalAnswers('no-audio', template.prompt)) {
        expect(score.weaknesses.join(' | '), `${template.id}/${score.model_name}`).not.toMatch(/silen|\blength\s+\d|measured:/i);
      }
    }
  });

  it('names a hallucinated "no clipping" (and "no silences") with the measured truth', async () => {
    const v = video('fades-clipping');
    const f = facts.get(v.id)!;
    const planted = plantAnswers(truthOf(v), f, 'audio', template('audio'));
    const verdict = await createLocalJudge().evaluate({
      jobId: 'j', prompt: template('audio'), video: fakeVideoAsset(f), context: 'facts', runs: 1, signal: new AbortController().signal,
      answers: [{ model_id: 'denied', model_name: 'denied', ...planted.denied }, { model_id: 'accurate', model_name: 'accurate', ...planted.accurate }],
    });
    const [denied, accurate] = verdict.scores;
    const weaknesses = denied.weaknesses.join('\n');
    expect(weaknesses).toMatch(/Says no clipping; measured: true peak \+\d+\.\d dBTP with clipping at 00:0[78]\.\d–00:(09|10)\.\d/);
    expect(weaknesses).toMatch(/Says no silences; measured: measured silences: 00:14\.0–00:16\.0/);
    expect(accurate.score_exact!).toBeGreaterThan(denied.score_exact!);
    expect(verdict.overall_summary).toMatch(/contradict|says no/i);
  });

  it('an accurate content answer ranks above the measurement dump on a content question', async () => {
    const v = video('fades-clipping');
    const f = facts.get(v.id)!;
    const prompt = template('second-by-second');
    const planted = plantAnswers(truthOf(v), f, 'analysis', prompt);
    const verdict = await createLocalJudge().evaluate({
      jobId: 'j', prompt, video: fakeVideoAsset(f), context: 'facts', runs: 1, signal: new AbortController().signal,
      answers: [{ model_id: 'dump', model_name: 'dump', ...planted['local-full'] }, { model_id: 'accurate', model_name: 'accurate', ...planted.accurate }],
    });
    const [dump, accurate] = verdict.scores;
    expect(accurate.score_exact!).toBeGreaterThan(dump.score_exact!);
    expect(dump.weaknesses.join(' ')).toMatch(/cannot see or hear the video, so it does not answer about what is on screen/);
    expect(dump.strengths.join(' ')).not.toMatch(/on-screen text|what is on screen/);
  });
});

describe('analyzers locate events on generated videos', () => {
  const near = (value: number, target: number) => expect(Math.abs(value - target), `${value} vs ${target}`).toBeLessThanOrEqual(0.5);

  it('finds the fade in, the fade out and the clipping burst, and places the loudest moment in it', () => {
    const f = facts.get('fades-clipping')!;
    const fadeIn = f.fades.find((x) => x.kind === 'in')!;
    const fadeOut = f.fades.find((x) => x.kind === 'out')!;
    near(fadeIn.start_s, 0); near(fadeIn.end_s, 1);
    near(fadeOut.start_s, 12); near(fadeOut.end_s, 14);
    expect(f.clipping_segments).toHaveLength(1);
    near(f.clipping_segments[0].start_s, 8); near(f.clipping_segments[0].end_s, 10);
    expect(f.loudest_moment!.at_s).toBeGreaterThanOrEqual(7.5);
    expect(f.loudest_moment!.at_s).toBeLessThanOrEqual(10.5);
    const audio = writeLocalAnswer({ analyzer: 'audio', facts: f, prompt: 'Where is the loudest moment?' });
    expect(audio).toMatch(/Loudest moment: 00:(0[89]|10)\.\d/);
    expect(audio).toMatch(/Clipping 00:0[78]\.\d–00:(09|10)\.\d/);
    const shots = writeLocalAnswer({ analyzer: 'shots', facts: f, prompt: 'Where does it fade?' });
    expect(shots).toMatch(/Fade out to black 00:1[12]\.\d–00:1[34]\.\d/);
  });

  it('splits freezes at cuts and calls a still shot between two cuts a static card, not a glitch', () => {
    const f = facts.get('static-cards')!;
    expect(f.frozen_segments.length).toBe(2);
    near(f.frozen_segments[0].start_s, 3); near(f.frozen_segments[0].end_s, 6);
    near(f.frozen_segments[1].start_s, 6); near(f.frozen_segments[1].end_s, 9);
    const text = writeLocalAnswer({ analyzer: 'shots', facts: f, prompt: 'Which shots are static?' });
    expect(text).toMatch(/Static shot 2 \(00:03\.0–00:06\.0/);
    expect(text).toMatch(/Static shot 3 \(00:06\.0–00:09\.0/);
    expect(text).not.toMatch(/glitch/);
    // a loud passage (not clipping) is located too
    expect(f.loud_segments).toHaveLength(1);
    near(f.loud_segments[0].start_s, 9); near(f.loud_segments[0].end_s, 11);
    expect(f.clipping_segments).toEqual([]);
  });

  it('keeps thumbnail candidates away from cuts, fades and black', () => {
    const f = facts.get('fades-clipping')!;
    const text = writeLocalAnswer({ analyzer: 'look', facts: f, prompt: template('thumbnail') });
    const picks = [...text.matchAll(/^\d\. \*\*00:(\d\d\.\d)\*\*/gm)].map((m) => Number(m[1]));
    expect(picks.length).toBeGreaterThan(0);
    for (const t of picks) {
      expect(t > 1 && t < 12, `${t} is in a fade or black`).toBe(true);
      expect(Math.abs(t - 6), `${t} is at the cut`).toBeGreaterThanOrEqual(0.5);
    }
  });
});

describe('planted calibration set', () => {
  it('reaches ≥ 95 % pairwise accuracy overall and ≥ 90 % in every category on the held-out half', async () => {
    const pairs = (await runPlantedCalibration(createLocalJudge(), { half: 'held-out' })).flatMap((r) => r.pairs);
    const overall = accuracyBy(pairs, () => 'all').get('all')!;
    expect(overall.total).toBeGreaterThan(1000);
    expect(overall.right / overall.total).toBeGreaterThanOrEqual(0.95);
    for (const [category, a] of accuracyBy(pairs, (p) => p.category)) expect(a.right / a.total, category).toBeGreaterThanOrEqual(0.9);
  });
});
