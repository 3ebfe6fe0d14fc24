import { bullets, capRows, measured, table } from './markdown.js';
import { castOf, castVerdict, contrastVerdict, exposureVerdict, saturationVerdict } from './look-verdicts.js';
import type { LocalAnalyzer, Section } from './section.js';
import type { LookStats } from '../../domain/index.js';

const hasLook = (look: Partial<LookStats>): boolean => look.brightness !== undefined || look.saturation !== undefined;

export const lookOverallSection: Section = {
  id: 'look-overall',
  title: 'Overall look',
  write(view) {
    const { look } = view;
    if (!hasLook(look)) return 'Picture statistics (brightness, contrast, colour) were not measured for this video.';
    const lines = [
      `Brightness ${measured(look.brightness)} of 255 — ${exposureVerdict(look.brightness)}.`,
      `Contrast ${measured(look.contrast)} — ${contrastVerdict(look.contrast)}.`,
      `Saturation ${measured(look.saturation)} — ${saturationVerdict(look.saturation)}.`,
      `Colour cast — ${castVerdict(look)}.`,
    ];
    return `${bullets(lines)}\n\nFigures are ffmpeg signalstats averages over the whole video (8-bit scale).`;
  },
};

export const lookShotsSection: Section = {
  id: 'look-shots',
  title: 'Exposure and colour shot by shot',
  write(view) {
    const { clock } = view;
    const measuredShots = view.shots.filter((shot) => hasLook(shot.look));
    if (measuredShots.length === 0) return 'Per-shot picture statistics were not measured.';
    const listed = capRows(measuredShots, 100);
    const rows = listed.shown.map((shot) => [
      String(shot.number),
      clock.span(shot.start_s, shot.end_s),
      measured(shot.look.brightness),
      measured(shot.look.contrast),
      measured(shot.look.saturation),
      castOf(shot.look)?.label ?? 'n/m',
      exposureVerdict(shot.look.brightness).split(':')[0],
    ]);
    const notes = listed.shown
      .flatMap((shot) => {
        const issues = [exposureVerdict(shot.look.brightness), contrastVerdict(shot.look.contrast), saturationVerdict(shot.look.saturation)]
          .filter((verdict) => verdict.includes(':'))
          .map((verdict) => verdict.split(': ')[1]);
        return issues.length > 0 ? [`Shot ${shot.number} (${clock.span(shot.start_s, shot.end_s)}): ${issues.join('; ')}.`] : [];
      })
      .slice(0, 20);
    return [
      table(['Shot', 'Time', 'Brightness', 'Contrast', 'Saturation', 'Cast', 'Exposure'], rows) + listed.note,
      notes.length > 0 ? `Grading notes:\n\n${bullets(notes)}` : 'No shot needs an exposure or saturation fix on these figures.',
    ].join('\n\n');
  },
};

export const lookConsistencySection: Section = {
  id: 'look-consistency',
  title: 'Shot-to-shot consistency',
  write(view) {
    const { clock } = view;
    const shots = view.shots.filter((shot) => hasLook(shot.look));
    if (shots.length < 2) return 'Fewer than two shots have picture statistics, so there is nothing to compare.';
    const jumps: string[] = [];
    for (let i = 1; i < view.shots.length; i += 1) {
      const before = view.shots[i - 1].look;
      const after = view.shots[i].look;
      const cut = clock.precise(view.shots[i].start_s);
      const changes: string[] = [];
      if (before.brightness !== undefined && after.brightness !== undefined && Math.abs(after.brightness - before.brightness) > 35) {
        changes.push(`brightness ${before.brightness.toFixed(0)} → ${after.brightness.toFixed(0)}`);
      }
      if (before.saturation !== undefined && after.saturation !== undefined && Math.abs(after.saturation - before.saturation) > 20) {
        changes.push(`saturation ${before.saturation.toFixed(0)} → ${after.saturation.toFixed(0)}`);
      }
      const castBefore = castOf(before);
      const castAfter = castOf(after);
      if (
        castBefore && castAfter &&
        Math.hypot((after.cast_u ?? 0) - (before.cast_u ?? 0), (after.cast_v ?? 0) - (before.cast_v ?? 0)) > 6
      ) {
        changes.push(`colour ${castBefore.label} → ${castAfter.label}`);
      }
      if (changes.length > 0) jumps.push(`Cut at ${cut} (shot ${i} → ${i + 1}): ${changes.join(', ')}.`);
    }
    const brightness = shots.map((shot) => shot.look.brightness).filter((b): b is number => b !== undefined);
    const spread = brightness.length > 1 ? Math.max(...brightness) - Math.min(...brightness) : 0;
    const summary =
      jumps.length === 0
        ? `The shots match: no large jump in brightness, saturation or colour at any cut (brightness varies by ${spread.toFixed(0)} across shots).`
        : `${jumps.length} cut${jumps.length === 1 ? '' : 's'} with a visible jump (brightness varies by ${spread.toFixed(0)} across shots). Match these in the grade unless the change is deliberate (a new location, night and day):`;
    const listed = capRows(jumps, 30);
    return jumps.length === 0 ? summary : `${summary}\n\n${bullets(listed.shown)}${listed.note}`;
  },
};

export const lookAnalyzer: LocalAnalyzer = {
  id: 'look',
  title: 'look and colour',
  specialty: [lookOverallSection, lookShotsSection, lookConsistencySection],
};
