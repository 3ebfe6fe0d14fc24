import type { FactsView, ShotView } from './facts-view.js';
import { bullets, capRows, table } from './markdown.js';
import type { Section } from './section.js';
import { coveredLength, spanLength } from './spans.js';

/** Comfortable caption reading speed, about 150 words a minute. */
const wordsPerSecond = 2.5;

function audioOf(view: FactsView, shot: ShotView): string {
  if (!view.has_audio) return 'no track';
  const silent = coveredLength(shot, view.silences);
  if (silent >= 0.98 * shot.length_s) return 'silent';
  if (silent > 0.05) return 'partly silent';
  return 'sound';
}

function captionFor(shot: ShotView): string {
  if (shot.length_s < 1.5) return 'too short for its own caption: carry the previous one over';
  if (shot.length_s <= 7) return `one line, up to about ${Math.max(2, Math.floor(shot.length_s * wordsPerSecond))} words`;
  return `${Math.ceil(shot.length_s / 5)} captions in turn, about ${Math.floor(5 * wordsPerSecond)} words each`;
}

function styleFor(shot: ShotView): string {
  const brightness = shot.look.brightness;
  if (brightness === undefined) return 'n/m';
  return brightness >= 150 ? 'dark text or a backing box' : 'white text with a shadow';
}

export const captionSlotsSection: Section = {
  id: 'caption-slots',
  title: 'Caption slots',
  write(view) {
    const { clock } = view;
    const intro = view.text !== null
      ? 'The text already on screen is listed under "On-screen text". This analyzer cannot transcribe speech, so it cannot say what subtitles should read; it gives where captions fit, how long they can stay up and how to keep them legible.'
      : 'This analyzer cannot read on-screen text or transcribe speech: it cannot tell what is already written on screen or what the captions should say. It gives where captions fit, how long they can stay up and how to keep them legible.';
    const context: string[] = [];
    if (!view.has_audio) {
      context.push('No audio track: viewers get the message from picture and text alone, so every shot needs text.');
    } else {
      const speechFree = view.silences.filter((span) => spanLength(span) >= 1);
      context.push(
        speechFree.length > 0
          ? `Speech-free spans, where a text card can carry the message without competing with a voice: ${speechFree.slice(0, 20).map((span) => clock.span(span.start_s, span.end_s)).join(', ')}.`
          : 'There is sound almost throughout: if it is speech, subtitle it in sync (a transcript is needed; this analyzer cannot make one).',
      );
      if (speechFree.length > 0) context.push('Spans with sound may hold speech: subtitle those in sync with it (from a transcript).');
    }
    context.push('Change captions at the shot starts below: a caption that runs across a cut reads as a mistake.');
    const vertical = view.width !== null && view.height !== null && view.height > view.width;
    context.push(
      vertical
        ? 'Vertical video: keep text in the middle band, clear of the platform buttons on the right and the caption area at the bottom.'
        : 'Place captions in the lower third, inside the title-safe area.',
    );
    const listed = capRows(view.shots, 60);
    const rows = listed.shown.map((shot) => [
      String(shot.number),
      clock.precise(shot.start_s),
      clock.precise(shot.end_s),
      clock.tenths(shot.length_s),
      audioOf(view, shot),
      captionFor(shot),
      styleFor(shot),
    ]);
    return [
      intro,
      bullets(context),
      table(['Shot', 'In', 'Out', 'Length (s)', 'Audio', 'Caption', 'Text style'], rows) + listed.note,
    ].join('\n\n');
  },
};
