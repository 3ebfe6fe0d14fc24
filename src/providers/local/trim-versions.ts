import type { TimeSpan } from '../../domain/index.js';
import { cleanPart, type FactsView, type ShotView } from './facts-view.js';
import { exposureOf } from './look-verdicts.js';
import { table } from './markdown.js';
import type { Section } from './section.js';
import { coveredLength, spanLength } from './spans.js';

export const trimTargets_s = [15, 30, 60] as const;

interface Segment extends TimeSpan {
  shot: ShotView;
}

/** Says which part of its shot a segment keeps. */
function describeSegment(view: FactsView, segment: Segment): string {
  const { shot } = segment;
  const name = shot.number === 1 ? 'shot 1 (the opening, the hook)' : `shot ${shot.number}`;
  const clean = cleanPart(view, shot) ?? shot;
  const notes: string[] = [];
  if (clean.start_s > shot.start_s + 0.05 || clean.end_s < shot.end_s - 0.05) notes.push('without its black or frozen frames');
  if (segment.end_s < clean.end_s - 0.05) notes.push('cut short to fit');
  return `${name}, ${notes.length > 0 ? notes.join(', ') : 'whole'}`;
}

/** The usable part of each shot, best first: sound over silence, good exposure, the opening shot as the hook. */
function rankedPieces(view: FactsView): (Segment & { score: number })[] {
  const pieces: (Segment & { score: number })[] = [];
  for (const shot of view.shots) {
    const clean = cleanPart(view, shot);
    if (!clean || spanLength(clean) < 0.5) continue;
    const silentShare = coveredLength(clean, view.silences) / spanLength(clean);
    const exposure = shot.look.brightness === undefined ? 'normal' : exposureOf(shot.look.brightness);
    const exposurePenalty = exposure === 'very dark' || exposure === 'very bright' ? 0.2 : 0;
    const score = 1 - 0.4 * silentShare - exposurePenalty + (shot.number === 1 ? 0.5 : 0);
    pieces.push({ ...clean, shot, score });
  }
  return pieces.sort((a, b) => b.score - a.score || a.start_s - b.start_s);
}

/** Fills the target length with the best pieces (each cut from its start), then puts them back in time order. */
export function planTrim(view: FactsView, target_s: number): Segment[] {
  const chosen: Segment[] = [];
  let remaining = target_s;
  for (const piece of rankedPieces(view)) {
    if (remaining < 0.5) break;
    const take = Math.min(spanLength(piece), remaining);
    chosen.push({ start_s: piece.start_s, end_s: view.clock.clamp(piece.start_s + take), shot: piece.shot });
    remaining -= take;
  }
  return chosen.sort((a, b) => a.start_s - b.start_s);
}

function writeVersion(view: FactsView, target_s: number): string {
  const { clock } = view;
  const heading = `### ${target_s}-second version`;
  if (view.duration_s <= target_s + 0.05) {
    return `${heading}\n\nThe video is already ${clock.precise(view.duration_s)} long, no longer than the ${target_s}-second target: keep it whole (${clock.span(0, view.duration_s)}), tightening only the dead air listed under Suggested trims, if any.`;
  }
  const segments = planTrim(view, target_s);
  if (segments.length === 0) return `${heading}\n\nNo shot has enough clean picture (free of black and frozen frames) to build this version.`;
  const rows = segments.map((segment, i) => [
    String(i + 1),
    clock.precise(segment.start_s),
    clock.precise(segment.end_s),
    clock.tenths(spanLength(segment)),
    describeSegment(view, segment),
  ]);
  const total = segments.reduce((sum, segment) => sum + spanLength(segment), 0);
  const short = total < target_s - 0.5 ? ' (less than the target: the rest of the video is black, frozen or too short to use)' : '';
  return `${heading}\n\n${table(['#', 'In', 'Out', 'Length (s)', 'From'], rows)}\n\nTotal ${clock.length(total)} from ${segments.length} segment${segments.length === 1 ? '' : 's'}${short}, joined with hard cuts.`;
}

export const trimVersionsSection: Section = {
  id: 'trim-versions',
  title: 'Shorter versions',
  write(view) {
    const method =
      view.shots.length > 1
        ? 'Each version is built from whole shots, cut at the measured shot boundaries: the opening shot stays as the hook, shots with sound and good exposure come first, black and frozen frames are left out.'
        : 'The video is one continuous shot, so each version is a single stretch cut by time, leaving out black and frozen frames.';
    return [
      `${method} This analyzer cannot tell which moments matter to the story: check the selection before exporting.`,
      ...trimTargets_s.map((target) => writeVersion(view, target)),
    ].join('\n\n');
  },
};
