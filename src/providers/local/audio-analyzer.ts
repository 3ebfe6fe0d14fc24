import { bullets, capRows, signed, table } from './markdown.js';
import type { LocalAnalyzer, Section } from './section.js';
import { spanLength } from './spans.js';

/** Common streaming target (YouTube, Spotify, TikTok normalise to about this). */
export const targetLufs = -14;
/** Ceiling that leaves headroom for lossy encoding. */
export const truePeakCeilingDbtp = -1;

function withUnit(value: number | null, unit: string): string {
  return value === null ? 'not measured' : `${value.toFixed(1)} ${unit}`;
}

function integratedVerdict(lufs: number | null, peak: number | null): string {
  if (lufs === null) return 'not measured';
  if (lufs < -40) return 'almost silent: check the track is not muted or nearly empty';
  const diff = lufs - targetLufs;
  if (Math.abs(diff) <= 1) return 'on target';
  if (diff < 0) {
    const gain = -diff;
    const predictedPeak = peak === null ? null : peak + gain;
    const limiter =
      predictedPeak !== null && predictedPeak > truePeakCeilingDbtp
        ? ` (that would push the peak to about ${signed(predictedPeak)} dBTP, so use a true-peak limiter)`
        : '';
    return `${gain.toFixed(1)} dB too quiet: raise the level by about ${gain.toFixed(1)} dB${limiter}; platforms turn loud videos down but rarely turn quiet ones up`;
  }
  return `${diff.toFixed(1)} dB too loud: platforms will turn it down, so lower it by about ${diff.toFixed(1)} dB and keep the dynamics`;
}

function peakVerdict(peak: number | null): string {
  if (peak === null) return 'not measured';
  if (peak > 0) return 'clipping: lower the level or use a true-peak limiter';
  if (peak > truePeakCeilingDbtp) return 'above the ceiling: lossy encoding may clip; use a true-peak limiter at -1 dBTP';
  return 'enough headroom';
}

function rangeVerdict(range: number | null): string {
  if (range === null) return 'not measured';
  if (range < 3) return 'very compressed: even, but can feel flat';
  if (range <= 12) return 'normal for speech and music';
  if (range <= 20) return 'wide: quiet passages may get lost on phone speakers; light compression helps';
  return 'very wide: compress, or quiet parts will be inaudible on phones';
}

export const loudnessSection: Section = {
  id: 'loudness',
  title: 'Loudness',
  write(view) {
    if (!view.has_audio) {
      return 'The video has no audio track, so there is no loudness to measure. If it is meant to be heard, add music or a voice-over mixed to about -14 LUFS.';
    }
    const { integrated_lufs, true_peak_dbtp, loudness_range_lu } = view.loudness;
    const rows = [
      ['Integrated loudness', withUnit(integrated_lufs, 'LUFS'), `${targetLufs} LUFS (streaming)`, integratedVerdict(integrated_lufs, true_peak_dbtp)],
      ['True peak', withUnit(true_peak_dbtp, 'dBTP'), `at most ${truePeakCeilingDbtp} dBTP`, peakVerdict(true_peak_dbtp)],
      ['Loudness range', withUnit(loudness_range_lu, 'LU'), 'about 4–12 LU', rangeVerdict(loudness_range_lu)],
    ];
    return `${table(['Measure', 'Value', 'Target', 'Verdict'], rows)}\n\nMeasured with ffmpeg's EBU R128 meter over the whole video.`;
  },
};

