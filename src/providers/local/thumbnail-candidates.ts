import { steadyPart, type FactsView, type ShotView } from './facts-view.js';
import { describeLook, thumbnailScore } from './look-verdicts.js';
import { bullets } from './markdown.js';
import type { Section } from './section.js';

const maxCandidates = 3;
const minGoodScore = 0.35;

interface Candidate {
  shot: ShotView;
  at_s: number;
  score: number | undefined;
}

/** The middle of each shot's clean part: past any fade-in, away from the cuts. */
export function thumbnailCandidates(view: FactsView): Candidate[] {
  const candidates: Candidate[] = [];
  for (const shot of view.shots) {
    const clean = steadyPart(view, shot);
    if (!clean) continue;
    candidates.push({ shot, at_s: (clean.start_s + clean.end_s) / 2, score: thumbnailScore(shot.look) });
  }
  const measured = candidates.some((candidate) => candidate.score !== undefined);
  const ranked = candidates.sort((a, b) =>
    measured
      ? (b.score ?? -1) - (a.score ?? -1) || a.at_s - b.at_s
      : b.shot.length_s - a.shot.length_s || a.at_s - b.at_s,
  );
  // weak frames (dark, flat, grey) are only offered when nothing better exists
  const good = measured ? ranked.filter((candidate) => (candidate.score ?? 0) >= minGoodScore) : ranked;
  return (good.length > 0 ? good : ranked).slice(0, maxCandidates);
}

function overlayAdvice(shot: ShotView): string {
  const brightness = shot.look.brightness;
  if (brightness === undefined) return 'Overlay: large, short text (three to five words) with an outline.';
  return brightness >= 150
    ? 'Overlay: a bright frame, so use dark, heavy text or a solid backing box.'
    : 'Overlay: white, heavy text with a dark outline stands out on this frame.';
}

export const thumbnailSection: Section = {
  id: 'thumbnails',
  title: 'Thumbnail candidates',
  write(view) {
    const { clock } = view;
    const candidates = thumbnailCandidates(view);
    if (candidates.length === 0) return 'No frame free of black or frozen picture was found to suggest.';
    const measured = candidates.some((candidate) => candidate.score !== undefined);
    const intro = measured
      ? 'Frames ranked by how well they are exposed, their contrast and colour (one per shot, from the middle of the shot, away from cuts and fades).'
      : 'Picture statistics were not measured, so these are the middles of the longest shots, the steadiest frames to pick from.';
    const entries = candidates.map((candidate, i) => {
      const look = describeLook(candidate.shot.look);
      const lines = [
        `From shot ${candidate.shot.number} (${clock.span(candidate.shot.start_s, candidate.shot.end_s)}).`,
        look ? `Why: ${look}.` : 'Why: one of the longest, steadiest shots.',
        overlayAdvice(candidate.shot),
      ];
      const score = candidate.score === undefined ? '' : ` (score ${Math.round(candidate.score * 100)}/100)`;
      return `${i + 1}. **${clock.precise(candidate.at_s)}**${score}\n\n${bullets(lines)}`;
    });
    return `${intro} This analyzer cannot see faces, expressions or the subject, which make most thumbnails: look at each frame before choosing.\n\n${entries.join('\n\n')}`;
  },
};
