import { describe, expect, it } from 'vitest';
import { mergeTextSpans } from './merge-text-spans.js';
import { characterAccuracy, containedSimilarity } from './text-similarity.js';

const at = (t: number, ...lines: [string, number][]) => ({ timestamp_s: t, lines: lines.map(([text, confidence]) => ({ text, confidence })) });

describe('mergeTextSpans', () => {
  it('merges the same text across consecutive frames, edges halfway to the neighbours or at a cut', () => {
    const spans = mergeTextSpans(
      [at(0.5), at(1.5, ['TOKYO - DAY 1', 93]), at(2.5, ['TOKYO - DAY l', 80]), at(3.5), at(4.5)],
      { duration_s: 5, cuts_s: [3.2] },
    );
    expect(spans).toEqual([{ start_s: 1, end_s: 3.2, text: 'TOKYO - DAY 1', confidence: 87, frames: 2 }]);
  });

  it('drops noise: short, unsure, symbol-heavy lines and unsure one-frame sightings', () => {
    const spans = mergeTextSpans(
      [at(0.5, ['Fr', 90], ['SNe y \\', 55], ['~OF {', 65], ['a a ES', 80]), at(1.5, ['OPEN LATE', 65])],
      { duration_s: 2, cuts_s: [] },
    );
    expect(spans).toEqual([]);
  });
});

describe('text similarity', () => {
  it('scores character accuracy and finds a quote inside longer text', () => {
    expect(characterAccuracy('SUMMER SALE 50 cent OFF', 'SUMMER SALE 50 PERCENT OFF')).toBeLessThan(0.95);
    expect(characterAccuracy('Tokyo — Day 1', 'TOKYO - DAY 1')).toBe(1);
    expect(containedSimilarity('summer sale', 'SUMMER SALE 50 PERCENT OFF')).toBe(1);
    expect(containedSimilarity('WINTER DEALS', 'SUMMER SALE 50 PERCENT OFF')).toBeLessThan(0.6);
  });
});
