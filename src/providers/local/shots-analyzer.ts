import { type FactsView } from './facts-view.js';
import { bullets, capRows, plural, table } from './markdown.js';
import type { LocalAnalyzer, Section } from './section.js';
import { spanLength } from './spans.js';

const maxListed = 120;

export function pacingVerdict(averageShot_s: number): string {
  if (averageShot_s < 1.5) return 'very fast (montage or trailer pace)';
  if (averageShot_s < 3) return 'fast (typical of social media edits)';
  if (averageShot_s < 6) return 'moderate';
  if (averageShot_s < 12) return 'slow (long takes)';
  return 'very slow (one long take or very few cuts)';
}

export const cutsSection: Section = {
  id: 'cuts',
  title: 'Scene changes and shot list',
  write(view) {
    const { clock } = view;
    if (view.cuts_s.length === 0) {
      return `No hard cuts detected: the whole video (${clock.span(0, view.duration_s)}) is one continuous shot. Dissolves, slow fades and whip pans may not register as cuts.`;
    }
    const cuts = capRows(view.cuts_s, maxListed);
    const shots = capRows(view.shots, maxListed);
    const rows = shots.shown.map((shot) => [
      String(shot.number),
      clock.precise(shot.start_s),
      clock.precise(shot.end_s),
      clock.tenths(shot.length_s),
    ]);
    return [
      `${plural(view.cuts_s.length, 'hard cut')} detected, at ${cuts.shown.map(clock.precise).join(', ')}${cuts.note ? ' (and more)' : ''}.`,
      table(['Shot', 'In', 'Out', 'Length (s)'], rows) + shots.note,
    ].join('\n\n');
  },
};

/** Runs of at least three consecutive shots shorter than a second. */
function rapidRuns(view: FactsView): { first: number; last: number }[] {
  const runs: { first: number; last: number }[] = [];
  let start = -1;
  view.shots.forEach((shot, i) => {
    const short = shot.length_s < 1;
    if (short && start < 0) start = i;
    const ends = !short || i === view.shots.length - 1;
    if (ends && start >= 0) {
      const last = short ? i : i - 1;
      if (last - start >= 2) runs.push({ first: start, last });
      start = -1;
    }
  });
  return runs;
}

export const pacingSection: Section = {
  id: 'pacing',
  title: 'Pacing',
  write(view) {
    const { clock, shots } = view;
    if (shots.length === 0) return 'No shots could be measured, so pacing cannot be assessed.';
    const byLength = [...shots].sort((a, b) => a.length_s - b.length_s || a.start_s - b.start_s);
    const shortest = byLength[0];
    const longest = byLength[byLength.length - 1];
    const facts = [
      `Average shot length: ${clock.length(view.average_shot_s)} over ${plural(shots.length, 'shot')}.`,
      `Cuts per minute: ${view.cuts_per_minute.toFixed(1)}.`,
    ];
    if (shots.length > 1 && longest.length_s - shortest.length_s < 0.1) {
      facts.push(`Every shot lasts about ${clock.length(view.average_shot_s)}.`);
    } else if (shots.length > 1) {
      facts.push(`Shortest: shot ${shortest.number} (${clock.span(shortest.start_s, shortest.end_s)}, ${clock.length(shortest.length_s)}); longest: shot ${longest.number} (${clock.span(longest.start_s, longest.end_s)}, ${clock.length(longest.length_s)}).`);
    }
    facts.push(`Verdict: **${pacingVerdict(view.average_shot_s)}**.`);

    const advice: string[] = [];
    if (shots.length === 1) {
      advice.push('One continuous shot: any sense of pace comes from what happens inside it. Cuts or punch-ins every few seconds would speed it up.');
    } else {
      for (const shot of shots.filter((s) => s.length_s >= 2 * view.average_shot_s && s.length_s >= 4).slice(0, 8)) {
        advice.push(`Shot ${shot.number} (${clock.span(shot.start_s, shot.end_s)}) runs ${clock.length(shot.length_s)}, more than twice the average: trim it or break it with a cutaway to speed up here.`);
      }
      for (const run of rapidRuns(view).slice(0, 5)) {
        const first = shots[run.first];
        const last = shots[run.last];
        advice.push(`Shots ${first.number}–${last.number} (${clock.span(first.start_s, last.end_s)}) each last under a second: let one of them breathe if the sequence feels frantic.`);
      }
      const mean = shots.reduce((sum, s) => sum + s.length_s, 0) / shots.length;
      const spread = Math.sqrt(shots.reduce((sum, s) => sum + (s.length_s - mean) ** 2, 0) / shots.length);
      if (shots.length >= 3 && spread / mean < 0.25) {
        const run = shots.slice(1, Math.min(shots.length - 1, 4));
        const held = shots[shots.length - 1];
        advice.push(
          `Shot lengths are very even (a metronomic rhythm): speed up by tightening shots ${run[0].number}–${run[run.length - 1].number} (${clock.span(run[0].start_s, run[run.length - 1].end_s)}) into a quick run, then slow down by holding shot ${held.number} (from ${clock.precise(held.start_s)}) longer.`,
        );
      }
      if (advice.length === 0) advice.push('No shot stands out as too long or too short against the average.');
    }
    return `${bullets(facts)}\n\nWhere the rhythm could change:\n\n${bullets(advice)}`;
  },
};

