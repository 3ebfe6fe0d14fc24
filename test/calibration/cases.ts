import type { MediaFacts } from '../../src/domain/index.js';
import { promptTemplates } from '../../src/domain/index.js';
import { mediaFactsFor } from './fake-video.js';

/** The kinds of planted answer, from best to worst by construction. */
export const plantedKinds = ['correct', 'wrong_cuts', 'past_end', 'vague', 'empty', 'error'] as const;
export type PlantedKind = (typeof plantedKinds)[number];

export interface PlantedAnswer {
  text: string | null;
  error: string | null;
}

/** A known-truth video, a prompt, and answers whose quality we know. */
export interface CalibrationCase {
  id: string;
  description: string;
  prompt: string;
  facts: MediaFacts;
  answers: Record<PlantedKind, PlantedAnswer>;
}

/**
 * The ranking every judge must reproduce: correct first, then wrong cuts,
 * then the rest (times past the end, vague, empty, error) in any order.
 */
export const expectedTiers: PlantedKind[][] = [['correct'], ['wrong_cuts'], ['past_end', 'vague', 'empty', 'error']];

const promptOf = (id: string) => promptTemplates.find((t) => t.id === id)!.prompt;
const text = (value: string): PlantedAnswer => ({ text: value.trim(), error: null });
const empty: PlantedAnswer = { text: '   ', error: null };
const failed: PlantedAnswer = { text: null, error: '503 UNAVAILABLE: The model is overloaded. Please try again later.' };

