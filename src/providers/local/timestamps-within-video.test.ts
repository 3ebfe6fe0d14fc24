import { describe, expect, it } from 'vitest';
import { findTimestamps, promptTemplates } from '../../domain/index.js';
import { fuzzedFacts, seededRandom } from './__fixtures__/sample-facts.js';
import { createClock } from './clock.js';
import { localAnalyzerIds } from './local-analyzers.js';
import { writeLocalAnswer } from './write-local-answer.js';

// Float parsing of "MM:SS.s" can land a hair past an exact duration.
const tolerance_s = 1e-6;

describe('no local answer cites a time past the end of the video', () => {
  it('holds for many random, partly inconsistent facts, for every analyzer and prompt', () => {
    const random = seededRandom(20240611);
    const prompts = [...promptTemplates.map((t) => t.prompt), 'What happens here?'];
    let checked = 0;
    for (let i = 0; i < 120; i += 1) {
      const facts = fuzzedFacts(random, i);
      const analyzer = localAnalyzerIds[i % localAnalyzerIds.length];
      for (const prompt of prompts) {
        const text = writeLocalAnswer({ analyzer, facts, prompt });
        for (const mention of findTimestamps(text)) {
          expect(mention.seconds, `facts #${i} (${facts.duration_s} s), ${analyzer}, "${mention.text}" in: ${prompt}`).toBeLessThanOrEqual(
            facts.duration_s + tolerance_s,
          );
          checked += 1;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('createClock', () => {
  it('rounds to the nearest tenth unless that passes the end', () => {
    const clock = createClock(14.97);
    expect(clock.precise(4.96)).toBe('00:05.0');
    expect(clock.precise(14.97)).toBe('00:14.9');
    expect(clock.precise(99)).toBe('00:14.9');
    expect(clock.at(14.97)).toBe('00:14');
    expect(clock.length(20)).toBe('14.9 s');
    expect(clock.span(-3, 5)).toBe('00:00.0–00:05.0');
  });

  it('treats an unmeasured duration as zero', () => {
    const clock = createClock(Number.NaN);
    expect(clock.duration_s).toBe(0);
    expect(clock.precise(5)).toBe('00:00.0');
  });
});