export const blackFrozenSection: Section = {
  id: 'black-frozen',
  title: 'Black, fades and still picture',
  write(view) {
    const { clock } = view;
    const edge = (start_s: number, end_s: number): string =>
      start_s <= 0.05 ? ' at the very start' : end_s >= view.duration_s - 0.05 ? ' at the very end' : '';
    const inStatic = (span: { start_s: number; end_s: number }) =>
      view.static_shots.some((shot) => span.start_s >= shot.start_s - 0.05 && span.end_s <= shot.end_s + 0.05);
    const items = [
      ...view.black.map((span) => ({
        at: span.start_s,
        text: `Black ${clock.span(span.start_s, span.end_s)} (${clock.length(spanLength(span))})${edge(span.start_s, span.end_s)}: trim it unless it is a deliberate pause.`,
      })),
      ...view.fades.map((fade) => ({
        at: fade.start_s,
        text: fade.kind === 'out'
          ? `Fade out to black ${clock.span(fade.start_s, fade.end_s)} (${clock.length(spanLength(fade))})${edge(fade.start_s, fade.end_s)}.`
          : `Fade in from black ${clock.span(fade.start_s, fade.end_s)} (${clock.length(spanLength(fade))})${edge(fade.start_s, fade.end_s)}.`,
      })),
      ...view.static_shots.map((shot) => ({
        at: shot.start_s,
        text: `Static shot ${shot.number} (${clock.span(shot.start_s, shot.end_s)}, ${clock.length(shot.length_s)}): the picture stands still between two cuts, a title card or a held still; fine if it carries text to read, otherwise add movement (a slow push-in).`,
      })),
      ...view.frozen.filter((span) => !inStatic(span)).map((span) => ({
        at: span.start_s,
        text: `Frozen picture ${clock.span(span.start_s, span.end_s)} (${clock.length(spanLength(span))})${edge(span.start_s, span.end_s)} inside a moving shot: a stalled camera or a dropped-frame glitch; trim it or cover it with another shot.`,
      })),
    ].sort((a, b) => a.at - b.at);
    if (items.length === 0) return 'No black frames, fades or still picture detected.';
    const listed = capRows(items, 60);
    return bullets(listed.shown.map((item) => item.text)) + listed.note;
  },
};

export const shotsAnalyzer: LocalAnalyzer = {
  id: 'shots',
  title: 'shots and pacing',
  specialty: [cutsSection, pacingSection, blackFrozenSection],
};
