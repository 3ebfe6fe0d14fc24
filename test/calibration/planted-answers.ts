import type { MediaFacts, PromptCategory, TimeSpan } from '../../src/domain/index.js';
import { formatTimecode } from '../../src/domain/index.js';
import { writeLocalAnswer, type LocalAnalyzerId } from '../../src/providers/local/index.js';
import { readsText } from '../../src/providers/local/local-analyzers.js';
import type { ShotLook, VideoTruth } from './calibration-videos.js';

/** The answers planted in every case; their quality is known by construction. */
export const plantedAnswerKinds = ['accurate', 'invented', 'denied', 'vague', 'empty', 'error', 'local-full', 'local-shots', 'local-audio', 'local-look'] as const;
export type PlantedAnswerKind = (typeof plantedAnswerKinds)[number];

export interface Planted {
  text: string | null;
  error: string | null;
}

const describe: Record<ShotLook, string> = {
  bars: 'colour bars with a moving gradient and a running timecode counter',
  fractal: 'a pink and green fractal slowly zooming in',
  cells: 'green and red cells of the game of life evolving on black',
  hues: 'SMPTE colour bars whose hue keeps turning',
  'card-red': 'a still red card with no text',
  'card-blue': 'a still blue card with no text',
  'card-yellow': 'a still yellow card with no text',
  'bars-dark': 'the same colour bars and timecode counter, graded much darker',
  'bars-warm': 'the colour bars again, graded warm with an orange tint',
  'bars-cool': 'colour bars with a running timecode counter, graded cool and blue',
};

const at = (t: number) => formatTimecode(t);
const span = (s: TimeSpan) => `${at(s.start_s)}–${at(s.end_s)}`;

/** What an answer says about the video's events: the truth, or a planted lie. */
interface Story {
  cuts: number[];
  silences: TimeSpan[] | 'none';
  clipping: TimeSpan[] | 'none';
  fades: { kind: 'in' | 'out'; start_s: number; end_s: number }[] | 'none';
  loudest: number | null;
  /** the titles it quotes as on screen */
  titles: { text: string; start_s: number; end_s: number }[] | 'none';
  /** what it says of graded shots: the grade as made, or the opposite */
  grades: 'truth' | 'swapped';
}

function truthStory(truth: VideoTruth): Story {
  return {
    cuts: truth.cuts_s,
    silences: truth.silences,
    clipping: truth.clipping,
    fades: truth.fades,
    loudest: truth.loud[0] ? truth.loud[0].start_s + 0.5 : null,
    titles: truth.titles,
    grades: 'truth',
  };
}

/** invented events: cuts moved, silence and clipping where there are none, a fade that never happens */
function inventedStory(truth: VideoTruth): Story {
  const d = truth.duration_s;
  const shift = (t: number) => Math.min(d - 0.5, t + (truth.cuts_s.length > 4 ? 0.6 : 1.7));
  const freeSpot = (taken: TimeSpan[]) => [0.35, 0.6, 0.15].map((f) => ({ start_s: Math.round(f * d), end_s: Math.round(f * d) + 1 })).find((s) => !taken.some((t) => s.end_s >= t.start_s - 1 && s.start_s <= t.end_s + 1)) ?? { start_s: 1, end_s: 2 };
  return {
    cuts: truth.cuts_s.length > 0 ? truth.cuts_s.map(shift) : [Math.round(d / 2)],
    silences: [freeSpot(truth.silences)],
    clipping: [freeSpot([...truth.clipping, ...truth.loud])],
    fades: [{ kind: 'out', start_s: Math.round(d * 0.45), end_s: Math.round(d * 0.45) + 1 }],
    loudest: freeSpot(truth.loud).start_s,
    // one title invented, the others read right
    titles: truth.titles.map((t, i) => (i === 0 ? { ...t, text: 'WELCOME TO PARIS' } : t)),
    grades: 'swapped',
  };
}

