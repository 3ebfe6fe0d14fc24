import { beforeAll, describe, expect, it } from 'vitest';
import { promptTemplates, type MediaFacts, type OnScreenText } from '../../src/domain/index.js';
import type { JudgeAnswer } from '../../src/evaluation/judge.js';
import { createLocalJudge } from '../../src/evaluation/local-judge.js';
import type { VideoAsset } from '../../src/providers/provider.js';
import { writeLocalAnswer } from '../../src/providers/local/index.js';
import { calibrationVideos, measuredCalibrationVideo } from './calibration-videos.js';
import { fakeVideoAsset } from './fake-video.js';

const captionsPrompt = promptTemplates.find((t) => t.id === 'captions')!.prompt;
const audioPrompt = promptTemplates.find((t) => t.id === 'audio')!.prompt;

/** the generated video: "TOKYO - DAY 1" 0.5–3.5 s on a blue card, "SUMMER SALE 50 PERCENT OFF" 4.5–7.5 s on a red one, bars after */
let facts: MediaFacts;
let text: OnScreenText;
beforeAll(async () => {
  const measured = (await measuredCalibrationVideo(calibrationVideos.find((v) => v.id === 'titles')!)).facts;
  const { on_screen_text, ...rest } = measured;
  facts = rest;
  text = on_screen_text!;
}, 120_000);

/** the video as the application offers it: ordinary facts, and the OCR reading on request */
function titledVideo(read: (signal?: AbortSignal) => Promise<OnScreenText>): VideoAsset & { reads: number } {
  const asset = {
    ...fakeVideoAsset(facts, { id: 'titles' }),
    reads: 0,
    onScreenText: async (signal?: AbortSignal) => {
      asset.reads += 1;
      return read(signal);
    },
  };
  return asset;
}

const answer = (id: string, body: string): JudgeAnswer => ({ model_id: id, model_name: id, text: body, error: null });
const withTitle = (title: string) => `## On-screen text

- 00:00–00:03: the title card reads "${title}".
- 00:04–00:07: a lower third reads "SUMMER SALE 50 PERCENT OFF".

## Captions

- Caption at 00:08: "See you tomorrow", bottom centre, white with a dark outline for legibility.
- Keep new captions clear of the existing titles: place them in the lower third only after 00:08.`;

async function judge(video: VideoAsset, prompt: string, answers: JudgeAnswer[], signal = new AbortController().signal) {
  return createLocalJudge().evaluate({ jobId: 'j', prompt, video, answers, context: 'facts', runs: 1, signal });
}

describe('the judge checks on-screen text on a generated video with drawtext titles', () => {
  it('reads the titles by OCR for a captions question, and ranks the real reading above an invented title and caption slots', async () => {
    const video = titledVideo(async () => text);
    const slots = writeLocalAnswer({ analyzer: 'full', facts, prompt: captionsPrompt });
    expect(slots).not.toMatch(/TOKYO/);
    const verdict = await judge(video, captionsPrompt, [answer('reader', withTitle('TOKYO - DAY 1')), answer('inventor', withTitle('WELCOME TO PARIS')), answer('slots', slots)]);
    const score = (id: string) => verdict.scores.find((s) => s.model_name === id)!;
    expect(video.reads).toBe(1);
    expect(verdict.details.on_screen_text).toBe('read (2 spans)');
    expect(score('reader').score_exact!).toBeGreaterThan(score('inventor').score_exact!);
    expect(score('reader').score_exact!).toBeGreaterThan(score('slots').score_exact!);
    const named = score('inventor').weaknesses.find((w) => w.includes('WELCOME TO PARIS'));
    expect(named).toMatch(/^Says on-screen text "WELCOME TO PARIS" at 00:00\.0–00:03\.0; measured: at that time the frames show "TOKYO - DAY 1" \(00:00\.0–00:03\.0\)$/);
    expect(score('reader').weaknesses.join(' ')).not.toMatch(/on-screen text/);
    expect(score('reader').strengths.join(' ')).toMatch(/All \d+ checkable claims match the measurement/);
    expect(score('reader').strengths).toContain('Reads the on-screen text right: "TOKYO - DAY 1" at 00:00.0–00:03.0; "SUMMER SALE 50 PERCENT OFF" at 00:04.0–00:07.0');
  });

  it('does not run OCR for a question that is not about text, and lists the quotes as not checked', async () => {
    const video = titledVideo(async () => text);
    const verdict = await judge(video, audioPrompt, [answer('reader', `${withTitle('TOKYO - DAY 1')}\n\nA steady tone throughout.`)]);
    expect(video.reads).toBe(0);
    expect(verdict.scores[0].not_checked).toContain('on-screen text "TOKYO - DAY 1" (the on-screen text was not read for this video (the judge reads it for text and caption questions))');
  });

  it('stops reading when the judging is cancelled', async () => {
    const controller = new AbortController();
    const video = titledVideo((signal) => new Promise((_, reject) => {
      signal!.addEventListener('abort', () => reject(signal!.reason), { once: true });
      controller.abort(new Error('job cancelled'));
    }));
    await expect(judge(video, captionsPrompt, [answer('reader', withTitle('TOKYO - DAY 1'))], controller.signal)).rejects.toThrow(/job cancelled/);
    expect(video.reads).toBe(1);
  });
});
