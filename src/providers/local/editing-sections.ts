import type { TimeSpan } from '../../domain/index.js';
import { describeLook } from './look-verdicts.js';
import { bullets, capRows } from './markdown.js';
import type { Section } from './section.js';
import { spanLength, unionSpans } from './spans.js';

/** Viewers of short-form video decide within about this long whether to stay. */
const hookLength_s = 3;

export const hookSection: Section = {
  id: 'hook',
  title: 'Hook (the opening seconds)',
  write(view) {
    const { clock } = view;
    const first = view.shots[0];
    if (!first) return 'Nothing could be measured at the start of the video.';
    const hookEnd = Math.min(hookLength_s, view.duration_s);
    const cutsInHook = view.cuts_s.filter((t) => t < hookEnd);
    const lines: string[] = [
      `Shot 1 runs ${clock.span(first.start_s, first.end_s)} (${clock.length(first.length_s)}); ${cutsInHook.length === 0 ? 'no cut' : `${cutsInHook.length} cut${cutsInHook.length === 1 ? '' : 's'} (${cutsInHook.map(clock.precise).join(', ')})`} within the opening ${clock.span(0, hookEnd)}.`,
    ];
    const look = describeLook(first.look);
    if (look) lines.push(`Opening picture: ${look}.`);
    const openingBlack = view.black.find((span) => span.start_s <= 0.05);
    if (openingBlack) lines.push(`Opens on black until ${clock.precise(openingBlack.end_s)}: start on picture instead, a black opening loses viewers who scroll.`);
    const openingFrozen = view.frozen.find((span) => span.start_s <= 0.05);
    if (openingFrozen) lines.push(`The picture is frozen until ${clock.precise(openingFrozen.end_s)}: open on movement.`);
    const openingSilence = view.silences.find((span) => span.start_s <= 0.05);
    if (openingSilence) lines.push(`No sound until ${clock.precise(openingSilence.end_s)}: open on sound (a line, a beat of music).`);
    else if (view.has_audio) lines.push('Sound starts right away.');
    const verdict =
      cutsInHook.length > 0
        ? 'The picture changes within the opening: an active start.'
        : `The first shot holds for ${clock.length(first.length_s)} with no cut: open on the strongest moment, or add a cut, a punch-in or on-screen text within the first seconds.`;
    return `${bullets(lines)}\n\nVerdict: ${verdict}`;
  },
};

interface Trim extends TimeSpan {
  text: string;
}

export const trimsSection: Section = {
  id: 'trims',
  title: 'Suggested trims',
  write(view) {
    const { clock } = view;
    const atStart = (span: TimeSpan) => span.start_s <= 0.05;
    const atEnd = (span: TimeSpan) => span.end_s >= view.duration_s - 0.05;
    const trims: Trim[] = [];
    for (const span of view.black) {
      trims.push({ ...span, text: `Cut the black frames ${clock.span(span.start_s, span.end_s)} (${clock.length(spanLength(span))}).` });
    }
    for (const span of view.frozen) {
      trims.push({ ...span, text: `Cut or cover the frozen picture ${clock.span(span.start_s, span.end_s)} (${clock.length(spanLength(span))}).` });
    }
    const silentTotal = view.silences.reduce((sum, span) => sum + spanLength(span), 0);
    const trackSilent = view.duration_s > 0 && silentTotal >= 0.98 * view.duration_s;
    if (!trackSilent) {
      for (const span of view.silences) {
        const length = spanLength(span);
        if (atStart(span) && length >= 0.5) {
          trims.push({ ...span, text: `Trim the silent lead-in ${clock.span(span.start_s, span.end_s)} (${clock.length(length)}), or put sound under it.` });
        } else if (atEnd(span) && length >= 0.5) {
          trims.push({ ...span, text: `The last ${clock.length(length)} (from ${clock.precise(span.start_s)}) are silent: end the video at ${clock.precise(span.start_s)}, or carry sound to the end.` });
        } else if (length >= 1) {
          trims.push({ ...span, text: `Tighten the pause ${clock.span(span.start_s, span.end_s)} (${clock.length(length)}).` });
        }
      }
    }
    trims.sort((a, b) => a.start_s - b.start_s);
    const lines = capRows(trims.map((trim) => trim.text), 40);
    const longShots =
      view.shots.length > 1
        ? view.shots.filter((shot) => shot.length_s >= 2 * view.average_shot_s && shot.length_s >= 4).slice(0, 8)
        : [];
    const shorten = longShots.map(
      (shot) => `Shorten shot ${shot.number} (${clock.span(shot.start_s, shot.end_s)}, ${clock.length(shot.length_s)}): twice the average shot length; keep its strongest part.`,
    );
    if (trims.length === 0 && shorten.length === 0) {
      return 'No dead air found: no black or frozen frames, no long silences, no shot far longer than the rest.';
    }
    const parts: string[] = [];
    if (trims.length > 0) {
      const saved = unionSpans(trims).reduce((sum, span) => sum + spanLength(span), 0);
      parts.push(bullets(lines.shown) + lines.note);
      parts.push(`Removing all of these would save about ${clock.length(saved)}, taking the video from ${clock.precise(view.duration_s)} to about ${clock.precise(view.duration_s - saved)}.`);
    }
    if (shorten.length > 0) parts.push(bullets(shorten));
    if (trackSilent) parts.push('The audio track is silent throughout, so silences were not treated as dead air.');
    return parts.join('\n\n');
  },
};