/** denied events: whatever the video has, the answer says it does not */
function deniedStory(truth: VideoTruth): Story {
  return { cuts: [], silences: 'none', clipping: 'none', fades: 'none', loudest: null, titles: 'none', grades: 'truth' };
}

function soundLines(truth: VideoTruth, story: Story): string[] {
  if (!truth.has_audio) return ['The video has no audio track: nothing is heard at all.'];
  const lines = ['A steady sine tone is heard, with no voice and no music.'];
  if (story.silences === 'none') lines.push('There are no silences: sound runs throughout.');
  else for (const s of story.silences) lines.push(`The tone stops and the audio is silent from ${at(s.start_s)} to ${at(s.end_s)}.`);
  if (story.clipping === 'none') lines.push('No clipping anywhere: the peaks are clean.');
  else for (const s of story.clipping) lines.push(`A harsh, distorted burst from ${at(s.start_s)} to ${at(s.end_s)}: the signal is clipping there.`);
  if (story.loudest !== null) lines.push(`The loudest moment is at ${at(story.loudest)}.`);
  return lines;
}

function pictureLines(truth: VideoTruth, story: Story): string[] {
  const lines: string[] = [];
  if (story.fades === 'none') lines.push('There are no fades: every transition is a hard cut.');
  else for (const f of story.fades) lines.push(f.kind === 'in' ? `The video fades in from black (${span(f)}).` : `The picture fades out to black (${span(f)}).`);
  if (story.cuts.length === 0) lines.push('It is one continuous shot with no cuts.');
  return lines;
}

function shotsTimeline(truth: VideoTruth, story: Story): string[] {
  const bounds = [0, ...story.cuts, truth.duration_s];
  return bounds.slice(0, -1).map((start, i) => {
    const mid = (start + bounds[i + 1]) / 2;
    const real = truth.shots.find((s) => mid >= s.start_s && mid < s.end_s) ?? truth.shots[0];
    const titled = truth.titles.some((t) => t.start_s < real.end_s && t.end_s > real.start_s);
    const still = real.static ? (titled ? ' The picture stands still: a title card.' : ' The picture stands still: a title card without text.') : ' The camera does not move; the pattern itself moves.';
    const shows = titled ? describe[real.look].replace(/ with no text$/, ' with a title over it') : describe[real.look];
    return `- **${at(start)}–${at(bounds[i + 1])}**${i > 0 ? ` — hard cut at ${at(start)}` : ''}: shot ${i + 1} shows ${shows}.${still}`;
  });
}

/** what a content answer says of a graded shot, true to the grade or the opposite */
function gradeLine(look: ShotLook, index: number, grades: Story['grades']): string | undefined {
  const swapped = grades === 'swapped';
  if (look === 'bars-dark') return `much ${swapped ? 'brighter' : 'darker'} than shot ${index}: ${swapped ? 'pull it down' : 'lift the mid-tones'} to match`;
  if (look === 'bars-warm') return swapped ? 'a cool, blue cast from the grade' : 'a warm, orange cast from the grade';
  if (look === 'bars-cool') return swapped ? 'a warm, orange cast from the grade' : 'a cool, blue cast from the grade';
  return undefined;
}

const titlesNote = (truth: VideoTruth) => truth.titles.length > 0;