export const silencesSection: Section = {
  id: 'silences',
  title: 'Silences',
  write(view) {
    const { clock } = view;
    if (!view.has_audio) return 'The video has no audio track: no silences to measure.';
    if (view.silences.length === 0) {
      return `No silences detected: there is sound throughout (${clock.span(0, view.duration_s)}).`;
    }
    const total = view.silences.reduce((sum, span) => sum + spanLength(span), 0);
    if (view.duration_s > 0 && total >= 0.98 * view.duration_s) {
      return `The audio track is silent throughout (${clock.span(0, view.duration_s)}): add sound, or check the track was exported.`;
    }
    const items = view.silences.map((span) => {
      const length = spanLength(span);
      const where =
        span.start_s <= 0.05
          ? 'at the start: open on sound, or trim the lead-in'
          : span.end_s >= view.duration_s - 0.05
            ? 'to the end: end the video earlier, or carry music or ambient sound to the end'
            : length >= 2
              ? 'a long pause: tighten it unless it is a deliberate beat'
              : 'a short pause (natural between phrases)';
      return `Silence from ${clock.precise(span.start_s)} to ${clock.precise(span.end_s)} (${clock.length(length)}), ${where}.`;
    });
    const listed = capRows(items, 60);
    const share = view.duration_s > 0 ? Math.round((100 * total) / view.duration_s) : 0;
    return [
      bullets(listed.shown) + listed.note,
      `Silent for ${clock.length(total)} in total (${share}% of the video). Silence means the level stayed under the detector's threshold, so quiet room tone can count as silence.`,
    ].join('\n\n');
  },
};

export const loudMomentsSection: Section = {
  id: 'loud-moments',
  title: 'Loudest moment and clipping',
  write(view) {
    const { clock } = view;
    if (!view.has_audio) return 'The video has no audio track: nothing is loud and nothing clips.';
    const lines: string[] = [];
    if (view.loudest_moment) {
      lines.push(`Loudest moment: ${clock.precise(view.loudest_moment.at_s)} (momentary loudness ${view.loudest_moment.momentary_lufs.toFixed(1)} LUFS).`);
    }
    for (const span of view.loud) {
      lines.push(`Loud ${clock.span(span.start_s, span.end_s)}: up to ${span.max_momentary_lufs.toFixed(1)} LUFS momentary; lower this passage by about ${Math.max(1, span.max_momentary_lufs - targetLufs).toFixed(0)} dB or compress it.`);
    }
    for (const span of view.clipping) {
      lines.push(`Clipping ${clock.span(span.start_s, span.end_s)}: the peak reaches ${signed(span.peak_dbtp)} dBTP; lower the level there and put a true-peak limiter at ${truePeakCeilingDbtp} dBTP on the mix.`);
    }
    if (view.clipping.length === 0) {
      const peak = view.loudness.true_peak_dbtp;
      lines.push(`No clipping${peak === null ? '' : `: the true peak is ${signed(peak)} dBTP`}.`);
    }
    if (view.loud.length === 0) lines.push('No passage is uncomfortably loud.');
    return `${bullets(lines)}\n\nFrom ffmpeg's EBU R128 meter, every 100 ms.`;
  },
};

export const audioFixesSection: Section = {
  id: 'audio-fixes',
  title: 'Fixes, in order',
  write(view) {
    const { clock } = view;
    if (!view.has_audio) return 'Add a soundtrack: music or a voice-over mixed to about -14 LUFS.';
    const fixes: string[] = [];
    for (const span of view.clipping) fixes.push(`Repair the clipping ${clock.span(span.start_s, span.end_s)}: lower that passage and re-export; clipped peaks cannot be restored later.`);
    const lufs = view.loudness.integrated_lufs;
    if (lufs !== null && Math.abs(lufs - targetLufs) > 1) fixes.push(`Normalise the whole mix from ${lufs.toFixed(1)} to ${targetLufs} LUFS.`);
    for (const span of view.silences.filter((s) => spanLength(s) >= 1)) fixes.push(`Fill or tighten the silence ${clock.span(span.start_s, span.end_s)} (room tone, music, or trim it).`);
    if (fixes.length === 0) fixes.push('Nothing to fix on these measurements: levels, peaks and continuity are fine.');
    return bullets(fixes.map((fix, i) => `${i + 1}. ${fix}`));
  },
};

export const audioAnalyzer: LocalAnalyzer = {
  id: 'audio',
  title: 'audio',
  specialty: [loudnessSection, loudMomentsSection, silencesSection, audioFixesSection],
};
