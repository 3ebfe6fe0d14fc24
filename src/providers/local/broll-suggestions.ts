import type { TimeSpan } from '../../domain/index.js';
import type { FactsView, ShotView } from './facts-view.js';
import { bullets } from './markdown.js';
import type { Section } from './section.js';
import { overlapLength, spanLength } from './spans.js';

/** Shots at least this long are worth breaking with a cutaway. */
const longShot_s = 6;

/** Evenly spaced cutaway windows inside a long shot, away from its edges. */
function cutawayWindows(shot: ShotView): TimeSpan[] {
  const count = Math.min(3, Math.max(1, Math.floor(shot.length_s / longShot_s)));
  const length = Math.min(3, shot.length_s / 4);
  return Array.from({ length: count }, (_, i) => {
    const centre = shot.start_s + (shot.length_s * (i + 1)) / (count + 1);
    return { start_s: centre - length / 2, end_s: centre + length / 2 };
  });
}

function cutawayLine(view: FactsView, shot: ShotView): string {
  const { clock } = view;
  const windows = cutawayWindows(shot)
    .map((window) => {
      const silent = view.silences.some((span) => overlapLength(span, window) > 0.5 * spanLength(window));
      return `${clock.span(window.start_s, window.end_s)}${silent ? ' (silent here: the insert can carry its own sound or music)' : ''}`;
    })
    .join('; ');
  return `Shot ${shot.number}, ${clock.span(shot.start_s, shot.end_s)} (${clock.length(shot.length_s)}): cut away at ${windows}, returning to the shot after each insert.`;
}

export const brollSection: Section = {
  id: 'broll',
  title: 'B-roll and cutaways',
  write(view) {
    const { clock } = view;
    const intro =
      'This analyzer cannot see what the shots show, so it cannot say what the B-roll should depict: choose inserts that illustrate what is said or happening at these moments. It finds where cutaways help: long unbroken shots and frozen picture.';
    const longShots = view.shots
      .filter((shot) => shot.length_s >= longShot_s)
      .sort((a, b) => b.length_s - a.length_s || a.start_s - b.start_s)
      .slice(0, 6)
      .sort((a, b) => a.start_s - b.start_s);
    const lines = longShots.map((shot) => cutawayLine(view, shot));
    for (const span of view.frozen.slice(0, 10)) {
      lines.push(`Frozen picture ${clock.span(span.start_s, span.end_s)} (${clock.length(spanLength(span))}): cover it with B-roll of the same length.`);
    }
    if (lines.length === 0) {
      const longest = [...view.shots].sort((a, b) => b.length_s - a.length_s || a.start_s - b.start_s)[0];
      const where = longest
        ? ` The longest is shot ${longest.number} (${clock.span(longest.start_s, longest.end_s)}, ${clock.length(longest.length_s)}); an insert there would only help to hide a jump cut.`
        : '';
      return `${intro}\n\nNo shot runs long enough to need a cutaway, and there is no frozen picture to cover.${where}`;
    }
    return `${intro}\n\n${bullets(lines)}\n\nKeep each insert to a few seconds, cut on the action, and let the main audio run under it.`;
  },
};