const categoryAdvice: Record<PromptCategory, (truth: VideoTruth, story: Story) => string[]> = {
  analysis: (truth) => [titlesNote(truth) ? 'The titles listed under "On-screen text" are the only text in the video.' : 'No on-screen text appears apart from the counter inside the test pattern.'],
  general: (truth) => [titlesNote(truth) ? 'It is a synthetic test video: colour cards with titles, test patterns and a tone, no people.' : 'It is a synthetic test video: test patterns and a tone, no people and no on-screen text.'],
  cuts: (truth, story) => story.cuts.length > 0 ? [`Cut list: ${story.cuts.map(at).join(', ')} (${story.cuts.length} cuts).`] : ['Cut list: none.'],
  pacing: (truth, story) => [`The shots last ${[0, ...story.cuts, truth.duration_s].slice(1).map((e, i, all) => `${(e - (i === 0 ? 0 : all[i - 1])).toFixed(1)} s`).join(', ')}.`, `Speed up the middle: trim shot 2 by a second near ${at(truth.duration_s / 2)}.`, 'Let the last shot breathe before the end.'],
  editing: (truth) => [`Hook: open on the most vivid pattern; cut the first second (trim 00:00–00:01).`, `Highlight: the shot starting at ${at(truth.cuts_s[0] ?? 0)} is the most striking image; keep it whole.`, `Tighten the pacing: end the video at ${at(truth.duration_s - 1)}.`],
  trimming: (truth) => [`15 s version: keep ${at(0)}–${at(Math.min(15, truth.duration_s))}, because it holds every shot.`, `30 s and 60 s versions: the video is only ${truth.duration_s} s long, so keep it whole.`, `Keep the segment from ${at(truth.cuts_s[0] ?? 0)} to ${at(truth.duration_s)} for a shorter cut, because the opening adds nothing.`],
  audio: (truth) => truth.has_audio ? ['Fixes: normalise the tone to -14 LUFS and lower the loud passage; add music under the silent stretch.', `Add a limiter at -1 dBTP on the whole mix from ${at(0)}.`] : ['Fix: add music or a voice-over mixed to about -14 LUFS.'],
  captions: (truth) => [`Caption at ${at(0.5)}: "Test pattern one", placed at the bottom centre in white with a dark outline.`, `Caption at ${at(truth.cuts_s[0] ?? 1)}: "A new pattern", bottom centre, large sans-serif for legibility.`, titlesNote(truth) ? 'Existing on-screen text: the titles listed above; keep new captions clear of them.' : 'Existing on-screen text: none besides the running counter in the colour bars.'],
  colour: (truth, story) => truth.shots.map((s, i) => `Shot ${i + 1} (${span(s)}): ${gradeLine(s.look, i, story.grades) ?? ''}${gradeLine(s.look, i, story.grades) ? '' : s.look.startsWith('card') ? 'a flat, fully saturated colour with no contrast' : s.look === 'cells' ? 'mostly dark with bright green and red cells; brighten it a little' : 'bright and saturated, neutral white balance'}.`).concat(['Consistency: the shots do not match each other in colour; grade them toward one look, and correct any cast with a slight adjustment.']),
  broll: (truth) => [`B-roll at ${at(truth.cuts_s[0] ?? 1)}: insert a 2 s close-up cutaway of the pattern's detail to show texture.`, `Another insert at ${at(truth.duration_s - 2)}: hold a 1.5 s wide shot of the final pattern.`],
  thumbnail: (truth) => [`Thumbnail candidate at ${at((truth.shots[0].start_s + truth.shots[0].end_s) / 2)}: the frame is bright and colourful, which works at small sizes; overlay text "TEST".`, `Second candidate at ${at((truth.shots.at(-1)!.start_s + truth.shots.at(-1)!.end_s) / 2)}: strong contrast; overlay a short title.`],
};

/** A content answer written from the truth, or with planted lies. */
function contentAnswer(truth: VideoTruth, category: PromptCategory, story: Story): string {
  return [
    '## What happens',
    ...shotsTimeline(truth, story),
    '',
    '## Sound',
    ...soundLines(truth, story).map((l) => `- ${l}`),
    '',
    '## Picture',
    ...pictureLines(truth, story).map((l) => `- ${l}`),
    '',
    '## For this request',
    ...categoryAdvice[category](truth, story).map((l) => `- ${l}`),
    ...(truth.titles.length > 0 ? ['', '## On-screen text', ...titleLines(story).map((l) => `- ${l}`)] : []),
  ].join('\n');
}

function titleLines(story: Story): string[] {
  if (story.titles === 'none') return ['No on-screen text appears anywhere in the video.'];
  return story.titles.map((t) => `From ${at(t.start_s)} to ${at(t.end_s)} the title reads "${t.text}".`);
}