export const calibrationCases: CalibrationCase[] = [
  {
    id: 'three-shots-15s',
    description: '15 s, cuts at 5 s and 10 s, a tone then silence from 5 s; second-by-second analysis',
    prompt: promptOf('second-by-second'),
    facts: mediaFactsFor({ duration_s: 15, cuts_s: [5, 10], silences: [{ start_s: 5, end_s: 15 }], integrated_lufs: -23 }),
    answers: {
      correct: text(`
## Timeline

- **00:00–00:05** — Shot 1: a static red frame fills the screen. A steady tone is heard.
- **00:05** — Hard cut to shot 2, a green frame. The tone stops: the audio is silent from 00:05 to the end.
- **00:05–00:10** — Shot 2 holds on the green frame with no camera movement.
- **00:10** — Hard cut to shot 3, a blue frame.
- **00:10–00:15** — Shot 3 stays silent until the video ends at 00:15.

## Summary

Three static shots of about 5 s each, separated by hard cuts at 00:05 and 00:10. No on-screen text appears.
The audio is a single tone at about -23 LUFS for the first 5 seconds, then silence.
`),
      wrong_cuts: text(`
## Timeline

- **00:00–00:03** — Shot 1: a static red frame fills the screen. A steady tone is heard.
- **00:03** — Hard cut to shot 2, a green frame.
- **00:08** — Cut to shot 3, a blue frame; the camera stays static.
- **00:12** — Transition to a final shot of the same colour.

## Summary

Four shots separated by cuts at 00:03, 00:08 and 00:12. No on-screen text appears.
The tone is heard throughout, at about -14 LUFS.
`),
      past_end: text(`
## Timeline

- **00:00–00:05** — Shot 1: a red frame, with a steady tone.
- **00:05** — Cut to a green frame; the camera is static.
- **00:10** — Cut to a blue frame.
- **00:42** — The presenter returns on screen for a closing call to action.
- **01:10** — End card with the channel logo and on-screen text "Subscribe".
`),
      vague: text(`
The video shows a few colourful scenes with some sound. The pacing is fine and the shots look good.
Overall it is a decent short clip; consider adding more variety to keep viewers interested.
`),
      empty,
      error: failed,
    },
  },
  {
    id: 'three-shots-12s',
    description: '12 s, cuts at 4 s and 8 s, continuous music; editing perspective',
    prompt: promptOf('editing'),
    facts: mediaFactsFor({ duration_s: 12, cuts_s: [4, 8], silences: [], integrated_lufs: -16 }),
    answers: {
      correct: text(`
### Hook (00:00–00:04)
The opening shot holds for 4 s before the first cut at 00:04, and nothing moves, so the hook is weak.
Open on the second shot instead, or add motion in the first 2 seconds.

### Highlights
- 00:04–00:08: the second shot is the strongest image; keep it whole.
- The cut at 00:08 into the final shot lands on the beat of the music.

### Trims
- Trim 00:00–00:02 of the opening shot: it adds nothing.
- Tighten the final shot to end at 00:11.

### Pacing
Three even shots of 4 s each give a steady but slightly slow rhythm. After the trims the piece runs about 9 s and feels faster.
`),
      wrong_cuts: text(`
### Hook (00:00–00:02)
The opening shot changes after 2 s with a cut at 00:02, which grabs attention.

### Highlights
- 00:06: a new shot starts with a close-up; this is the highlight.
- The cut at 00:10 into the last shot is abrupt.

### Trims
- Trim the last second, 00:11–00:12.

### Pacing
Four short shots keep the pacing brisk; the music carries the rhythm.
`),
      past_end: text(`
### Hook
The first 4 seconds set up the subject; the cut at 00:04 reveals the second shot.

### Highlights
- 00:08: cut to the final shot.
- 00:35: the product close-up is the highlight of the video.

### Trims
- Trim 00:50–01:05, where the pacing drags.
`),
      vague: text(`
This is a nice video with good potential. The hook could be stronger and some parts could be trimmed.
The pacing is okay but could be tighter. Consider adding highlights to keep the audience engaged.
`),
      empty,
      error: failed,
    },
  },
  {
    id: 'four-shots-20s',
    description: '20 s, cuts at 3 s, 9 s and 14 s; transitions and pacing',
    prompt: promptOf('transitions-pacing'),
    facts: mediaFactsFor({ duration_s: 20, cuts_s: [3, 9, 14], silences: [{ start_s: 18, end_s: 20 }], integrated_lufs: -18 }),
    answers: {
      correct: text(`
## Cuts and transitions
1. 00:03 — hard cut from shot 1 to shot 2
2. 00:09 — hard cut to shot 3
3. 00:14 — hard cut to shot 4

All transitions are straight cuts; there are no dissolves or fades.

## Shot lengths
- Shot 1 (00:00–00:03): 3 s
- Shot 2 (00:03–00:09): 6 s
- Shot 3 (00:09–00:14): 5 s
- Shot 4 (00:14–00:20): 6 s

## Rhythm
The quick first shot makes a good hook, then the rhythm settles at 5–6 s per shot.
Speed up the middle: shot 2 could end near 00:07 to keep the tempo. Let the last shot breathe; the audio falls silent for its final 2 seconds (00:18–00:20).
`),
      wrong_cuts: text(`
## Cuts and transitions
1. 00:05 — hard cut from shot 1 to shot 2
2. 00:11 — dissolve to shot 3
3. 00:17 — hard cut to shot 4

## Shot lengths
- Shot 1 (00:00–00:05): 5 s
- Shot 2 (00:05–00:11): 6 s
- Shot 3 (00:11–00:17): 6 s
- Shot 4 (00:17–00:20): 3 s

## Rhythm
The rhythm is even at about 6 s per shot; speed up the second half to keep the tempo.
`),
      past_end: text(`
## Cuts and transitions
1. 00:03 — hard cut to shot 2
2. 00:09 — hard cut to shot 3
3. 00:14 — hard cut to shot 4
4. 00:27 — fade to black into the outro
5. 00:45 — final cut to the end card

## Rhythm
The pacing slows down after 00:27; speed up the outro.
`),
      vague: text(`
The transitions are mostly simple and the pacing feels natural. Some shots are longer than others.
The rhythm could be a bit faster in places, and a few transitions could be smoother.
`),
      empty,
      error: failed,
    },
  },
];
