import { loudMomentsSection, loudnessSection, silencesSection } from './audio-analyzer.js';
import { type FactsView, type ShotView } from './facts-view.js';
import { lookConsistencySection, lookOverallSection } from './look-analyzer.js';
import { describeLook } from './look-verdicts.js';
import { bullets } from './markdown.js';
import { onScreenTextSection, textWithin } from './text-analyzer.js';
import type { LocalAnalyzer, Section } from './section.js';
import { blackFrozenSection, pacingSection } from './shots-analyzer.js';
import { coveredLength, overlapLength, subtractSpans } from './spans.js';
import type { TimeSpan } from '../../domain/index.js';

const maxDetailedShots = 80;

function within(spans: readonly TimeSpan[], shot: TimeSpan): TimeSpan[] {
  return spans
    .filter((span) => overlapLength(span, shot) > 0)
    .map((span) => ({ start_s: Math.max(span.start_s, shot.start_s), end_s: Math.min(span.end_s, shot.end_s) }));
}

function soundLine(view: FactsView, shot: ShotView): string {
  const { clock } = view;
  if (!view.has_audio) return 'Sound: no audio track.';
  const silent = within(view.silences, shot);
  if (silent.length === 0) return 'Sound: sound throughout.';
  if (coveredLength(shot, silent) >= 0.98 * shot.length_s) return 'Sound: silent throughout.';
  const heard = subtractSpans(shot, silent).map((span) => clock.span(span.start_s, span.end_s));
  return `Sound: silent ${silent.map((span) => clock.span(span.start_s, span.end_s)).join(', ')}; sound ${heard.join(', ')}.`;
}

function shotEntry(view: FactsView, shot: ShotView): string {
  const { clock } = view;
  const lines: string[] = [];
  const look = describeLook(shot.look);
  lines.push(look ? `Picture: ${look}.` : 'Picture: not measured.');
  lines.push(soundLine(view, shot));
  for (const span of within(view.black, shot)) lines.push(`Black frames ${clock.span(span.start_s, span.end_s)}.`);
  const still = view.static_shots.some((s) => s.number === shot.number);
  if (still) lines.push('Still picture for the whole shot (a title card or held still).');
  else for (const span of within(view.frozen, shot)) lines.push(`Frozen picture ${clock.span(span.start_s, span.end_s)}.`);
  for (const fade of view.fades.filter((f) => overlapLength(f, shot) > 0)) lines.push(`Fade ${fade.kind === 'in' ? 'in from' : 'out to'} black ${clock.span(fade.start_s, fade.end_s)}.`);
  for (const span of within(view.clipping, shot)) lines.push(`Clipping ${clock.span(span.start_s, span.end_s)}.`);
  if (view.loudest_moment && view.loudest_moment.at_s >= shot.start_s && view.loudest_moment.at_s < shot.end_s) lines.push(`Loudest moment of the video at ${clock.precise(view.loudest_moment.at_s)}.`);
  for (const span of textWithin(view, shot.start_s, shot.end_s)) lines.push(`Text on screen ${clock.span(span.start_s, span.end_s)}: "${span.text}".`);
  const isLast = shot.number === view.shots.length;
  lines.push(isLast ? `The video ends at ${clock.precise(view.duration_s)}.` : `Hard cut at ${clock.precise(shot.end_s)}.`);
  return `**${clock.span(shot.start_s, shot.end_s)} · shot ${shot.number}** (${clock.length(shot.length_s)})\n\n${bullets(lines)}`;
}

export const timelineSection: Section = {
  id: 'timeline',
  title: 'Timeline',
  write(view) {
    if (view.shots.length === 0) return 'Nothing could be measured along the video, so there is no timeline.';
    const detailed = view.shots.slice(0, maxDetailedShots).map((shot) => shotEntry(view, shot));
    const rest = view.shots.length - detailed.length;
    const tail = rest > 0 ? `\n\n_${rest} more shots, to ${view.clock.precise(view.duration_s)}, are listed in the pacing figures only._` : '';
    const cannotSee = view.text === null ? 'people, objects, actions, on-screen text' : 'people, objects, actions';
    return `Shot by shot, with what was measured in each${view.text === null ? '' : ' and the text read on screen'}. The picture itself (${cannotSee}) is not described: a measurement cannot see it.\n\n${detailed.join('\n\n')}${tail}`;
  },
};

export const fullAnalyzer: LocalAnalyzer = {
  id: 'full',
  title: 'full timeline',
  specialty: [
    timelineSection,
    onScreenTextSection,
    pacingSection,
    blackFrozenSection,
    loudnessSection,
    loudMomentsSection,
    silencesSection,
    lookOverallSection,
    lookConsistencySection,
  ],
};
