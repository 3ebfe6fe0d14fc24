/** Formats seconds as MM:SS (or H:MM:SS past an hour), rounding down. */
export function formatTimecode(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds + 1e-6));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const mm = String(m).padStart(2, '0');
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Formats seconds as MM:SS.s, for times that need sub-second precision (cuts). */
export function formatPreciseTimecode(seconds: number): string {
  const tenths = Math.round(Math.max(0, seconds) * 10) / 10;
  const whole = Math.floor(tenths);
  const fraction = Math.round((tenths - whole) * 10);
  return `${formatTimecode(whole)}.${fraction}`;
}

export interface TimestampMention {
  seconds: number;
  /** the text as written */
  text: string;
  /** character offset in the source */
  index: number;
}

const clockPattern = /\b(?:(\d{1,2}):)?(\d{1,2}):(\d{2})(?:[.,](\d{1,3}))?\b/g;
const secondsPattern = /\b(\d{1,5}(?:\.\d{1,3})?)\s?(?:s|sec|secs|seconds?)\b/gi;

/**
 * Finds timestamps written in an answer: `MM:SS`, `H:MM:SS`, `MM:SS.s` and
 * `12.5s` / `12 seconds`. Ranges like `00:05-00:10` yield both ends.
 */
export function findTimestamps(text: string): TimestampMention[] {
  const found: TimestampMention[] = [];
  for (const match of text.matchAll(clockPattern)) {
    const [whole, h, m, s, fraction] = match;
    if (Number(s) >= 60) continue;
    const seconds =
      Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s) + (fraction ? Number(`0.${fraction}`) : 0);
    found.push({ seconds, text: whole, index: match.index ?? 0 });
  }
  for (const match of text.matchAll(secondsPattern)) {
    found.push({ seconds: Number(match[1]), text: match[0], index: match.index ?? 0 });
  }
  return found.sort((a, b) => a.index - b.index);
}