const vagueText: Record<PromptCategory, string> = {
  analysis: 'The video shows some colourful moving images and there is some sound. It changes a few times and then it ends.',
  general: 'This is a short video with colourful images and some audio. It is fine overall.',
  cuts: 'There are a few cuts in the video, spread throughout. The transitions seem fine.',
  pacing: 'The pacing is okay; some shots could be shorter and the rhythm could be a bit faster in places.',
  editing: 'It is a decent video. The hook could be stronger and some parts could be trimmed to improve the pacing.',
  trimming: 'You could make shorter versions by keeping the best parts and removing the rest.',
  audio: 'The audio is okay. Levels seem fine, though the sound could be improved a little in places.',
  captions: 'Add some captions to make the video more accessible. Keep the text short and readable.',
  colour: 'The colours look fine. Some shots are a bit different from others; a light grade might help.',
  broll: 'Some B-roll could help keep viewers engaged. Consider adding cutaways in a few places.',
  thumbnail: 'Pick a colourful frame for the thumbnail and add some bold text.',
};

/** Every planted answer for one case. `facts` is the measurement, which the local analyzers answer from. */
export function plantAnswers(truth: VideoTruth, facts: MediaFacts, category: PromptCategory, prompt: string): Record<PlantedAnswerKind, Planted> {
  const text = (value: string): Planted => ({ text: value, error: null });
  // only the analyzers that read text get the OCR spans, as in the application
  const { on_screen_text: _, ...withoutText } = facts;
  const local = (analyzer: LocalAnalyzerId) => text(writeLocalAnswer({ analyzer, facts: readsText.has(analyzer) ? facts : withoutText, prompt }));
  return {
    accurate: text(contentAnswer(truth, category, truthStory(truth))),
    invented: text(contentAnswer(truth, category, inventedStory(truth))),
    denied: text(contentAnswer(truth, category, deniedStory(truth))),
    vague: text(vagueText[category]),
    empty: { text: '  ', error: null },
    error: { text: null, error: '503 UNAVAILABLE: The model is overloaded. Please try again later.' },
    'local-full': local('full'),
    'local-shots': local('shots'),
    'local-audio': local('audio'),
    'local-look': local('look'),
  };
}

/** The local analyzer that specialises in a category, where one does. */
export const specialistOf: Partial<Record<PromptCategory, PlantedAnswerKind>> = {
  audio: 'local-audio',
  cuts: 'local-shots',
  pacing: 'local-shots',
  colour: 'local-look',
};

/** Categories whose questions are about content a measurement cannot see or hear. */
export const contentCategories: readonly PromptCategory[] = ['analysis', 'general', 'captions'];

/** The orderings a right judge reproduces for one case: [better, worse]. */
export function expectedPairs(category: PromptCategory, truth: VideoTruth): [PlantedAnswerKind, PlantedAnswerKind][] {
  const pairs: [PlantedAnswerKind, PlantedAnswerKind][] = [
    ['accurate', 'invented'], ['accurate', 'denied'], ['accurate', 'vague'], ['accurate', 'empty'], ['accurate', 'error'],
    ['vague', 'empty'], ['vague', 'error'], ['invented', 'empty'], ['denied', 'error'],
  ];
  const specialist = specialistOf[category];
  if (specialist) {
    for (const other of ['local-full', 'local-shots', 'local-audio', 'local-look'] as const) if (other !== specialist) pairs.push([specialist, other]);
    pairs.push([specialist, 'invented'], [specialist, 'denied'], [specialist, 'vague']);
  }
  if (contentCategories.includes(category)) pairs.push(['accurate', 'local-full']);
  // on a captions question about a video with titles, the analyzer that reads them (OCR) beats those that only suggest caption slots
  if (category === 'captions' && truth.titles.length > 0) for (const slots of ['local-shots', 'local-audio', 'local-look'] as const) pairs.push(['local-full', slots]);
  return pairs;
}
