import type { TimeSpan } from '../../domain/index.js';

export function spanLength(span: TimeSpan): number {
  return Math.max(0, span.end_s - span.start_s);
}

export function overlapLength(a: TimeSpan, b: TimeSpan): number {
  return Math.max(0, Math.min(a.end_s, b.end_s) - Math.max(a.start_s, b.start_s));
}

/** Total time `span` shares with any of `others` (which may overlap each other). */
export function coveredLength(span: TimeSpan, others: readonly TimeSpan[]): number {
  return unionSpans(others).reduce((sum, other) => sum + overlapLength(span, other), 0);
}

/** Sorted, merged copy of the spans. */
export function unionSpans(spans: readonly TimeSpan[]): TimeSpan[] {
  const sorted = [...spans].sort((a, b) => a.start_s - b.start_s);
  const merged: TimeSpan[] = [];
  for (const span of sorted) {
    const last = merged[merged.length - 1];
    if (last && span.start_s <= last.end_s) last.end_s = Math.max(last.end_s, span.end_s);
    else merged.push({ start_s: span.start_s, end_s: span.end_s });
  }
  return merged;
}

/** The parts of `span` not covered by `holes`, in order. */
export function subtractSpans(span: TimeSpan, holes: readonly TimeSpan[]): TimeSpan[] {
  const pieces: TimeSpan[] = [];
  let cursor = span.start_s;
  for (const hole of unionSpans(holes)) {
    if (hole.end_s <= cursor || hole.start_s >= span.end_s) continue;
    if (hole.start_s > cursor) pieces.push({ start_s: cursor, end_s: hole.start_s });
    cursor = Math.max(cursor, hole.end_s);
  }
  if (cursor < span.end_s) pieces.push({ start_s: cursor, end_s: span.end_s });
  return pieces;
}

/** The longest piece, the earliest on a tie. */
export function longestSpan(spans: readonly TimeSpan[]): TimeSpan | undefined {
  let best: TimeSpan | undefined;
  for (const span of spans) if (!best || spanLength(span) > spanLength(best) + 1e-9) best = span;
  return best;
}
