import { describe, expect, it } from 'vitest';
import { speechSpans } from './speech-spans.js';

const options = { window_s: 0.1, threshold: 0.5, end_threshold: 0.35, min_silence_s: 0.3, min_speech_s: 0.25 };
const probabilities = (...runs: [number, number][]) => runs.flatMap(([p, n]) => Array<number>(n).fill(p));

describe('speechSpans', () => {
  it('opens at the threshold and closes where the quiet began, once it lasted long enough', () => {
    expect(speechSpans(probabilities([0.1, 5], [0.9, 10], [0.1, 5]), options)).toEqual([{ start_s: 0.5, end_s: 1.5 }]);
  });

  it('bridges short pauses and wavering between the two thresholds', () => {
    expect(speechSpans(probabilities([0.9, 5], [0.1, 2], [0.9, 5], [0.4, 6], [0.9, 2], [0.0, 4]), options)).toEqual([{ start_s: 0, end_s: 2 }]);
  });

  it('splits at a long pause, drops bursts too short to be speech, and closes a span still open at the end', () => {
    expect(speechSpans(probabilities([0.9, 5], [0.1, 5], [0.9, 2], [0.1, 5], [0.8, 4]), options)).toEqual([
      { start_s: 0, end_s: 0.5 },
      { start_s: 1.7, end_s: 2.1 },
    ]);
  });

  it('finds nothing in silence', () => {
    expect(speechSpans(probabilities([0.02, 50]), options)).toEqual([]);
  });
});
