/**
 * Text for comparison: upper case, letters and digits only, words separated
 * by single spaces. Quotes, dashes and OCR's stray punctuation do not count.
 */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}

/** Levenshtein edit distance (insertions, deletions, substitutions). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/** 1 for the same normalised text, falling towards 0 as edits grow (relative to the longer text). */
export function textSimilarity(a: string, b: string): number {
  const x = normaliseText(a);
  const y = normaliseText(b);
  const longest = Math.max(x.length, y.length);
  if (longest === 0) return 1;
  return 1 - editDistance(x, y) / longest;
}

/**
 * Character accuracy of a reading against the truth: 1 - edits / length of
 * the truth, floored at 0 (the usual OCR figure, on normalised text).
 */
export function characterAccuracy(reading: string, truth: string): number {
  const x = normaliseText(reading);
  const y = normaliseText(truth);
  if (y.length === 0) return x.length === 0 ? 1 : 0;
  return Math.max(0, 1 - editDistance(x, y) / y.length);
}

/**
 * How well `quote` is found inside `text`: the best similarity of the quote
 * to any run of whole words of the text, so "SUMMER SALE" matches inside
 * "SUMMER SALE 50 PERCENT OFF".
 */
export function containedSimilarity(quote: string, text: string): number {
  const q = normaliseText(quote);
  const words = normaliseText(text).split(' ').filter(Boolean);
  if (q.length === 0) return 0;
  let best = 0;
  for (let start = 0; start < words.length; start += 1) {
    for (let end = start + 1; end <= words.length; end += 1) {
      const piece = words.slice(start, end).join(' ');
      if (piece.length > q.length * 2) break;
      const longest = Math.max(piece.length, q.length);
      best = Math.max(best, 1 - editDistance(piece, q) / longest);
    }
  }
  return best;
}
